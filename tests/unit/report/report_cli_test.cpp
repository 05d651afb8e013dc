// SPDX-License-Identifier: MIT
// `rapport report` on samples/: the three parts of report.json equal the commands' own JSON, the
// CSV tables have the rows those documents imply, the HTML references nothing outside itself,
// files are written atomically, and exit codes follow DESIGN.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "rapport/report/atomic_file.hpp"
#include "rapport/report/lab_report.hpp"
#include "report_support.hpp"

using namespace rapport;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::vector<std::string> csv_lines(const fs::path& path) {
  const std::string text = test::slurp(path);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find("\r\n", pos);
    REQUIRE(end != std::string::npos);  // every row ends with CRLF (RFC 4180)
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return lines;
}

/// Rows of an RFC 4180 table whose quoted fields may hold line breaks: count record ends
/// outside quotes.
std::size_t csv_records(const fs::path& path) {
  const std::string text = test::slurp(path);
  std::size_t records = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"')
      quoted = !quoted;
    else if (!quoted && text[i] == '\n')
      ++records;
  }
  return records;
}

std::size_t count_files_with_prefix(const fs::path& dir, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().starts_with(prefix)) ++n;
  return n;
}

std::map<std::string, fs::file_time_type> input_times() {
  std::map<std::string, fs::file_time_type> times;
  for (const auto& entry : fs::recursive_directory_iterator(test::source_dir() / "samples"))
    if (entry.is_regular_file()) times[entry.path().string()] = entry.last_write_time();
  return times;
}

}  // namespace

TEST_CASE("report: samples/ gives report.json with the three documents, CSVs and HTML", "[report][cli]") {
  test::InSourceDir here;
  const auto dir = test::fresh_dir("samples");
  const auto before = input_times();
  const auto r = test::run_cli({"report", "samples", "-o", dir.string()});
  INFO(r.err);
  REQUIRE(r.rc == cli::exit_ok);  // samples have warnings, no errors
  CHECK(r.out.find("1 of 6 headline figures misses the bar") != std::string::npos);
  CHECK(r.err.empty());            // not a terminal: no progress line
  CHECK(input_times() == before);  // inputs are never written

  for (const auto& name : report::lab_report_files()) CHECK(fs::is_regular_file(dir / name));
  CHECK(count_files_with_prefix(dir, report::atomic_temp_prefix) == 0);

  const json::object doc = json::parse(test::slurp(dir / "report.json")).as_object();
  REQUIRE(doc.contains("check"));
  REQUIRE(doc.contains("agreement"));
  REQUIRE(doc.contains("stages"));
  CHECK(doc.at("report").at("transcript_included") == false);
  // Exactly the documents the three commands print with --format json.
  for (const auto& [part, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"check", {"check", "samples", "--format", "json"}},
           {"agreement", {"agree", "samples", "--format", "json"}},
           {"stages", {"stages", "samples", "--format", "json"}}}) {
    const auto own = test::run_cli(args);
    INFO(part);
    CHECK(json::parse(own.out) == doc.at(part));
  }

  const auto& agreement = doc.at("agreement").as_object();
  const auto& stages = doc.at("stages").as_object();
  const auto agreement_lines = csv_lines(dir / "agreement.csv");
  CHECK(agreement_lines.front() ==
        "level,variable,family,kind,prevalence,headline,measure,value,se,ci_low,ci_high,n_units,n_raters,"
        "interpretation,reason");
  CHECK(csv_records(dir / "agreement.csv") == 1 + agreement.at("measures").as_array().size());

  const auto session_lines = csv_lines(dir / "sessions.csv");
  CHECK(session_lines.front().starts_with("session,coder,file,patient,therapist,episodes,"));
  CHECK(session_lines.size() == 1 + stages.at("sessions").as_array().size());

  std::size_t episodes = 0;
  for (const auto& s : stages.at("sessions").as_array()) episodes += s.at("episodes").as_array().size();
  CHECK(csv_lines(dir / "episodes.csv").size() == 1 + episodes);

  std::size_t disagreement_rows = 0;
  for (const auto& d : agreement.at("disagreements").at("segments").as_array())
    disagreement_rows += d.at("values").as_object().size();
  for (const auto& d : agreement.at("disagreements").at("intervals").as_array())
    disagreement_rows += (d.at("first").is_null() ? 0 : 1) + (d.at("second").is_null() ? 0 : 1);
  const auto disagreement_lines = csv_lines(dir / "disagreements.csv");
  CHECK(disagreement_lines.front() ==
        "disagreement,level,session,segment,family,variable,kind,coder,value,start_ms,end_ms,overlap_share");
  CHECK(disagreement_lines.size() == 1 + disagreement_rows);

  CHECK(csv_records(dir / "diagnostics.csv") ==
        1 + doc.at("check").at("diagnostics").as_array().size() + agreement.at("diagnostics").as_array().size());

  const std::string html = test::slurp(dir / "report.html");
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  for (const char* section : {"id=\"summary\"", "id=\"agreement\"", "id=\"sessions\"", "id=\"validation\"",
                              "id=\"how-to-read\"", "Session S01", "Session T03", "<svg"})
    CHECK(html.find(section) != std::string::npos);
}

