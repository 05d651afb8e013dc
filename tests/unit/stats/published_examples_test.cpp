// SPDX-License-Identifier: MIT
// Every published worked example of ../shared/domain/statistics.md s.5, to the printed precision.
// Each TEST_CASE names its source; the data sets are in stats_test_support.hpp.
#include <catch2/catch.hpp>

#include "rapport/stats/cohen_kappa.hpp"
#include "rapport/stats/icc.hpp"
#include "rapport/stats/krippendorff_alpha.hpp"
#include "rapport/stats/multi_rater.hpp"
#include "rapport/stats/percent_agreement.hpp"
#include "stats_test_support.hpp"

using namespace rapport::stats;
using Catch::Matchers::WithinAbs;
using rapport::test::na;

namespace {

double value_of(const Measure& m) {
  INFO(m.name << ": " << m.reason);
  REQUIRE(m.value.has_value());
  return *m.value;
}

}  // namespace

TEST_CASE("Krippendorff 2011 example A: binary data, two observers", "[stats][published][alpha]") {
  // Krippendorff (2011) "Computing Krippendorff's alpha-reliability", section A: 10 units,
  // alpha = .095, percent agreement .60 (quoted in statistics.md s.1 and s.5).
  const auto table =
      make_numeric_table(rapport::test::transpose({{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}, {1, 1, 1, 0, 0, 1, 0, 0, 0, 0}}));
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::nominal)), WithinAbs(0.095, 0.0005));
  CHECK_THAT(value_of(percent_agreement(table)), WithinAbs(0.60, 1e-12));
  // The closed form of statistics.md s.1: alpha = 1 - (2N - 1)/(2N) (1 - pi), pi = .048 (Scott's pi
  // printed by Krippendorff to 3 dp): 1 - 19/20 * .952 = .0956, within the rounding of pi.
  CHECK_THAT(value_of(scott_pi(table)), WithinAbs(0.048, 0.0005));
}

TEST_CASE("Krippendorff 2011 example B: nominal data, two observers, no missing", "[stats][published][alpha]") {
  // Krippendorff (2011) section B: 12 units, values a-e, alpha = .692.
  const auto table = make_label_table({{"a", "b"},
                                       {"a", "a"},
                                       {"b", "b"},
                                       {"b", "b"},
                                       {"d", "b"},
                                       {"c", "c"},
                                       {"c", "c"},
                                       {"c", "c"},
                                       {"e", "e"},
                                       {"d", "d"},
                                       {"d", "d"},
                                       {"a", "d"}});
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::nominal)), WithinAbs(0.692, 0.0005));
}

TEST_CASE("Krippendorff 2011 example C: four observers, missing data, four metrics", "[stats][published][alpha]") {
  // Krippendorff (2011) section C: nominal .743, ordinal .815, interval .849, ratio .797.
  const auto table = make_numeric_table(rapport::test::krippendorff_2011_c());
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::nominal)), WithinAbs(0.743, 0.0005));
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::ordinal)), WithinAbs(0.815, 0.0005));
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::interval)), WithinAbs(0.849, 0.0005));
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::ratio)), WithinAbs(0.797, 0.0005));
  // Unit 12 has one value: it is dropped, 11 units remain.
  CHECK(krippendorff_alpha(table, Level::nominal).n_units == 11);
}

TEST_CASE("Wikipedia Krippendorff's alpha example: 3 coders, 15 units, missing", "[stats][published][alpha]") {
  // en.wikipedia.org "Krippendorff's alpha" worked example: nominal .691, interval .811
  // (statistics.md s.5). Trap 4: Fleiss in Gwet's form .686; complete units only give .25.
  const auto table = make_numeric_table(rapport::test::transpose({
      {na, na, na, na, na, 3, 4, 1, 2, 1, 1, 3, 3, na, 3},
      {1, na, 2, 1, 3, 3, 4, 3, na, na, na, na, na, na, na},
      {na, na, 2, 1, 3, 4, 4, na, 2, 1, 1, 3, 3, na, 4},
  }));
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::nominal)), WithinAbs(0.691, 0.0005));
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::interval)), WithinAbs(0.811, 0.0005));
  // Trap 4 numbers are quoted to 3 and 2 decimals.
  CHECK_THAT(value_of(fleiss_kappa(table, Weighting::identity)), WithinAbs(0.686, 0.0005));
  std::vector<std::vector<std::optional<double>>> complete;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    bool all = true;
    for (auto c : table.row(u)) all = all && c != RatingTable::missing;
    if (!all) continue;
    std::vector<std::optional<double>> row;
    for (auto c : table.row(u)) row.push_back(table.categories[static_cast<std::size_t>(c)].value);
    complete.push_back(row);
  }
  CHECK_THAT(value_of(fleiss_kappa(make_numeric_table(complete), Weighting::identity)), WithinAbs(0.25, 0.005));
}

