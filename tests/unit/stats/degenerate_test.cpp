// SPDX-License-Identifier: MIT
// Degenerate data give null with a reason, never 1 or 0 by accident (issue 3; statistics.md trap 1-2).
#include <catch2/catch.hpp>

#include "rapport/stats/agreement.hpp"
#include "rapport/stats/cohen_kappa.hpp"
#include "rapport/stats/icc.hpp"
#include "rapport/stats/krippendorff_alpha.hpp"
#include "rapport/stats/multi_rater.hpp"
#include "rapport/stats/percent_agreement.hpp"
#include "stats_test_support.hpp"

using namespace rapport::stats;
using rapport::test::na;

namespace {

std::vector<Measure> all_measures(const RatingTable& table, Level level) {
  AgreementOptions options;
  options.level = level;
  options.bootstrap = 0;
  return compute_agreement(table, options);
}

const Measure& find(const std::vector<Measure>& ms, const std::string& name) {
  for (const auto& m : ms)
    if (m.name == name) return m;
  FAIL("no measure " << name);
  throw;
}

}  // namespace

TEST_CASE("one category used by everyone: every chance-corrected coefficient is null", "[stats][degenerate]") {
  const auto table = make_numeric_table({{3, 3, 3}, {3, 3, 3}, {3, 3, na}, {3, 3, 3}});
  const auto ms = all_measures(table, Level::interval);
  for (const auto& m : ms) {
    INFO(m.name);
    if (m.name.starts_with("percent_")) {
      REQUIRE(m.value);
      CHECK(*m.value == 1.0);  // observed agreement is genuinely perfect
      continue;
    }
    CHECK_FALSE(m.value.has_value());
    CHECK_FALSE(m.reason.empty());
  }
  // The reason names the category and reports p_o.
  CHECK_THAT(find(ms, "fleiss_kappa").reason, Catch::Contains("'3'") && Catch::Contains("1.000"));
}

TEST_CASE("one category used by everyone with a declared scale: AC1 and BP are still null", "[stats][degenerate]") {
  const std::vector<double> scale{1, 2, 3, 4, 5};
  const auto table = make_numeric_table({{3, 3}, {3, 3}, {3, 3}}, scale);
  CHECK_FALSE(gwet_ac(table, Weighting::identity).value);
  CHECK_FALSE(brennan_prediger(table, Weighting::quadratic).value);
}

TEST_CASE("one rater constant: Cohen's kappa is null, not 0 (trap 2)", "[stats][degenerate]") {
  // Rater 1 always says 1; p_o = .70 yet kappa = 0 by construction.
  const auto table =
      make_numeric_table({{1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 2}, {1, 2}, {1, 2}});
  const Measure k = cohen_kappa(table, Weighting::identity);
  CHECK_FALSE(k.value);
  CHECK_THAT(k.reason, Catch::Contains("r1") && Catch::Contains("0.700"));
  CHECK_FALSE(light_kappa(table).value);
  // Coefficients with pooled chance terms remain defined.
  CHECK(scott_pi(table).value);
  CHECK(gwet_ac(table, Weighting::identity).value);
}

TEST_CASE("constant ratings make every ICC null (trap 1)", "[stats][degenerate]") {
  const auto table = make_numeric_table({{4, 4, 4}, {4, 4, 4}, {4, 4, 4}});
  for (const auto& m : intraclass_correlations(table)) {
    INFO(m.name);
    CHECK_FALSE(m.value);
    CHECK_THAT(m.reason, Catch::Contains("0/0"));
  }
}

TEST_CASE("a single unit: chance-corrected coefficients and ICC are null", "[stats][degenerate]") {
  // Trap 2: a 1-unit study would give kappa = 0 and pi = -1 by arithmetic.
  const auto table = make_numeric_table({{1, 2}});
  CHECK_FALSE(cohen_kappa(table, Weighting::identity).value);
  CHECK_FALSE(scott_pi(table).value);
  CHECK_FALSE(fleiss_kappa(table, Weighting::identity).value);
  CHECK_FALSE(gwet_ac(table, Weighting::identity).value);
  CHECK_FALSE(krippendorff_alpha(table, Level::nominal).value);
  for (const auto& m : intraclass_correlations(table)) CHECK_FALSE(m.value);
  // Percent agreement is an observation, defined on one unit; its SE is not.
  const Measure pa = percent_agreement(table);
  REQUIRE(pa.value);
  CHECK(*pa.value == 0.0);
  CHECK_FALSE(pa.se);
}