TEST_CASE("report: exit codes and usage errors", "[report][cli]") {
  test::InSourceDir here;
  const auto dir = test::fresh_dir("exit-codes");
  CHECK(test::run_cli({"report", "samples/vignette", "-o", dir.string(), "--fail-on", "warning"}).rc ==
        cli::exit_ok);  // the vignette is clean
  CHECK(test::run_cli({"report", "samples", "-o", dir.string(), "--fail-on", "warning"}).rc == cli::exit_findings);
  CHECK(test::run_cli({"report", "samples"}).rc == cli::exit_failure);  // no -o
  CHECK(test::run_cli({"report", "-o", dir.string()}).rc == cli::exit_failure);
  CHECK(test::run_cli({"report", "samples", "-o", dir.string(), "--fail-on", "never"}).rc == cli::exit_failure);
  CHECK(test::run_cli({"report", "--help"}).rc == cli::exit_ok);
  // A file that cannot be read is reported, the report is still written, and the run exits 2.
  const auto missing = test::fresh_dir("missing-input");
  const auto r = test::run_cli({"report", "samples/vignette", "samples/does-not-exist.eaf", "-o", missing.string()});
  CHECK(r.rc == cli::exit_failure);
  CHECK(fs::is_regular_file(missing / "report.html"));
}

TEST_CASE("report: an unwritable DIR exits 2 and leaves nothing behind", "[report][atomic]") {
  test::InSourceDir here;
  const auto base = test::fresh_dir("unwritable");
  fs::create_directories(base);
  const auto blocker = base / "a-file";
  { std::ofstream(blocker) << "not a folder"; }
  // DIR under a regular file can be neither created nor written, even as root.
  const auto r = test::run_cli({"report", "samples/vignette", "-o", (blocker / "out").string()});
  CHECK(r.rc == cli::exit_failure);
  CHECK(r.err.find("rapport report:") != std::string::npos);
  CHECK(test::slurp(blocker) == "not a folder");
  // DIR that is itself a file.
  CHECK(test::run_cli({"report", "samples/vignette", "-o", blocker.string()}).rc == cli::exit_failure);
  CHECK(test::slurp(blocker) == "not a folder");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(base)) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("report: atomic writes replace whole files and sweep a killed run's temporaries", "[report][atomic]") {
  const auto dir = test::fresh_dir("atomic");
  fs::create_directories(dir);
  const auto target = dir / "table.csv";
  CHECK(report::write_file_atomically(target, [](std::ostream& os) { os << "old\r\n"; }).empty());
  // A writer that fails halfway leaves the previous file untouched and no temporary.
  const std::string error = report::write_file_atomically(target, [](std::ostream& os) {
    os << "half";
    throw std::runtime_error("disk full");
  });
  CHECK(error.find("disk full") != std::string::npos);
  CHECK(test::slurp(target) == "old\r\n");
  CHECK(count_files_with_prefix(dir, report::atomic_temp_prefix) == 0);

  { std::ofstream(dir / (std::string(report::atomic_temp_prefix) + "report.html-123-0")) << "<html>half"; }
  report::remove_stale_temp_files(dir);
  CHECK(count_files_with_prefix(dir, report::atomic_temp_prefix) == 0);
  CHECK(fs::is_regular_file(target));
}

TEST_CASE("report: HTML escaping", "[report][html]") {
  CHECK(report::html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(report::html_escape("plain") == "plain");
  // A coder or file name with markup in it reaches the page as text.
  report::LabReportInput input;
  input.codebook = "<script>alert(1)</script>";
  input.check = {
      {"summary", {{"files", 1}, {"errors", 0}, {"warnings", 0}}},
      {"diagnostics", json::array{json::object{
                          {"severity", "error"}, {"rule", "r"}, {"file", "x<y>.eaf"}, {"message", "bad & worse"}}}}};
  std::ostringstream os;
  report::write_report_html(os, input);
  const std::string html = os.str();
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("x&lt;y&gt;.eaf") != std::string::npos);
  CHECK(html.find("bad &amp; worse") != std::string::npos);
}
