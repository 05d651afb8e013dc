// SPDX-License-Identifier: MIT
// LabReportWriter streams the report while the documents come and reads the per-session parts
// of the page back from a spool: its files must be exactly what the whole-document writers
// (write_report_html, write_sessions_csv, ...) make of report.json's three documents, and a
// writer dropped before commit() must leave nothing in the folder.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <sstream>

#include "rapport/report/atomic_file.hpp"
#include "rapport/report/lab_report.hpp"
#include "report_support.hpp"

using namespace rapport;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

/// The whole-document writers' input, read back from a written report.json (Boost.JSON 1.81 may
/// read a double back one bit off: compare only outputs that do not print figures in full).
report::LabReportInput input_of(const fs::path& dir) {
  const json::object doc = json::parse(test::slurp(dir / "report.json")).as_object();
  const auto& head = doc.at("report").as_object();
  report::LabReportInput input;
  input.check = doc.at("check").as_object();
  input.agreement = doc.at("agreement").as_object();
  input.stages = doc.at("stages").as_object();
  for (const auto& p : head.at("paths").as_array()) input.paths.emplace_back(p.as_string());
  input.codebook = head.at("codebook").as_string();
  input.generated_at = head.at("generated_at").as_string();
  input.version = head.at("rapport_version").as_string();
  input.include_transcript = head.at("transcript_included").as_bool();
  return input;
}

template <class Write>
std::string written(Write&& write) {
  std::ostringstream os;
  write(os);
  return os.str();
}

void require_whole_document_bytes(const fs::path& dir) {
  const auto input = input_of(dir);
  CHECK(test::slurp(dir / "report.html") == written([&](auto& os) { report::write_report_html(os, input); }));
  // agreement.csv and disagreements.csv print figures in full precision, which Boost.JSON 1.81's
  // parser does not always read back to the last bit; the approval test pins those two tables.
  CHECK(test::slurp(dir / "sessions.csv") ==
        written([&](auto& os) { report::write_sessions_csv(os, input.stages, input.check); }));
  CHECK(test::slurp(dir / "diagnostics.csv") == written([&](auto& os) { report::write_diagnostics_csv(os, input); }));
}

}  // namespace

TEST_CASE("report: the streamed files equal the whole-document writers over report.json", "[report][stream]") {
  test::InSourceDir here;
  for (const bool transcript : {false, true}) {
    INFO("--include-transcript: " << transcript);
    const auto dir = test::fresh_dir(transcript ? "stream-transcript" : "stream");
    std::vector<std::string> args{"report", "samples", "-o", dir.string(), "--threads", "2"};
    if (transcript) args.emplace_back("--include-transcript");
    const auto r = test::run_cli(args);
    INFO(r.err);
    REQUIRE(r.rc == cli::exit_ok);
    require_whole_document_bytes(dir);
    // stdout's summary: summary_lines of the documents, line for line.
    std::string expected;
    for (const auto& line : report::summary_lines(input_of(dir))) expected += line + "\n";
    CHECK(r.out.starts_with(expected));
    // The spool and every temporary are gone.
    for (const auto& entry : fs::directory_iterator(dir))
      CHECK_FALSE(entry.path().filename().string().starts_with(report::atomic_temp_prefix));
  }
}

TEST_CASE("report: a LabReportWriter dropped before commit leaves no file and no temporary", "[report][stream]") {
  test::InSourceDir here;
  const auto source = test::fresh_dir("stream-source");
  REQUIRE(test::run_cli({"report", "samples/vignette", "-o", source.string()}).rc == cli::exit_ok);
  const auto input = input_of(source);
  const auto dir = test::fresh_dir("stream-dropped");
  {
    report::LabReportWriter writer(dir, input);
    REQUIRE(writer.open().empty());
    writer.add_check(input.check);
    writer.add_agreement(input.agreement);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
    // While writing: the seven temporaries and the two spools (the page's sessions, report.json's
    // stages member), nothing under a report name.
    CHECK(entries == report::lab_report_files().size() + 2);
    for (const auto& name : report::lab_report_files()) CHECK_FALSE(fs::exists(dir / name));
  }
  CHECK(fs::is_empty(dir));
}
