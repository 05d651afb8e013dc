// SPDX-License-Identifier: MIT
// A batch never stops at a bad file: `rapport check` and `rapport report` over one folder that
// mixes the good coded files of samples/ with every hostile EAF of tests/data/eaf/ (the 33-file
// malformed table) and tests/data/hostile/, a truncated copy of a sample, a FIFO and a folder
// named like an .eaf. Every good file is processed, every hostile one diagnosed under its own
// name, the exit code is the data-problem one (1), and no input is modified.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <map>
#include <set>

#include "child_process.hpp"
#include "rapport/report/lab_report.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace rapport::test;

namespace {

// Hostile files whose reading yields no diagnostic of their own: the two valid controls of the
// malformed table.
const std::set<std::string> silent = {"valid_minimal.eaf", "ref_link_set.eaf"};

struct Project {
  std::vector<std::string> good, hostile;
};

Project make_mixed_project(const fs::path& dir) {
  Project p;
  for (const auto& e : fs::directory_iterator(source_dir() / "samples")) {
    if (e.path().extension() != ".eaf") continue;
    fs::copy_file(e.path(), dir / e.path().filename());
    p.good.push_back(e.path().filename().string());
  }
  for (const char* area : {"eaf", "hostile"}) {
    fs::create_directory(dir / area);
    for (const auto& e : fs::directory_iterator(data_dir() / area)) {
      const std::string name = e.path().filename().string();
      // The entity blowups have their own test (hostile_corpus_test: refused at the declaration).
      if (e.path().extension() != ".eaf" || name.starts_with("quadratic_blowup")) continue;
      fs::copy_file(e.path(), dir / area / name);
      if (!silent.count(name)) p.hostile.push_back(std::string(area) + "/" + name);
    }
  }
  const std::string sample = read_whole(source_dir() / "samples" / "S02_coderA.eaf");
  std::ofstream(dir / "S02_coderA_truncated.eaf", std::ios::binary) << sample.substr(0, sample.size() / 3);
  p.hostile.push_back("S02_coderA_truncated.eaf");
  ::mkfifo((dir / "fifo.eaf").c_str(), 0644);
  fs::create_directory(dir / "folder.eaf");
  return p;
}

Limits batch_bounds() {
  Limits l;
  l.cpu_seconds = 120;
  l.wall_seconds = 240;
  l.as_bytes = std::uint64_t{2} << 30;
  return l;
}

}  // namespace

TEST_CASE("batch: check and report over good and hostile files together", "[hostile][batch]") {
  const TempDir root("batch");
  const fs::path project = root / "project";
  fs::create_directory(project);
  const Project p = make_mixed_project(project);
  REQUIRE(p.good.size() == 6);
  REQUIRE(p.hostile.size() >= 50);
  const Snapshot before = snapshot(project);

  SECTION("check") {
    const ChildResult r = run_rapport({"check", "--format", "json", "project"}, root.path(), batch_bounds());
    INFO("stderr: " << r.err.substr(0, 2000));
    REQUIRE(r.exited_normally());
    CHECK(r.exit_code == 1);
    if (!under_sanitizer) CHECK(r.max_rss_kb < 300 * 1024);
    boost::system::error_code ec;
    const auto doc = boost::json::parse(r.out, ec);
    REQUIRE_FALSE(ec);
    std::set<std::string> checked;
    for (const auto& f : doc.at("files").as_array()) checked.insert(std::string(f.at("file").as_string()));
    std::map<std::string, std::vector<std::string>> rules;
    for (const auto& d : doc.at("diagnostics").as_array())
      rules[std::string(d.at("file").as_string())].push_back(std::string(d.at("rule").as_string()));
    for (const auto& g : p.good) {
      INFO(g);
      CHECK(checked.count("project/" + g) == 1);
      for (const auto& rule : rules["project/" + g]) {
        CHECK_FALSE(rule.starts_with("xml-"));
        CHECK_FALSE(rule.starts_with("eaf-"));
        CHECK_FALSE(rule.starts_with("io-"));
      }
    }
    for (const auto& h : p.hostile) {
      INFO(h);
      bool own = false;
      for (const auto& rule : rules["project/" + h])
        own = own || rule.starts_with("xml-") || rule.starts_with("eaf-") || rule.starts_with("io-");
      CHECK(own);
    }
    CHECK(snapshot(project) == before);
  }

  SECTION("report") {
    const ChildResult r = run_rapport({"report", "project", "-o", "out", "--quiet"}, root.path(), batch_bounds());
    INFO("stderr: " << r.err.substr(0, 2000));
    REQUIRE(r.exited_normally());
    CHECK(r.exit_code == 1);
    for (const auto& name : rapport::report::lab_report_files()) CHECK(fs::is_regular_file(root / "out" / name));
    boost::system::error_code ec;
    const auto doc = boost::json::parse(read_whole(root / "out" / "report.json"), ec);
    REQUIRE_FALSE(ec);
    std::set<std::string> checked;
    for (const auto& f : doc.at("check").at("files").as_array()) checked.insert(std::string(f.at("file").as_string()));
    for (const auto& g : p.good) CHECK(checked.count("project/" + g) == 1);
    // Each hostile file's error is on stderr, one line per error, under its own name.
    for (const auto& h : p.hostile) {
      INFO(h);
      bool named = false;
      for (const auto& d : doc.at("check").at("diagnostics").as_array())
        named = named || d.at("file").as_string() == "project/" + h;
      CHECK(named);
    }
    CHECK(snapshot(project) == before);
  }
}
