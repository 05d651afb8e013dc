// SPDX-License-Identifier: MIT
// `rapport check` and `rapport codebook` in-process: exit codes, the DESIGN.md JSON shape,
// SARIF 2.1.0, and nothing but the document on stdout with --format json.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <sstream>

#include "cli.hpp"
#include "test_paths.hpp"

using namespace rapport;

namespace {

struct Run {
  int rc;
  std::string out, err;
};

Run run(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int rc = cli::run(args, out, err);
  return {rc, out.str(), err.str()};
}

std::string data(const std::string& name) { return (test::data_dir() / "check" / name).string(); }

}  // namespace

TEST_CASE("check: a clean session exits 0 and prints a summary", "[cli][check]") {
  const auto r = run({"check", data("clean")});
  INFO(r.out << r.err);
  CHECK(r.rc == cli::exit_ok);
  CHECK(r.out == "checked 1 file against 3rs-2015: 0 errors, 0 warnings, 0 notes\n");
}

TEST_CASE("check: errors exit 1, compiler-style lines with tier and time", "[cli][check]") {
  const auto r = run({"check", data("code_unknown_coderA.eaf")});
  CHECK(r.rc == cli::exit_findings);
  CHECK(r.out.find(data("code_unknown_coderA.eaf") +
                   ":87:21: error[code-unknown]: 'w2' is not a code of Withdrawal rupture markers (W1, W2, W3, W4, "
                   "W5, W6, W7) [tier '3RS_W', 60000-75000 ms] (did you mean 'W2'?)\n") != std::string::npos);
}

TEST_CASE("check: --fail-on decides which severities fail", "[cli][check]") {
  const std::string warning_only = data("segment_number_coderA.eaf");
  CHECK(run({"check", warning_only}).rc == cli::exit_ok);
  CHECK(run({"check", warning_only, "--fail-on", "warning"}).rc == cli::exit_findings);
  CHECK(run({"check", data("not_3rs.eaf"), "--fail-on", "warning"}).rc == cli::exit_ok);
  CHECK(run({"check", data("not_3rs.eaf"), "--fail-on", "info"}).rc == cli::exit_findings);
}

TEST_CASE("check --format json follows DESIGN.md", "[cli][check]") {
  const auto r = run({"check", data("clean"), data("segment_gap_coderA.eaf"), "--format", "json"});
  CHECK(r.rc == cli::exit_findings);
  const auto doc = boost::json::parse(r.out).as_object();
  const auto& files = doc.at("files").as_array();
  REQUIRE(files.size() == 2);
  CHECK(files[0].at("coder") == "coderA");
  CHECK(files[0].at("session") == "S01");
  CHECK(files[1].at("session") == "segment_gap");
  const auto& diags = doc.at("diagnostics").as_array();
  REQUIRE(diags.size() == 1);
  const auto& d = diags[0].as_object();
  CHECK(d.at("severity") == "error");
  CHECK(d.at("rule") == "segment-gap");
  CHECK(d.at("line") == 30);
  CHECK(d.at("column") == 21);
  CHECK(d.at("tier") == "3RS_SEG");
  CHECK(d.at("start_ms") == 610000);
  CHECK(d.at("end_ms") == 650000);
  CHECK(d.at("suggestion").is_null());
  CHECK(doc.at("summary").at("files") == 2);
  CHECK(doc.at("summary").at("errors") == 1);
  CHECK(doc.at("summary").at("warnings") == 0);
}

TEST_CASE("check --format sarif writes a SARIF 2.1.0 log", "[cli][check]") {
  const auto r = run({"check", data("segment_gap_coderA.eaf"), "--format", "sarif"});
  CHECK(r.rc == cli::exit_findings);
  const auto doc = boost::json::parse(r.out).as_object();
  CHECK(doc.at("version") == "2.1.0");
  const auto& run0 = doc.at("runs").as_array().at(0).as_object();
  CHECK(run0.at("tool").at("driver").at("name") == "rapport");
  const auto& result = run0.at("results").as_array().at(0).as_object();
  CHECK(result.at("ruleId") == "segment-gap");
  CHECK(result.at("level") == "error");
  const auto& region = result.at("locations").as_array().at(0).at("physicalLocation").at("region");
  CHECK(region.at("startLine") == 30);
  CHECK(region.at("startColumn") == 21);
  const auto& rules = run0.at("tool").at("driver").at("rules").as_array();
  const auto index = result.at("ruleIndex").as_int64();
  CHECK(rules.at(static_cast<std::size_t>(index)).at("id") == "segment-gap");
}

