// SPDX-License-Identifier: MIT
// Property tests: permutation invariance, identical raters, closed forms, equalities between
// coefficients, bootstrap reproducibility.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "rapport/stats/agreement.hpp"
#include "rapport/stats/cohen_kappa.hpp"
#include "rapport/stats/krippendorff_alpha.hpp"
#include "rapport/stats/multi_rater.hpp"
#include "stats_test_support.hpp"

using namespace rapport::stats;
using Catch::Matchers::WithinAbs;
using rapport::test::na;
using rapport::test::NumericRows;

namespace {

/// A random 1-5 table with ~15% missing (fixed seed).
NumericRows random_rows(std::size_t n, std::size_t m, unsigned seed) {
  std::mt19937 engine(seed);
  NumericRows rows(n);
  for (auto& row : rows) {
    const int truth = static_cast<int>(engine() % 5) + 1;
    for (std::size_t r = 0; r < m; ++r) {
      if (engine() % 100 < 15) {
        row.push_back(na);
        continue;
      }
      const int noise = static_cast<int>(engine() % 3) - 1;
      row.push_back(std::clamp(truth + (engine() % 2 ? noise : 0), 1, 5));
    }
  }
  return rows;
}

std::vector<Measure> compute_all(const NumericRows& rows) {
  AgreementOptions options;
  options.level = Level::interval;
  options.bootstrap = 200;
  options.seed = 7;
  return compute_agreement(make_numeric_table(rows), options);
}

void check_same(const std::vector<Measure>& a, const std::vector<Measure>& b, bool bootstrap_too) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    REQUIRE(a[i].value.has_value() == b[i].value.has_value());
    if (a[i].value) CHECK_THAT(*a[i].value, WithinAbs(*b[i].value, 1e-10));
    if (a[i].name.starts_with("krippendorff") && !bootstrap_too) continue;
    REQUIRE(a[i].se.has_value() == b[i].se.has_value());
    if (a[i].se) CHECK_THAT(*a[i].se, WithinAbs(*b[i].se, 1e-10));
  }
}

}  // namespace

TEST_CASE("permuting units changes nothing", "[stats][property]") {
  auto rows = random_rows(60, 3, 11);
  const auto before = compute_all(rows);
  std::mt19937 engine(3);
  std::shuffle(rows.begin(), rows.end(), engine);
  // Bootstrap draws follow the pair order, so only point values and analytic SEs are compared.
  check_same(before, compute_all(rows), false);
}

TEST_CASE("permuting raters changes nothing", "[stats][property]") {
  auto rows = random_rows(60, 3, 12);
  const auto before = compute_all(rows);
  for (auto& row : rows) std::swap(row[0], row[2]);
  const auto after = compute_all(rows);
  // ICC(2,.) and (3,.) are symmetric in raters; all others too.
  check_same(before, after, false);
}

TEST_CASE("identical raters give 1 wherever the measure is defined", "[stats][property]") {
  NumericRows rows;
  for (int u = 0; u < 20; ++u) {
    const double v = 1 + u % 5;
    rows.push_back({v, v, v});
  }
  for (const auto& m : compute_all(rows)) {
    INFO(m.name << " " << m.reason);
    if (m.name == "cohen_kappa" || m.name.starts_with("cohen_kappa_") || m.name == "scott_pi") {
      CHECK_FALSE(m.value);  // three raters: two-rater measures do not apply
      continue;
    }
    REQUIRE(m.value);
    CHECK_THAT(*m.value, WithinAbs(1.0, 1e-12));
  }
  NumericRows two;
  for (const auto& row : rows) two.push_back({row[0], row[1]});
  CHECK_THAT(*cohen_kappa(make_numeric_table(two), Weighting::quadratic).value, WithinAbs(1.0, 1e-12));
  CHECK_THAT(*scott_pi(make_numeric_table(two)).value, WithinAbs(1.0, 1e-12));
}

TEST_CASE("two raters, nominal: alpha equals the closed form 1 - (2N-1)/(2N) (1 - pi)", "[stats][property]") {
  // statistics.md s.1 (Krippendorff 2011): alpha = 1 - (2N - 1)/(2N) * (1 - pi) with N units.
  for (unsigned seed : {1u, 2u, 3u}) {
    NumericRows rows;
    for (const auto& row : random_rows(40, 2, seed))
      if (row[0] && row[1]) rows.push_back(row);
    const auto table = make_numeric_table(rows);
    const double n = static_cast<double>(rows.size());
    const double pi = *scott_pi(table).value;
    CHECK_THAT(*krippendorff_alpha(table, Level::nominal).value,
               WithinAbs(1 - (2 * n - 1) / (2 * n) * (1 - pi), 1e-12));
  }
}

