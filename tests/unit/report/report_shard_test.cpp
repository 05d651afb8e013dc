// SPDX-License-Identifier: MIT
// `rapport report --shard K/N` and `rapport merge`: the merged report is the unsharded one byte
// for byte (after normalising the generation time), whatever the number of shards and threads;
// parts that cannot be merged are refused with the part file named. And --include-transcript:
// without it no transcript sentence appears in any output, with it each episode carries its lines.
#include <catch2/catch.hpp>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <regex>

#include "rapport/report/atomic_file.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/report/lab_project.hpp"
#include "rapport/report/lab_report.hpp"
#include "report_support.hpp"

using namespace rapport;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

/// A report file with its generation time replaced (the only thing two runs may differ in).
std::string normalised(const fs::path& path) {
  static const std::regex stamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  return std::regex_replace(test::slurp(path), stamp, "<generated_at>");
}

std::vector<std::string> every_output(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) out.push_back(test::slurp(entry.path()));
  return out;
}

/// Runs the N shards (each with another thread count) into `parts` and returns the part files.
std::vector<std::string> run_shards(const std::vector<std::string>& inputs, std::size_t n, const fs::path& parts,
                                    const std::vector<std::string>& extra = {}) {
  std::vector<std::string> files;
  for (std::size_t k = 1; k <= n; ++k) {
    std::vector<std::string> args{"report"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    args.insert(args.end(), {"-o", parts.string(), "--shard", std::to_string(k) + "/" + std::to_string(n), "--threads",
                             std::to_string(1 + k % 3)});
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = test::run_cli(args);
    INFO(r.err);
    REQUIRE(r.rc == cli::exit_ok);
    const fs::path part = parts / report::part_file_name(k, n);
    REQUIRE(fs::is_regular_file(part));
    CHECK(r.out.find("Wrote " + part.string()) != std::string::npos);
    files.push_back(part.string());
  }
  return files;
}

void require_same_report(const fs::path& a, const fs::path& b) {
  for (const auto& name : report::lab_report_files()) {
    INFO(name);
    REQUIRE(fs::is_regular_file(a / name));
    REQUIRE(fs::is_regular_file(b / name));
    CHECK(normalised(a / name) == normalised(b / name));
  }
}

}  // namespace

TEST_CASE("report --shard 1..3/3 then merge equals the unsharded report, byte for byte", "[report][shard]") {
  test::InSourceDir here;
  const auto whole = test::fresh_dir("shard-whole");
  const auto parts = test::fresh_dir("shard-parts");
  const auto merged = test::fresh_dir("shard-merged");
  const auto r = test::run_cli({"report", "samples", "-o", whole.string(), "--threads", "2"});
  INFO(r.err);
  REQUIRE(r.rc == cli::exit_ok);

  auto part_files = run_shards({"samples"}, 3, parts);
  // Whole sessions per shard: every shard has some, and no session is in two parts.
  std::map<std::string, std::size_t> part_of_session;
  for (std::size_t i = 0; i < part_files.size(); ++i) {
    report::PartReader reader(part_files[i]);
    REQUIRE(reader.error().empty());
    CHECK(reader.header().k == i + 1);
    CHECK_FALSE(reader.header().shard_keys.empty());
    std::size_t digests = 0;
    while (const auto d = reader.next()) {
      ++digests;
      for (const auto& c : d->checked)
        if (c.session) CHECK(part_of_session.emplace(*c.session, i).first->second == i);
    }
    CHECK(reader.error().empty());
    CHECK(digests > 0);
  }
  CHECK(part_of_session.size() == 7);

  // The parts in any order, merged on another thread count.
  std::reverse(part_files.begin(), part_files.end());
  std::vector<std::string> args{"merge"};
  args.insert(args.end(), part_files.begin(), part_files.end());
  args.insert(args.end(), {"-o", merged.string(), "--threads", "3"});
  const auto m = test::run_cli(args);
  INFO(m.err);
  REQUIRE(m.rc == cli::exit_ok);
  CHECK(m.out == r.out.substr(0, r.out.find("Wrote ")) + "Wrote " + (merged / "report.html").string() +
                     r.out.substr(r.out.find(" (and report.json")));
  require_same_report(whole, merged);
}

