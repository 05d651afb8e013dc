// SPDX-License-Identifier: MIT
// `rapport agree --ratings` in-process: exit codes, JSON contract (../shared/DESIGN.md), text table.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "cli.hpp"
#include "test_paths.hpp"

using Catch::Matchers::WithinAbs;

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run agree(std::vector<std::string> args) {
  args.insert(args.begin(), "agree");
  std::ostringstream out, err;
  const int code = rapport::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

std::string data(const char* name) { return (rapport::test::data_dir() / "stats" / name).string(); }

const boost::json::object& measure(const boost::json::value& doc, const char* name) {
  for (const auto& m : doc.at("measures").as_array())
    if (m.at("name").as_string() == name) return m.as_object();
  FAIL("no measure " << name);
  throw;
}

}  // namespace

TEST_CASE("agree --format json on Krippendorff 2011 C gives the published alphas", "[cli][agree]") {
  const Run r = agree({"--ratings", data("krippendorff_2011_c.csv"), "--level", "interval", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto doc = boost::json::parse(r.out);  // stdout is the JSON document and nothing else
  CHECK(doc.at("input").at("units").as_int64() == 12);
  CHECK(doc.at("input").at("raters").as_int64() == 4);
  CHECK(doc.at("input").at("missing").as_int64() == 7);
  // Krippendorff (2011) section C: .743, .815, .849 (the ratio metric needs --level ratio).
  CHECK_THAT(measure(doc, "krippendorff_alpha_nominal").at("value").as_double(), WithinAbs(0.743, 0.0005));
  CHECK_THAT(measure(doc, "krippendorff_alpha_ordinal").at("value").as_double(), WithinAbs(0.815, 0.0005));
  const auto& interval = measure(doc, "krippendorff_alpha_interval");
  CHECK_THAT(interval.at("value").as_double(), WithinAbs(0.849, 0.0005));
  CHECK(interval.at("ci_low").is_double());
  CHECK(interval.at("n_units").as_int64() == 11);
  CHECK(interval.at("n_raters").as_int64() == 4);
  // Two-rater measures given four raters: null with a reason.
  const auto& cohen = measure(doc, "cohen_kappa");
  CHECK(cohen.at("value").is_null());
  CHECK_THAT(std::string(cohen.at("reason").as_string()), Catch::Contains("4 raters"));
  CHECK(doc.at("diagnostics").as_array().empty());
}

TEST_CASE("agree JSON carries the ICC names, F test and exact CI", "[cli][agree]") {
  const Run r = agree({"--ratings", data("shrout_fleiss_1979.csv"), "--level", "interval", "--measures",
                       "icc_2_1,icc_2_k", "--format", "json"});
  REQUIRE(r.code == 0);
  const auto doc = boost::json::parse(r.out);
  REQUIRE(doc.at("measures").as_array().size() == 2);
  const auto& icc = measure(doc, "icc_2_k");
  // Shrout & Fleiss 1979: ICC(2,4) = .62; CI [.071, .927] (statistics.md trap 7).
  CHECK_THAT(icc.at("value").as_double(), WithinAbs(0.62, 0.005));
  CHECK(icc.at("mcgraw_wong").as_string() == "ICC(A,k)");
  CHECK(icc.at("df1").as_int64() == 5);  // counts and df print as integers
  CHECK(icc.at("df2").as_int64() == 15);
  CHECK(icc.at("p").as_double() < 0.001);
  CHECK_THAT(icc.at("ci_low").as_double(), WithinAbs(0.071, 0.0005));
  CHECK_THAT(icc.at("ci_high").as_double(), WithinAbs(0.927, 0.0005));
}

TEST_CASE("agree text output is a table with the prevalence-paradox note", "[cli][agree]") {
  const Run r = agree({"--ratings", data("prevalence_paradox.csv"), "--level", "nominal"});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("measure") && Catch::Contains("95% CI"));
  CHECK_THAT(r.out, Catch::Contains("cohen_kappa"));
  CHECK_THAT(r.out, Catch::Contains("Prevalence paradox: percent agreement is 0.85"));
  CHECK_THAT(r.out, Catch::Contains("100 units, 2 raters"));
  CHECK(r.err.empty());
}

TEST_CASE("agree: malformed CSV exits 2 naming file, line and column", "[cli][agree]") {
  struct Case {
    const char* file;
    const char* where;
    const char* rule;
  };
  for (const Case& c : {Case{"malformed_ragged.csv", ":3:8:", "ratings-csv-ragged-row"},
                        Case{"malformed_duplicate.csv", ":4:1:", "ratings-csv-duplicate-rating"},
                        Case{"malformed_not_a_number.csv", ":3:6:", "ratings-csv-not-a-number"},
                        Case{"malformed_no_header.csv", ":1:1:", "ratings-csv-missing-header"}}) {
    INFO(c.file);
    const Run r = agree({"--ratings", data(c.file), "--level", "interval"});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains(std::string(c.file) + c.where) && Catch::Contains(c.rule));
  }
  // With --format json the diagnostics are in the document on stdout.
  const Run j = agree({"--ratings", data("malformed_ragged.csv"), "--level", "interval", "--format", "json"});
  CHECK(j.code == 2);
  const auto doc = boost::json::parse(j.out);
  CHECK(doc.at("diagnostics").as_array().at(0).at("line").as_int64() == 3);
}

TEST_CASE("agree: usage errors exit 2", "[cli][agree]") {
  CHECK(agree({}).code == 2);
  CHECK(agree({"--ratings", data("shrout_fleiss_1979.csv")}).code == 2);                       // no --level
  CHECK(agree({"--ratings", data("shrout_fleiss_1979.csv"), "--level", "metric"}).code == 2);  // bad level
  CHECK(agree({"--ratings", data("shrout_fleiss_1979.csv"), "--level", "interval", "--measures", "kappa"}).code == 2);
  CHECK(agree({"--ratings", data("no-such-file.csv"), "--level", "interval"}).code == 2);
  CHECK(agree({"--help"}).code == 0);
}

TEST_CASE("agree: the bootstrap is reproducible with --seed", "[cli][agree]") {
  const std::vector<std::string> args{"--ratings",   data("krippendorff_2011_c.csv"),
                                      "--level",     "interval",
                                      "--measures",  "krippendorff_alpha_interval",
                                      "--bootstrap", "2000",
                                      "--seed",      "99",
                                      "--format",    "json"};
  const Run a = agree(args), b = agree(args);
  REQUIRE(a.code == 0);
  CHECK(a.out == b.out);
  auto other = args;
  other[9] = "100";
  CHECK(agree(other).out != a.out);
}
