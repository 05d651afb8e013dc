// SPDX-License-Identifier: MIT
// Scale (issue 11): a generated project of 10,000 files (rapport_generate_sessions, 5-minute
// sessions, two coders) with 5% of them corrupted deterministically (every 20th file: cut in
// half, garbage bytes in the middle, or a dangling time-slot reference, in turn). `rapport check`
// runs to completion, reports every corrupt file with the diagnostic its corruption must give,
// processes every good file, and its peak RSS at 10,000 files stays within 1.5x of the peak at
// 1,000 (a run that kept every document would grow tenfold).
//
// Size: 10,000 files in release builds, 500 under the sanitizers (RAPPORT_SCALE_DEFAULT_FILES,
// set by tests/unit/hostile/CMakeLists.txt from RAPPORT_SANITIZE); RAPPORT_SCALE_FILES=N in the
// environment overrides both. The smaller comparison run has a tenth of the files.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <iostream>
#include <map>
#include <set>

#include "child_process.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace rapport::test;

namespace {

std::size_t scale_files() {
  if (const char* env = std::getenv("RAPPORT_SCALE_FILES")) return std::max<std::size_t>(40, std::stoul(env));
  return RAPPORT_SCALE_DEFAULT_FILES;
}

enum class Corruption { truncated, garbage, dangling_ref };

struct Generated {
  std::map<std::string, Corruption> corrupt;  // file name -> what was done to it
  std::vector<std::string> all;
};

/// Writes `files` files (files/2 sessions, 2 coders) into `dir` and corrupts every 20th.
Generated generate(const fs::path& dir, std::size_t files) {
  const std::string command = std::string("\"") + RAPPORT_GENERATOR + "\" --out \"" + dir.string() + "\" --sessions " +
                              std::to_string(files / 2) + " --coders 2 --minutes 6 --seed 11 > /dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  Generated g;
  for (const auto& e : fs::directory_iterator(dir)) g.all.push_back(e.path().filename().string());
  std::sort(g.all.begin(), g.all.end());
  REQUIRE(g.all.size() == files / 2 * 2);
  for (std::size_t i = 7; i < g.all.size(); i += 20) {
    const fs::path path = dir / g.all[i];
    std::string bytes = read_whole(path);
    const auto kind = static_cast<Corruption>((i / 20) % 3);
    if (kind == Corruption::truncated) {
      bytes.resize(bytes.size() / 2);
    } else if (kind == Corruption::garbage) {
      for (std::size_t k = 0; k < 16; ++k) bytes[bytes.size() / 2 + k] = static_cast<char>(0xFF);
    } else {
      const auto at = bytes.find("TIME_SLOT_REF1=\"ts");
      REQUIRE(at != std::string::npos);
      bytes.replace(at, 18, "TIME_SLOT_REF1=\"nots");
    }
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    g.corrupt[g.all[i]] = kind;
  }
  return g;
}

struct Measured {
  double seconds;
  long max_rss_kb;
};

Measured check_project(const fs::path& dir, const Generated& g) {
  Limits l;
  l.cpu_seconds = 600;
  l.wall_seconds = 600;
  const ChildResult r = run_rapport({"check", "--format", "json", "."}, dir, l);
  INFO("stderr: " << r.err.substr(0, 2000));
  REQUIRE(r.exited_normally());
  CHECK(r.exit_code == 1);
  boost::system::error_code ec;
  const auto doc = boost::json::parse(r.out, ec);
  REQUIRE_FALSE(ec);
  CHECK(doc.at("summary").at("files").as_int64() == static_cast<std::int64_t>(g.all.size()));
  std::set<std::string> listed;
  for (const auto& f : doc.at("files").as_array()) listed.insert(std::string(f.at("file").as_string()).substr(2));
  std::map<std::string, std::set<std::string>> rules;
  for (const auto& d : doc.at("diagnostics").as_array())
    rules[std::string(d.at("file").as_string()).substr(2)].insert(std::string(d.at("rule").as_string()));
  std::size_t good = 0, corrupt_found = 0;
  for (const auto& name : g.all) {
    const auto c = g.corrupt.find(name);
    const auto& found = rules[name];
    if (c == g.corrupt.end()) {
      // Processed: listed with its session and coder, and no reading problem.
      const bool clean =
          listed.count(name) == 1 && std::none_of(found.begin(), found.end(), [](const std::string& rule) {
            return rule.starts_with("xml-") || rule.starts_with("io-") || rule.starts_with("eaf-");
          });
      if (clean)
        ++good;
      else
        FAIL_CHECK("good file not processed cleanly: " << name);
      continue;
    }
    const char* want = c->second == Corruption::truncated ? "xml-not-well-formed"
                       : c->second == Corruption::garbage ? "xml-bad-encoding"
                                                          : "eaf-dangling-time-slot-ref";
    if (found.count(want))
      ++corrupt_found;
    else
      FAIL_CHECK("corrupt file " << name << " lacks " << want);
  }
  CHECK(good == g.all.size() - g.corrupt.size());
  CHECK(corrupt_found == g.corrupt.size());
  return {r.wall_seconds, r.max_rss_kb};
}

}  // namespace