TEST_CASE("Hayes & Krippendorff 2007: ordinal alpha of the news-tone data", "[stats][published][alpha]") {
  // Hayes & Krippendorff (2007) Table 1, 40 units x 5 observers, ordinal alpha = .7598.
  const auto table = make_numeric_table(rapport::test::hayes_krippendorff_2007());
  const Measure m = krippendorff_alpha(table, Level::ordinal, AlphaBootstrap{1000, 20070101});
  CHECK_THAT(value_of(m), WithinAbs(0.7598, 0.00005));
  // The bootstrap CI is Monte-Carlo and variant-dependent (no KALPHA output retrieved): only its
  // shape is checked here -- it brackets the estimate and lies within [-1, 1].
  REQUIRE(m.ci_low);
  REQUIRE(m.ci_high);
  CHECK(*m.ci_low < *m.value);
  CHECK(*m.ci_high > *m.value);
  CHECK(*m.ci_low > -1.0);
  CHECK(*m.ci_high <= 1.0);
}

TEST_CASE("Shrout & Fleiss 1979: the six ICCs", "[stats][published][icc]") {
  // Shrout & Fleiss (1979) Table 2 data; Table 2 mean squares BMS 11.24, WMS 6.26, JMS 32.49,
  // EMS 1.02; Table 4 ICCs .17 .29 .71 .44 .62 .91 (statistics.md s.5).
  const auto table = make_numeric_table(rapport::test::shrout_fleiss_1979());
  const auto anova = icc_anova(table);
  REQUIRE(anova);
  CHECK_THAT(anova->msr, WithinAbs(11.24, 0.005));
  CHECK_THAT(anova->msw, WithinAbs(6.26, 0.005));
  CHECK_THAT(anova->msc, WithinAbs(32.49, 0.005));
  CHECK_THAT(anova->mse, WithinAbs(1.02, 0.005));
  const auto icc = intraclass_correlations(table);
  CHECK(icc[0].name == "icc_1_1");
  CHECK_THAT(value_of(icc[0]), WithinAbs(0.17, 0.005));
  CHECK_THAT(value_of(icc[1]), WithinAbs(0.29, 0.005));
  CHECK_THAT(value_of(icc[2]), WithinAbs(0.71, 0.005));
  CHECK_THAT(value_of(icc[3]), WithinAbs(0.44, 0.005));
  CHECK_THAT(value_of(icc[4]), WithinAbs(0.62, 0.005));
  CHECK_THAT(value_of(icc[5]), WithinAbs(0.91, 0.005));
  CHECK(icc[1].label("mcgraw_wong") == "ICC(A,1)");
  CHECK(icc[5].label("mcgraw_wong") == "ICC(C,k)");
  // ICC(A,k) interval from the ICC(A,1) Satterthwaite df, as psych / McGraw & Wong: [.071, .927]
  // (statistics.md trap 7; irr 0.84.1's wrong [.039, .929] must not come out).
  REQUIRE(icc[4].ci_low);
  CHECK_THAT(*icc[4].ci_low, WithinAbs(0.071, 0.0005));
  CHECK_THAT(*icc[4].ci_high, WithinAbs(0.927, 0.0005));
  // F tests from the published mean squares: two-way F = EMS-based 11.24/1.02 = 11.0 on (5, 15);
  // one-way F = 11.24/6.26 = 1.80 on (5, 18). Hand arithmetic on Table 2.
  CHECK_THAT(*icc[1].statistic("f"), WithinAbs(11.24 / 1.02, 0.05));
  CHECK(*icc[1].statistic("df1") == 5);
  CHECK(*icc[1].statistic("df2") == 15);
  CHECK_THAT(*icc[0].statistic("f"), WithinAbs(11.24 / 6.26, 0.01));
  CHECK(*icc[0].statistic("df2") == 18);
}

TEST_CASE("Fleiss 1971: kappa of 30 patients x 6 psychiatrists", "[stats][published][fleiss]") {
  // Fleiss (1971) Table 1; P-bar = .556, kappa = .430 (statistics.md s.5).
  const auto table = make_table_from_counts(rapport::test::fleiss_1971());
  const Measure k = fleiss_kappa(table, Weighting::identity);
  CHECK_THAT(value_of(k), WithinAbs(0.430, 0.0005));
  CHECK_THAT(value_of(percent_agreement(table)), WithinAbs(0.556, 0.0005));
  CHECK_THAT(*k.statistic("p_a"), WithinAbs(0.556, 0.0005));
  // Krippendorff's alpha on the same data: .4334 (statistics.md trap 8, irr's buggy .4309).
  CHECK_THAT(value_of(krippendorff_alpha(table, Level::nominal)), WithinAbs(0.4334, 0.00005));
  // Category kappas: the overall kappa is their average weighted by p_j q_j (Fleiss 1971 eq. 12).
  double num = 0.0, den = 0.0;
  std::vector<double> p(5, 0.0);
  for (const auto& row : rapport::test::fleiss_1971())
    for (std::size_t j = 0; j < 5; ++j) p[j] += row[j] / 180.0;
  REQUIRE(k.per_category.size() == 5);
  for (std::size_t j = 0; j < 5; ++j) {
    REQUIRE(k.per_category[j].value);
    num += p[j] * (1 - p[j]) * *k.per_category[j].value;
    den += p[j] * (1 - p[j]);
  }
  CHECK_THAT(num / den, WithinAbs(*k.value, 1e-12));
}

