// SPDX-License-Identifier: MIT
// Approval test: report.json and the CSV tables of `rapport report samples/` against the golden
// files in tests/approved/report/. Dates and the version are normalised. To approve a deliberate
// change, run with RAPPORT_APPROVE=1, then read the diff of tests/approved/ before committing.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <cstdlib>

#include "rapport/report/json_writer.hpp"
#include "rapport/report/lab_report.hpp"
#include "report_support.hpp"

using namespace rapport;
namespace fs = std::filesystem;

namespace {

std::string normalised_report_json(const fs::path& path) {
  boost::json::object doc = boost::json::parse(test::slurp(path)).as_object();
  auto& report = doc.at("report").as_object();
  report["generated_at"] = "<generated_at>";
  report["rapport_version"] = "<version>";
  std::ostringstream os;
  report::write_pretty_json(os, doc);
  return os.str();
}

void approve(const std::string& name, const std::string& received) {
  const fs::path approved = test::source_dir() / "tests" / "approved" / "report" / name;
  if (std::getenv("RAPPORT_APPROVE")) {
    fs::create_directories(approved.parent_path());
    std::ofstream(approved, std::ios::binary) << received;
  }
  const std::string expected = test::slurp(approved);
  if (expected != received) {
    // Kept beside the build for a diff against the golden file.
    const fs::path out = fs::path(RAPPORT_BINARY_DIR) / "tests" / "report-output" / (name + ".received");
    std::ofstream(out, std::ios::binary) << received;
    FAIL_CHECK(name << " differs from " << approved.string() << "; received: " << out.string()
                    << " (RAPPORT_APPROVE=1 to approve)");
  }
}

}  // namespace

TEST_CASE("report: approved report.json and CSVs for samples/", "[report][approval]") {
  test::InSourceDir here;
  const auto dir = test::fresh_dir("approval");
  const auto r = test::run_cli({"report", "samples", "-o", dir.string(), "--threads", "2"});
  INFO(r.err);
  REQUIRE(r.rc == cli::exit_ok);
  approve("report.json", normalised_report_json(dir / "report.json"));
  for (const auto& name : report::lab_report_files())
    if (name.ends_with(".csv")) approve(name, test::slurp(dir / name));
}
