// SPDX-License-Identifier: MIT
// `rapport agree --intervals` in-process: exit codes, the JSON contract (../shared/DESIGN.md).
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "cli.hpp"
#include "test_paths.hpp"

using Catch::Matchers::WithinAbs;

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run agree(std::vector<std::string> args) {
  args.insert(args.begin(), "agree");
  std::ostringstream out, err;
  const int code = rapport::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

std::string data(const char* name) { return (rapport::test::data_dir() / "intervals" / name).string(); }

const boost::json::object& measure(const boost::json::value& doc, const char* name) {
  for (const auto& m : doc.at("measures").as_array())
    if (m.at("name").as_string() == name) return m.as_object();
  FAIL("no measure " << name);
  throw;
}

}  // namespace

TEST_CASE("agree --intervals: Krippendorff 2004 p. 254 through the CLI", "[cli][intervals]") {
  const Run r =
      agree({"--intervals", data("krippendorff_2004_p254.csv"), "--continuum", "150,450", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto doc = boost::json::parse(r.out);
  const auto& a = measure(doc, "krippendorff_alpha_u");
  CHECK_THAT(a.at("value").to_number<double>(), WithinAbs(0.8591, 0.0005));  // published .8591
  CHECK(a.at("per_category").as_array().size() == 2);
  const auto& g = measure(doc, "gamma");
  CHECK(g.contains("observed_disorder"));
  CHECK(g.contains("expected_disorder"));
  CHECK(g.at("alpha").to_number<double>() == 1.0);
  CHECK(measure(doc, "gamma_k").at("per_category").as_array().size() == 2);
  const auto& e = measure(doc, "elan_kappa_ipf");
  CHECK(e.contains("raw_agreement"));
  CHECK(e.contains("kappa_max"));
  CHECK(e.at("matrix").as_object().at("categories").as_array().back().as_string() == "Unmatched");
  CHECK(measure(doc, "elan_kappa_excluding_unmatched").contains("matrix"));
  CHECK_FALSE(doc.at("links").as_array().empty());
}

TEST_CASE("agree --intervals: usage and data errors", "[cli][intervals]") {
  CHECK(agree({"--intervals", data("two_coders.csv"), "--elan-overlap", "40"}).code == 2);
  CHECK(agree({"--intervals", data("two_coders.csv"), "--continuum", "5,1"}).code == 2);
  CHECK(agree({"--intervals", data("two_coders.csv"), "--measures", "kappa"}).code == 2);
  CHECK(agree({"--intervals", "/nonexistent.csv"}).code == 2);
  // Intervals outside a declared continuum: data problem, exit 1, alpha_u and gamma undefined.
  const Run r = agree({"--intervals", data("two_coders.csv"), "--continuum", "0,100000", "--format", "json"});
  CHECK(r.code == 1);
  const auto doc = boost::json::parse(r.out);
  CHECK(measure(doc, "gamma").at("value").is_null());
  CHECK_FALSE(measure(doc, "elan_kappa_ipf").at("value").is_null());
  // Text output lists the disagreements.
  const Run t = agree({"--intervals", data("two_coders.csv")});
  CHECK(t.code == 0);
  CHECK(t.out.find("unmatched") != std::string::npos);
}