TEST_CASE("check: usage and codebook problems exit 2", "[cli][check]") {
  CHECK(run({"check"}).rc == cli::exit_failure);
  CHECK(run({"check", data("clean"), "--format", "xml"}).rc == cli::exit_failure);
  CHECK(run({"check", data("clean"), "--fail-on", "fatal"}).rc == cli::exit_failure);
  const auto r = run({"check", data("clean"), "--codebook", "no-such-codebook"});
  CHECK(r.rc == cli::exit_failure);
  CHECK(r.out.empty());
  CHECK(r.err.find("no codebook 'no-such-codebook'") != std::string::npos);
}

TEST_CASE("check: a missing file is reported, the rest still checked, exit 2", "[cli][check]") {
  const auto r = run({"check", data("nowhere_coderA.eaf"), data("clean"), "--format", "json"});
  CHECK(r.rc == cli::exit_failure);
  const auto doc = boost::json::parse(r.out).as_object();
  CHECK(doc.at("summary").at("files") == 2);
  CHECK(doc.at("files").as_array().at(1).at("coder") == "coderA");
}

TEST_CASE("codebook validate: the shipped codebook is valid; a broken one fails with its position", "[cli][codebook]") {
  const auto ok = run({"codebook", "validate", (test::source_dir() / "codebooks" / "3rs-2015.xml").string()});
  CHECK(ok.rc == cli::exit_ok);
  CHECK(ok.out.find("valid codebook '3rs-2015'") != std::string::npos);
  const auto bad_file = (test::data_dir() / "codebook" / "anchor_out_of_range.xml").string();
  const auto bad = run({"codebook", "validate", bad_file});
  CHECK(bad.rc == cli::exit_findings);
  CHECK(bad.out ==
        bad_file + ":18:23: error[codebook-anchor-out-of-range]: anchor 7 of scale 'SIG' lies outside 1-5\n");
}

TEST_CASE("codebook show: text and JSON", "[cli][codebook]") {
  const auto text = run({"codebook", "show"});
  CHECK(text.rc == cli::exit_ok);
  CHECK(text.out.find("  W2   Minimal response") != std::string::npos);
  const auto de = run({"codebook", "show", "3rs-2015", "--lang", "de"});
  CHECK(de.out.find("  W2   Minimale Antwort") != std::string::npos);
  const auto json = run({"codebook", "show", "--format", "json"});
  const auto doc = boost::json::parse(json.out).as_object();
  CHECK(doc.at("id") == "3rs-2015");
  CHECK(doc.at("families").as_array().size() == 3);
}

TEST_CASE("codebook export writes .etf and .ecv", "[cli][codebook]") {
  const auto dir = std::filesystem::temp_directory_path() / "rapport-cli-export-test";
  std::filesystem::create_directories(dir);
  CHECK(run({"codebook", "export", "--format", "etf", "-o", (dir / "t.etf").string()}).rc == cli::exit_ok);
  CHECK(run({"codebook", "export", "3rs-2015", "--format", "ecv", "-o", (dir / "v.ecv").string()}).rc == cli::exit_ok);
  CHECK(std::filesystem::file_size(dir / "t.etf") > 1000);
  CHECK(std::filesystem::file_size(dir / "v.ecv") > 1000);
  CHECK(run({"codebook", "export", "--format", "pdf", "-o", (dir / "x").string()}).rc == cli::exit_failure);
  CHECK(run({"codebook", "export", "--format", "ecv"}).rc == cli::exit_failure);
  std::filesystem::remove_all(dir);
}

TEST_CASE("check --project checks the files it lists with its session and coder", "[cli][check]") {
  const auto project = (test::data_dir() / "check" / "project" / "project.xml").string();
  const auto r = run({"check", "--project", project, "--format", "json"});
  INFO(r.err);
  CHECK(r.rc == cli::exit_ok);
  const auto doc = boost::json::parse(r.out).as_object();
  const auto& f = doc.at("files").as_array().at(0);
  CHECK(f.at("session") == "S01");
  CHECK(f.at("coder") == "anna");
  CHECK(run({"check", "--project", (test::data_dir() / "check" / "project" / "bad_attribute.xml").string()}).rc ==
        cli::exit_failure);
}

TEST_CASE("check --list-rules prints the catalogue", "[cli][check]") {
  const auto r = run({"check", "--list-rules"});
  CHECK(r.rc == cli::exit_ok);
  CHECK(r.out.find("code-unknown") == 0);
  CHECK(r.out.find("strategy-without-marker       warning") != std::string::npos);
}