TEST_CASE("report --shard: more shards than sessions, and the exit code of the merge", "[report][shard]") {
  test::InSourceDir here;
  const auto whole = test::fresh_dir("shard8-whole");
  const auto parts = test::fresh_dir("shard8-parts");
  const auto merged = test::fresh_dir("shard8-merged");
  // samples/ holds 7 sessions: the eighth shard is empty, and still a valid part.
  const auto r = test::run_cli({"report", "samples", "-o", whole.string(), "--fail-on", "warning"});
  REQUIRE(r.rc == cli::exit_findings);
  auto part_files = run_shards({"samples"}, 8, parts);
  std::vector<std::string> args{"merge"};
  args.insert(args.end(), part_files.begin(), part_files.end());
  args.insert(args.end(), {"-o", merged.string(), "--fail-on", "warning"});
  CHECK(test::run_cli(args).rc == cli::exit_findings);  // the same verdict as the unsharded run
  require_same_report(whole, merged);
}

TEST_CASE("rapport merge refuses parts that do not make one project, naming the part", "[report][shard]") {
  test::InSourceDir here;
  const auto three = test::fresh_dir("merge-bad-3");
  const auto two = test::fresh_dir("merge-bad-2");
  const auto transcript = test::fresh_dir("merge-bad-transcript");
  const auto out = test::fresh_dir("merge-bad-out");
  const auto p3 = run_shards({"samples"}, 3, three);
  const auto p2 = run_shards({"samples"}, 2, two);
  const auto pt = run_shards({"samples"}, 3, transcript, {"--include-transcript"});
  const auto merge = [&](const std::vector<std::string>& parts) {
    std::vector<std::string> args{"merge"};
    args.insert(args.end(), parts.begin(), parts.end());
    args.insert(args.end(), {"-o", out.string()});
    return test::run_cli(args);
  };

  {
    INFO("a missing part");
    const auto r = merge({p3[0], p3[2]});
    CHECK(r.rc == cli::exit_failure);
    CHECK(r.err.find("missing part(s): part-2-of-3.rapport-part.jsonl") != std::string::npos);
  }
  {
    INFO("a part given twice");
    const auto r = merge({p3[0], p3[1], p3[2], p3[1]});
    CHECK(r.rc == cli::exit_failure);
    CHECK(r.err.find(p3[1] + ": shard 2/3 is given twice") != std::string::npos);
  }
  {
    INFO("parts of another N");
    const auto r = merge({p3[0], p3[1], p3[2], p2[0]});
    CHECK(r.rc == cli::exit_failure);
    CHECK(r.err.find(p2[0] + ": part of 2 shards, but " + p3[0] + " is part of 3 (mixed N)") != std::string::npos);
  }
  {
    INFO("parts run with other options");
    const auto r = merge({p3[0], pt[1], p3[2]});
    CHECK(r.rc == cli::exit_failure);
    CHECK(r.err.find(pt[1] + ": another --include-transcript than " + p3[0]) != std::string::npos);
  }
  {
    INFO("parts of another project");
    const auto other = test::fresh_dir("merge-bad-other");
    const auto po = run_shards({"samples/three_coders"}, 3, other);
    const auto r = merge({p3[0], po[1], p3[2]});
    CHECK(r.rc == cli::exit_failure);
    CHECK(r.err.find(po[1] + ": another PATHS or --project than " + p3[0]) != std::string::npos);
  }
  {
    INFO("a truncated part and a file that is no part");
    const fs::path cut = out.parent_path() / "merge-bad-cut.rapport-part.jsonl";
    std::string text = test::slurp(p3[1]);
    text.erase(text.rfind("{\"end\""));
    std::ofstream(cut, std::ios::binary) << text;
    auto r = merge({p3[0], cut.string(), p3[2]});
    CHECK(r.rc == cli::exit_failure);
    CHECK(r.err.find(cut.string() + ": truncated") != std::string::npos);
    r = merge({p3[0], "samples/S01_coderA.eaf", p3[2]});
    CHECK(r.rc == cli::exit_failure);
    CHECK(r.err.find("samples/S01_coderA.eaf: line 1: not a readable part header") != std::string::npos);
  }
  {
    INFO("a part of another version");
    const fs::path old = out.parent_path() / "merge-bad-old.rapport-part.jsonl";
    std::string text = test::slurp(p3[1]);
    const std::string version = "\"rapport_version\":\"";
    const auto at = text.find(version) + version.size();
    text.replace(at, text.find('"', at) - at, "0.0.1");
    std::ofstream(old, std::ios::binary) << text;
    const auto r = merge({p3[0], old.string(), p3[2]});
    CHECK(r.rc == cli::exit_failure);
    CHECK(r.err.find(old.string() + ": written by Rapport 0.0.1") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(out / "report.json"));  // nothing is written from parts that do not merge
}

TEST_CASE("report --shard: a shard sweeps only its own temporaries, the others may be writing",
          "[report][shard][atomic]") {
  test::InSourceDir here;
  const auto parts = test::fresh_dir("shard-sweep");
  fs::create_directories(parts);
  const auto other = parts / (std::string(report::atomic_temp_prefix) + report::part_file_name(2, 3) + "-99999-0");
  const auto own = parts / (std::string(report::atomic_temp_prefix) + report::part_file_name(1, 3) + "-99999-0");
  std::ofstream(other) << "shard 2 is writing";
  std::ofstream(own) << "left by a killed shard 1";
  REQUIRE(test::run_cli({"report", "samples", "-o", parts.string(), "--shard", "1/3"}).rc == cli::exit_ok);
  CHECK(fs::exists(other));
  CHECK_FALSE(fs::exists(own));
}

TEST_CASE("report --shard: usage errors", "[report][shard]") {
  test::InSourceDir here;
  const auto dir = test::fresh_dir("shard-usage");
  for (const char* shard : {"0/3", "4/3", "3", "a/b", "1/0", "1/3x", "-1/3"})
    CHECK(test::run_cli({"report", "samples", "-o", dir.string(), "--shard", shard}).rc == cli::exit_failure);
  CHECK(test::run_cli({"merge", "-o", dir.string()}).rc == cli::exit_failure);
  CHECK(test::run_cli({"merge", "x.jsonl"}).rc == cli::exit_failure);
  CHECK(test::run_cli({"merge", "--help"}).rc == cli::exit_ok);
}

TEST_CASE("report: without --include-transcript no transcript text anywhere, with it the lines of each episode",
          "[report][transcript]") {
  test::InSourceDir here;
  const auto with = test::fresh_dir("transcript-with");
  const auto without = test::fresh_dir("transcript-without");
  const auto parts = test::fresh_dir("transcript-parts");
  const auto merged = test::fresh_dir("transcript-merged");
  const auto rw = test::run_cli({"report", "samples", "-o", with.string(), "--include-transcript"});
  INFO(rw.err);
  REQUIRE(rw.rc == cli::exit_ok);
  const auto ro = test::run_cli({"report", "samples", "-o", without.string()});
  REQUIRE(ro.rc == cli::exit_ok);
  run_shards({"samples"}, 2, parts);  // parts without the flag carry no transcript either

  // Sentences of the samples' Patient and Therapist tiers that the flagged report shows.
  const json::object doc = json::parse(test::slurp(with / "report.json")).as_object();
  CHECK(doc.at("report").at("transcript_included") == true);
  std::vector<std::string> sentences;
  for (const auto& s : doc.at("stages").at("sessions").as_array())
    for (const auto& e : s.at("episodes").as_array())
      for (const auto& line : e.at("transcript").as_array()) {
        CHECK(line.at("start_ms").as_int64() <= e.at("end_ms").as_int64());
        CHECK(line.at("end_ms").as_int64() >= e.at("start_ms").as_int64());
        sentences.emplace_back(line.at("text").as_string());
      }
  REQUIRE(sentences.size() > 10);
  const std::string html = test::slurp(with / "report.html");
  std::size_t in_html = 0;
  for (const auto& s : sentences) in_html += html.find(report::html_escape(s)) != std::string::npos;
  CHECK(in_html == sentences.size());

  // Without the flag: not one of them, in any output, part or message.
  std::vector<std::string> outputs = every_output(without);
  for (auto& text : every_output(parts)) outputs.push_back(std::move(text));
  outputs.push_back(ro.out + ro.err);
  std::size_t leaks = 0;
  std::size_t probes = 0;
  for (const auto& s : sentences) {
    if (s.size() < 24) continue;  // "Sim." could be anywhere
    ++probes;
    const std::string probe = s.substr(0, 24);
    for (const auto& text : outputs)
      if (text.find(probe) != std::string::npos) ++leaks;
  }
  CHECK(probes > 5);
  CHECK(leaks == 0);
  CHECK(json::parse(test::slurp(without / "report.json")).at("report").at("transcript_included") == false);

  // With the flag, sharded and merged: the same report.
  const auto tparts = test::fresh_dir("transcript-tparts");
  auto part_files = run_shards({"samples"}, 3, tparts, {"--include-transcript"});
  std::vector<std::string> args{"merge"};
  args.insert(args.end(), part_files.begin(), part_files.end());
  args.insert(args.end(), {"-o", merged.string()});
  REQUIRE(test::run_cli(args).rc == cli::exit_ok);
  require_same_report(with, merged);
}