TEST_CASE("scale: a generated project with 5% corrupt files, memory bounded by the batch", "[hostile][scale]") {
  const std::size_t n = scale_files();
  const TempDir small("scale-small");
  const TempDir large("scale-large");
  const Generated g_small = generate(small.path(), n / 10);
  const Generated g_large = generate(large.path(), n);
  CHECK(g_large.corrupt.size() == n / 20);
  const Measured m_small = check_project(small.path(), g_small);
  const Measured m_large = check_project(large.path(), g_large);
  std::cout << "scale: " << g_small.all.size() << " files " << m_small.seconds << " s, peak RSS "
            << m_small.max_rss_kb / 1024 << " MB; " << g_large.all.size() << " files " << m_large.seconds
            << " s, peak RSS " << m_large.max_rss_kb / 1024 << " MB" << (under_sanitizer ? " (sanitizer build)" : "")
            << std::endl;
  // Ten times the files may not take ten times the memory: batches of 64 are read and dropped.
  // Release builds only: ASan's quarantine keeps up to 256 MB of freed memory resident, so its
  // peak grows with the number of allocations, not with what the program holds.
  if (!under_sanitizer) CHECK(m_large.max_rss_kb < m_small.max_rss_kb * 3 / 2);

  // `rapport report` on the smaller project (the 10,000-file report does not fit CI's 3 minutes):
  // it completes, and its check part names every corrupt file.
  Limits l;
  l.cpu_seconds = 600;
  l.wall_seconds = 600;
  const fs::path out = small.path().parent_path() / (small.path().filename().string() + "-report");
  const ChildResult r = run_rapport({"report", ".", "-o", out.string(), "--quiet"}, small.path(), l);
  INFO("stderr: " << r.err.substr(0, 2000));
  REQUIRE(r.exited_normally());
  CHECK(r.exit_code == 1);
  boost::system::error_code ec;
  const auto doc = boost::json::parse(read_whole(out / "report.json"), ec);
  fs::remove_all(out);
  REQUIRE_FALSE(ec);
  CHECK(doc.at("check").at("summary").at("files").as_int64() == static_cast<std::int64_t>(g_small.all.size()));
  std::set<std::string> named;
  for (const auto& d : doc.at("check").at("diagnostics").as_array())
    if (d.at("severity").as_string() == "error") named.insert(std::string(d.at("file").as_string()).substr(2));
  for (const auto& [name, kind] : g_small.corrupt) CHECK(named.count(name) == 1);
  std::cout << "scale: report on " << g_small.all.size() << " files " << r.wall_seconds << " s, peak RSS "
            << r.max_rss_kb / 1024 << " MB" << std::endl;
}