TEST_CASE("units with one rating and with none follow the conventions", "[stats][degenerate]") {
  // Units 1-4 rated by both; unit 5 by one rater; unit 6 by none.
  const auto base = make_numeric_table({{1, 1}, {2, 2}, {1, 2}, {2, 2}});
  const auto with_gaps = make_numeric_table({{1, 1}, {2, 2}, {1, 2}, {2, 2}, {1, na}, {na, na}});
  // Two-rater measures use the units rated by both: unchanged.
  CHECK(*cohen_kappa(with_gaps, Weighting::identity).value == Approx(*cohen_kappa(base, Weighting::identity).value));
  CHECK(*scott_pi(with_gaps).value == Approx(*scott_pi(base).value));
  CHECK(cohen_kappa(with_gaps, Weighting::identity).n_units == 4);
  // Alpha drops units with one value: unchanged.
  CHECK(*krippendorff_alpha(with_gaps, Level::nominal).value ==
        Approx(*krippendorff_alpha(base, Level::nominal).value));
  // Percent agreement is over units with >= 2 ratings: unchanged.
  CHECK(*percent_agreement(with_gaps).value == Approx(*percent_agreement(base).value));
  // Fleiss (Gwet's form) lets the single rating inform pi: n counts units with >= 1 rating.
  CHECK(fleiss_kappa(with_gaps, Weighting::identity).n_units == 5);
  // ICC uses complete units.
  CHECK(intraclass_correlations(with_gaps)[0].n_units == 4);
}

TEST_CASE("no unit with two ratings", "[stats][degenerate]") {
  const auto table = make_numeric_table({{1, na}, {na, 2}, {3, na}});
  CHECK_FALSE(percent_agreement(table).value);
  CHECK_FALSE(fleiss_kappa(table, Weighting::identity).value);
  CHECK_FALSE(krippendorff_alpha(table, Level::interval).value);
  CHECK_FALSE(cohen_kappa(table, Weighting::identity).value);
}

TEST_CASE("two-rater measures given three raters are null with a reason", "[stats][degenerate]") {
  const auto table = make_numeric_table({{1, 2, 1}, {2, 2, 2}, {1, 1, 2}});
  const Measure k = cohen_kappa(table, Weighting::identity);
  CHECK_FALSE(k.value);
  CHECK_THAT(k.reason, Catch::Contains("3 raters"));
  CHECK_FALSE(scott_pi(table).value);
}

TEST_CASE("a measure that needs a higher level is null with a reason", "[stats][degenerate]") {
  const auto table = make_label_table({{"a", "b"}, {"a", "a"}, {"b", "b"}});
  AgreementOptions options;
  options.level = Level::nominal;
  options.measures = {"icc_2_1", "cohen_kappa_quadratic", "cohen_kappa"};
  const auto ms = compute_agreement(table, options);
  REQUIRE(ms.size() == 3);
  CHECK_FALSE(ms[0].value);
  CHECK_THAT(ms[0].reason, Catch::Contains("interval"));
  CHECK_FALSE(ms[1].value);
  CHECK(ms[2].value);
  options.measures = {"kappa"};
  CHECK_THROWS_AS(compute_agreement(table, options), std::invalid_argument);
}

TEST_CASE("ICC(2,k) is null, not -1e16, when ICC(2,1) = -1 with two raters", "[stats][degenerate][icc]") {
  // Units (1,1), (1,2), (2,1): grand mean 4/3; MSR = 1/6, MSC = 0, MSE = 1/2 (worked by hand).
  // ICC(2,1) = (MSR - MSE) / (MSR + (k-1)MSE + k(MSC - MSE)/n) = (-1/3) / (1/6 + 1/2 - 1/3) = -1;
  // ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE)/n) = (-1/3) / (1/6 - 1/6): its denominator is 0,
  // which rounding turned into ~1e-17 and a value of about -1.2e16 (found on samples/ SES_WSIG).
  const auto iccs = intraclass_correlations(make_numeric_table({{1, 1}, {1, 2}, {2, 1}}));
  REQUIRE(iccs[1].value);
  CHECK(*iccs[1].value == Approx(-1.0));
  CHECK_FALSE(iccs[4].value);
  CHECK(iccs[4].reason == "ICC is undefined for these data: its denominator (a combination of mean squares) is 0");
}
