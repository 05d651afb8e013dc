// SPDX-License-Identifier: MIT
// `rapport inspect`, run in-process: the DESIGN.md JSON contract and the exit codes.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "cli.hpp"
#include "test_paths.hpp"

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run rapport_cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = rapport::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

std::string data(const char* name) { return (rapport::test::data_dir() / "eaf" / name).string(); }

}  // namespace

TEST_CASE("inspect --format json follows the DESIGN.md shape", "[cli][inspect]") {
  const Run r = rapport_cli({"inspect", data("ref_link_set.eaf"), "--annotations", "--format", "json"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  const auto doc = boost::json::parse(r.out).as_object();
  CHECK(doc.at("file").as_string() == data("ref_link_set.eaf"));
  CHECK(doc.at("format").as_string() == "3.0");
  CHECK(doc.at("version").as_string() == "3.0");
  CHECK(doc.at("media").as_array().empty());
  const auto& tiers = doc.at("tiers").as_array();
  REQUIRE(tiers.size() == 1);
  const auto& w = tiers[0].as_object();
  CHECK(w.at("id").as_string() == "W");
  CHECK(w.at("linguistic_type").as_string() == "default-lt");
  CHECK(w.at("stereotype").is_null());
  CHECK(w.at("parent").is_null());
  CHECK(w.at("annotation_count").as_int64() == 2);
  const auto& anns = doc.at("annotations").as_array();
  REQUIRE(anns.size() == 2);
  // The file's slots: ts1 = 1000, ts2 = 2000, ts3 = 3000; a2 runs ts2 → ts3.
  const auto& a2 = anns[1].as_object();
  CHECK(a2.at("tier").as_string() == "W");
  CHECK(a2.at("id").as_string() == "a2");
  CHECK(a2.at("start_ms").as_int64() == 2000);
  CHECK(a2.at("end_ms").as_int64() == 3000);
  CHECK(a2.at("value").as_string() == "W2");
  CHECK(a2.at("cve_ref").is_null());
  CHECK(a2.at("cve_resolved").is_null());
  CHECK(a2.at("interpolated").as_bool() == false);
  CHECK(doc.at("diagnostics").as_array().empty());
}

TEST_CASE("inspect without --annotations has no annotations key", "[cli][inspect]") {
  const Run r = rapport_cli({"inspect", data("valid_minimal.eaf"), "--format", "json"});
  CHECK(r.code == 0);
  CHECK_FALSE(boost::json::parse(r.out).as_object().contains("annotations"));
}

TEST_CASE("inspect exit codes: 1 for data errors, 2 for I/O and usage", "[cli][inspect]") {
  const Run bad = rapport_cli({"inspect", data("dangling_time_slot_ref.eaf"), "--format", "json"});
  CHECK(bad.code == 1);
  const auto diagnostics = boost::json::parse(bad.out).as_object().at("diagnostics").as_array();
  REQUIRE(diagnostics.size() == 1);
  const auto& d = diagnostics[0].as_object();
  CHECK(d.at("severity").as_string() == "error");
  CHECK(d.at("rule").as_string() == "eaf-dangling-time-slot-ref");
  CHECK(d.at("line").as_int64() == 9);
  CHECK(d.at("tier").as_string() == "W");
  CHECK(d.at("suggestion").is_null());

  // A warning fails only when asked to.
  CHECK(rapport_cli({"inspect", data("zero_length.eaf")}).code == 0);
  CHECK(rapport_cli({"inspect", data("zero_length.eaf"), "--fail-on", "warning"}).code == 1);

  CHECK(rapport_cli({"inspect", data("no_such_file.eaf")}).code == 2);
  CHECK(rapport_cli({"inspect"}).code == 2);
  CHECK(rapport_cli({"inspect", data("valid_minimal.eaf"), "--format", "yaml"}).code == 2);
  CHECK(rapport_cli({"inspect", "--no-such-option"}).code == 2);
  CHECK(rapport_cli({"no-such-command"}).code == 2);
}

TEST_CASE("inspect text output is a readable summary", "[cli][inspect]") {
  const Run r = rapport_cli({"inspect", data("overlap_in_tier.eaf")});
  CHECK(r.code == 0);  // the overlap is a warning
  CHECK_THAT(r.out, Catch::Contains("EAF 3.0, 1 tier, 2 annotations, 0:00:01.000 – 0:00:04.000"));
  CHECK_THAT(r.out, Catch::Contains("0 errors, 1 warning"));
  CHECK_THAT(r.out, Catch::Contains(":16:13: warning[eaf-overlap-in-tier]: annotation 'a2' (2000-4000 ms)"));
}

TEST_CASE("inspect says plainly that a file could not be read, with no format for it", "[cli][inspect]") {
  // A missing file used to be summarised as "EAF 3.0, 0 tiers, 0 annotations" (the default
  // format of an empty Document).
  const Run r = rapport_cli({"inspect", data("no_such_file.eaf")});
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Catch::StartsWith(data("no_such_file.eaf") + ": not read (see the errors below)\n"));
  CHECK_THAT(r.out, Catch::Contains("  1 error, 0 warnings\n"));
  CHECK_THAT(r.out, Catch::Contains("error[io-not-found]: no such file"));
  CHECK_THAT(r.out, !Catch::Contains("EAF 3.0"));
}