TEST_CASE("Conger's kappa equals Cohen's with two raters and complete data", "[stats][property]") {
  // Conger (1980): with m = 2, pbar_k pbar_l - s2_kl / 2 = (p_1k p_2l + p_2k p_1l) / 2.
  NumericRows rows;
  for (const auto& row : random_rows(50, 2, 5))
    if (row[0] && row[1]) rows.push_back(row);
  const auto table = make_numeric_table(rows);
  for (auto w : {Weighting::identity, Weighting::linear, Weighting::quadratic})
    CHECK_THAT(*conger_kappa(table, w).value, WithinAbs(*cohen_kappa(table, w).value, 1e-12));
  // and Light's kappa of two raters is Cohen's kappa.
  CHECK_THAT(*light_kappa(table).value, WithinAbs(*cohen_kappa(table, Weighting::identity).value, 1e-12));
}

TEST_CASE("Fleiss' kappa of two raters on complete data is Scott's pi", "[stats][property]") {
  NumericRows rows;
  for (const auto& row : random_rows(50, 2, 6))
    if (row[0] && row[1]) rows.push_back(row);
  const auto table = make_numeric_table(rows);
  CHECK_THAT(*fleiss_kappa(table, Weighting::identity).value, WithinAbs(*scott_pi(table).value, 1e-12));
}

TEST_CASE("the alpha bootstrap is reproducible and seed-dependent", "[stats][property][bootstrap]") {
  const auto table = make_numeric_table(rapport::test::hayes_krippendorff_2007());
  const Measure a = krippendorff_alpha(table, Level::ordinal, {2000, 42});
  const Measure b = krippendorff_alpha(table, Level::ordinal, {2000, 42});
  const Measure c = krippendorff_alpha(table, Level::ordinal, {2000, 43});
  REQUIRE(a.ci_low);
  CHECK(*a.ci_low == *b.ci_low);
  CHECK(*a.ci_high == *b.ci_high);
  CHECK(*a.se == *b.se);
  CHECK(*a.se != *c.se);
  // Same estimate regardless of the seed; the two seeds' SEs agree to Monte-Carlo precision.
  CHECK(*a.value == *c.value);
  CHECK_THAT(*a.se, WithinAbs(*c.se, 0.01));
  // q(alpha < .667) is a share and smaller than q(alpha < .800).
  CHECK(*a.statistic("q_below_0_667") <= *a.statistic("q_below_0_800"));
}

TEST_CASE("the bootstrap CI narrows with more units", "[stats][property][bootstrap]") {
  const auto small = make_numeric_table(random_rows(40, 3, 21));
  NumericRows big_rows;
  for (int i = 0; i < 10; ++i)
    for (const auto& row : random_rows(40, 3, 21)) big_rows.push_back(row);
  const auto big = make_numeric_table(big_rows);
  const Measure s = krippendorff_alpha(small, Level::interval, {1000, 1});
  const Measure b = krippendorff_alpha(big, Level::interval, {1000, 1});
  // Ten copies: same D_o; D_e = S/(n(n-1)) becomes 100 S/(10n(10n-1)), so
  // 1 - alpha_big = (1 - alpha_small) (10n - 1)/(10(n - 1)), n = pairable values of the small table.
  const double n = *s.statistic("pairable_values");
  CHECK_THAT(1 - *b.value, WithinAbs((1 - *s.value) * (10 * n - 1) / (10 * (n - 1)), 1e-12));
  CHECK(*b.ci_high - *b.ci_low < 0.5 * (*s.ci_high - *s.ci_low));
}

TEST_CASE("the nominal alpha bootstrap SE matches its closed form, whichever way pairs are drawn",
          "[stats][property][bootstrap]") {
  // Nominal delta2 is 0 or 1 and the class weights sum to n, so a replicate's D_o* is the mean of
  // D = ceil(n/2) Bernoulli(D_o) draws: SD(alpha*) = sqrt(D_o (1 - D_o) / D) / D_e exactly. 1000
  // replicates estimate it to about 1/sqrt(2 * 999) = 2.2 % (relative SE of an SD), so 10 % is
  // a loose bound that still catches a sampler drawing the wrong number of pairs or weights.
  // 5000 units x 3 raters use the per-class counts (J <= 15 classes, D ~ 7000 draws); 12 units
  // x 3 raters with 9 categories draw pair by pair (4J > D).
  for (const std::size_t units : {5000, 12}) {
    NumericRows rows;
    std::mt19937 engine(static_cast<unsigned>(units));
    for (std::size_t u = 0; u < units; ++u) {
      const int truth = static_cast<int>(engine() % 9) + 1;
      NumericRows::value_type row;
      for (int r = 0; r < 3; ++r) row.push_back(engine() % 4 ? truth : static_cast<int>(engine() % 9) + 1);
      rows.push_back(row);
    }
    const Measure m = krippendorff_alpha(make_numeric_table(rows), Level::nominal, {1000, 3});
    const double d_o = *m.statistic("d_o"), d_e = *m.statistic("d_e"), n = *m.statistic("pairable_values");
    const double draws = std::ceil(n / 2.0);
    const double expected = std::sqrt(d_o * (1.0 - d_o) / draws) / d_e;
    INFO("units " << units << ", expected SE " << expected << ", bootstrap SE " << *m.se);
    REQUIRE(m.se);
    CHECK(*m.se > 0.9 * expected);
    CHECK(*m.se < 1.1 * expected);
  }
}