TEST_CASE("Wikipedia Fleiss' kappa example: 10 subjects x 14 raters", "[stats][published][fleiss]") {
  // en.wikipedia.org "Fleiss' kappa" worked example: P-bar .378, P_e .213, kappa .210.
  const auto table = make_table_from_counts({{0, 0, 0, 0, 14},
                                             {0, 2, 6, 4, 2},
                                             {0, 0, 3, 5, 6},
                                             {0, 3, 9, 2, 0},
                                             {2, 2, 8, 1, 1},
                                             {7, 7, 0, 0, 0},
                                             {3, 2, 6, 3, 0},
                                             {2, 5, 3, 2, 2},
                                             {6, 5, 2, 1, 0},
                                             {0, 2, 2, 3, 7}});
  const Measure k = fleiss_kappa(table, Weighting::identity);
  CHECK_THAT(value_of(k), WithinAbs(0.210, 0.0005));
  CHECK_THAT(*k.statistic("p_a"), WithinAbs(0.378, 0.0005));
  CHECK_THAT(*k.statistic("p_e"), WithinAbs(0.213, 0.0005));
}

TEST_CASE("Cohen 1960: kappa and kappa_max of the 3x3 example", "[stats][published][cohen]") {
  // Cohen (1960) table of proportions (.44 .07 .09 / .05 .20 .05 / .01 .03 .06), n = 200:
  // kappa = .492, kappa_max = .831 (statistics.md s.5).
  const auto table = rapport::test::from_contingency({{88, 14, 18}, {10, 40, 10}, {2, 6, 12}});
  const Measure k = cohen_kappa(table, Weighting::identity);
  CHECK_THAT(value_of(k), WithinAbs(0.492, 0.0005));
  CHECK_THAT(*k.statistic("kappa_max"), WithinAbs(0.831, 0.0005));
  CHECK_THAT(*k.statistic("p_o"), WithinAbs(0.70, 1e-12));
  CHECK_THAT(*k.statistic("p_e"), WithinAbs(0.41, 1e-12));
  // Quadratic kappa .4545 vs ICC(A,1) .4558 on the same data (statistics.md s.1, Fleiss & Cohen 1973).
  CHECK_THAT(value_of(cohen_kappa(table, Weighting::quadratic)), WithinAbs(0.4545, 0.00005));
  CHECK_THAT(value_of(intraclass_correlations(table)[1]), WithinAbs(0.4558, 0.00005));
  REQUIRE(k.matrix);
  CHECK(k.matrix->counts[0][2] == 18);
}

TEST_CASE("Feinstein & Cicchetti 1990: the prevalence paradox pair", "[stats][published][cohen]") {
  // Feinstein & Cicchetti (1990) J Clin Epidemiol 43:543: two 2x2 tables with p_o = .85 give
  // kappa .70 (balanced) and .32 (skewed prevalence).
  const auto balanced = rapport::test::from_contingency({{40, 9}, {6, 45}});
  const auto skewed = rapport::test::from_contingency({{80, 10}, {5, 5}});
  CHECK_THAT(*percent_agreement(balanced).value, WithinAbs(0.85, 1e-12));
  CHECK_THAT(*percent_agreement(skewed).value, WithinAbs(0.85, 1e-12));
  CHECK_THAT(value_of(cohen_kappa(balanced, Weighting::identity)), WithinAbs(0.70, 0.005));
  CHECK_THAT(value_of(cohen_kappa(skewed, Weighting::identity)), WithinAbs(0.32, 0.005));
}

TEST_CASE("Gwet 2008: Scott's pi .6078 and AC1 .8658", "[stats][published][gwet]") {
  // Gwet (2008) BJMSP 61:29 example: pi = .6078, AC1 = .8658 (statistics.md s.5). For two raters
  // and two categories both coefficients depend only on p_o and the mean prevalence pbar:
  // pi = (p_o - (pbar^2 + (1-pbar)^2)) / (2 pbar (1-pbar)), AC1 = (p_o - 2 pbar(1-pbar)) /
  // (1 - 2 pbar(1-pbar)); solving gives p_o = .90, pbar = .15. The paper's cell counts were not
  // available here, so the table below is one table with exactly that p_o and pbar.
  const auto table = rapport::test::from_contingency({{10, 5}, {5, 80}});
  CHECK_THAT(value_of(scott_pi(table)), WithinAbs(0.6078, 0.00005));
  CHECK_THAT(value_of(gwet_ac(table, Weighting::identity)), WithinAbs(0.8658, 0.00005));
}
