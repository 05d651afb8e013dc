// SPDX-License-Identifier: MIT
// Standard errors and intervals checked against arithmetic written out in the comments.
#include <catch2/catch.hpp>
#include <cmath>

#include "rapport/stats/cohen_kappa.hpp"
#include "rapport/stats/icc.hpp"
#include "rapport/stats/multi_rater.hpp"
#include "rapport/stats/percent_agreement.hpp"
#include "stats_test_support.hpp"

using namespace rapport::stats;
using Catch::Matchers::WithinAbs;

TEST_CASE("Cohen 1960 table: FCE 1969 SE and null SE by hand", "[stats][hand][cohen]") {
  // p_o = .70, p_e = .41, kappa = .29/.59 = .491525. Margins rows (.60,.30,.10), cols (.50,.30,.20).
  // FCE unweighted: S1 = sum_k p_kk (1 - (p_k. + p_.k)(1 - k))^2 + (1 - k)^2 sum_{k!=l} p_kl (p_.k + p_l.)^2
  //   diagonal: .44(1 - 1.1*.508475)^2 + .20(1 - .6*.508475)^2 + .06(1 - .3*.508475)^2
  //           = .44*.195744 + .20*.483147 + .06*.719049 = .086127 + .096629 + .043143 = .225899
  //   off-diagonal (1-k)^2 = .258547 times .07(.5+.3)^2 + .09(.5+.1)^2 + .05(.3+.6)^2 + .05(.3+.1)^2
  //     + .01(.2+.6)^2 + .03(.2+.3)^2 = .0448 + .0324 + .0405 + .008 + .0064 + .0075 = .1396
  //     -> .036093;  S1 = .261992 (float arithmetic above to 6 dp)
  //   Var = (S1 - (k - p_e(1 - k))^2) / (n (1 - p_e)^2) = (.261992 - .283051^2) / (200 * .3481)
  //       = (.261992 - .080118) / 69.62 = .0026124 -> SE = .05111 (to the rounding above; exact .051002)
  // Null: S0 = sum_k p_k. p_.k (1 - (p_k. + p_.k))^2 + sum_{k!=l} p_k. p_.l (p_.k + p_l.)^2 = .3562,
  //   Var0 = (.3562 - .41^2)/69.62 = .1881/69.62 = .0027018 -> SE0 = .051979.
  const auto table = rapport::test::from_contingency({{88, 14, 18}, {10, 40, 10}, {2, 6, 12}});
  const Measure k = cohen_kappa(table, Weighting::identity);
  REQUIRE(k.se);
  CHECK_THAT(*k.se, WithinAbs(0.051002, 0.000005));
  CHECK_THAT(*k.statistic("se0"), WithinAbs(std::sqrt(0.1881 / 69.62), 0.000005));
  // Wald CI: .491525 -+ 1.959964 * .051002 = [.391563, .591487].
  CHECK_THAT(*k.ci_low, WithinAbs(0.491525 - 1.959964 * 0.051002, 0.00002));
  CHECK_THAT(*k.ci_high, WithinAbs(0.491525 + 1.959964 * 0.051002, 0.00002));
  CHECK(k.ci_method == "wald_normal");
}

TEST_CASE("AC1 and Fleiss SE by Gwet's linearisation on a 4-unit example", "[stats][hand][gwet]") {
  // Units (a,a), (a,a), (a,b), (b,b). p_a,i = 1, 1, 0, 1 -> p_a = .75; n = n2 = 4.
  // pi_a = (1 + 1 + .5 + 0)/4 = .625, pi_b = .375.
  // AC1: p_e = T/(q(q-1)) sum pi(1 - pi) = 2/2 * 2 * .625 * .375 = .46875; AC1 = .28125/.53125 = .529412.
  //   c_i = (p_a,i - p_e)/(1 - p_e) = 1, 1, -.882353, 1;  p_e,i = sum (1 - pi_c)/r_i = .375, .375, .5, .625
  //   c*_i = c_i - 2(1 - AC1)(p_e,i - p_e)/(1 - p_e) = 1.166090, 1.166090, -.937716, .723183
  //   sum (c* - AC1)^2 = .405359 + .405359 + 2.152465 + .037547 = 3.000730; Var = 3.000730/12
  //   -> SE = .500061.  t CI: .529412 -+ t(.975, 3) 3.182446 * .500061, upper capped at 1.
  // Fleiss: p_e = .625^2 + .375^2 = .53125, kappa = .21875/.46875 = .466667;
  //   p_e,i = sum pi_c / r_i = .625, .625, .5, .375; c_i = 1, 1, -1.133333, 1
  //   factor 2(1 - kappa)/(1 - p_e) = 1.066667/.46875 = 2.275556; p_e,i - p_e = .09375, .09375, -.03125, -.15625
  //   c* = .786667, .786667, -1.133333 + .071111 = -1.062222, 1 + .355556 = 1.355556
  //   (c* - .466667)^2 = .1024, .1024, 2.337501, .790124 -> sum 3.332425 / 12 = .277702 -> SE = .526975.
  const auto table = make_label_table({{"a", "a"}, {"a", "a"}, {"a", "b"}, {"b", "b"}});
  const Measure ac1 = gwet_ac(table, Weighting::identity);
  CHECK_THAT(*ac1.value, WithinAbs(0.529412, 0.000001));
  CHECK_THAT(*ac1.se, WithinAbs(0.500061, 0.000001));
  CHECK_THAT(*ac1.ci_low, WithinAbs(0.529412 - 3.182446 * 0.500061, 0.00001));
  CHECK(*ac1.ci_high == 1.0);
  const Measure fk = fleiss_kappa(table, Weighting::identity);
  CHECK_THAT(*fk.value, WithinAbs(0.466667, 0.000001));
  CHECK_THAT(*fk.se, WithinAbs(0.526975, 0.000002));
  // Percent agreement SE (p_e = 0): c_i = p_a,i = 1,1,0,1; sum (c - .75)^2 = 3 * .0625 + .5625 = .75;
  // Var = .75/12 = .0625 -> SE = .25.
  CHECK_THAT(*percent_agreement(table).se, WithinAbs(0.25, 1e-12));
  // Brennan-Prediger: p_e = 1/2, BP = (.75 - .5)/.5 = .5; c_i = (p_a,i - .5)/.5 = 1, 1, -1, 1;
  // sum (c - .5)^2 = .25*3 + 2.25 = 3; Var = 3/12 -> SE = .5.
  const Measure bp = brennan_prediger(table, Weighting::identity);
  CHECK_THAT(*bp.value, WithinAbs(0.5, 1e-12));
  CHECK_THAT(*bp.se, WithinAbs(0.5, 1e-12));
}

TEST_CASE("percent_all_raters_agree and the Wilson interval by hand", "[stats][hand]") {
  // 3 raters, 4 units; all agree on units 1 and 3 -> 2/4 = .5. Wilson with z = 1.959964, n = 4:
  // centre = (.5 + z^2/8)/(1 + z^2/4) = .5; half = z/(1 + z^2/4) sqrt(.25/4 + z^2/64)
  //        = 1.959964/1.960359 * sqrt(.0625 + .060023) = .999799 * .350033 = .349963.
  const auto table = make_numeric_table({{1, 1, 1}, {1, 2, 1}, {2, 2, 2}, {2, 1, 1}});
  const Measure m = percent_all_raters_agree(table);
  CHECK(*m.value == 0.5);
  CHECK_THAT(*m.ci_low, WithinAbs(0.5 - 0.349963, 0.00001));
  CHECK_THAT(*m.ci_high, WithinAbs(0.5 + 0.349963, 0.00001));
  // Pairwise agreement is higher: units 2 and 4 have 1 agreeing pair of 3 -> (1 + 1/3 + 1 + 1/3)/4 = .666667.
  CHECK_THAT(*percent_agreement(table).value, WithinAbs(2.0 / 3.0, 1e-12));
}

TEST_CASE("weights on a declared scale differ from weights on the observed values (trap 5)", "[stats][hand]") {
  // Observed values 2, 3, 4 (range 2) vs declared 1-5 (range 4). Units (2,3), (3,3), (4,3), (2,2).
  // Linear weights observed: w(2,3) = w(3,4) = .5; declared: .75.
  // Observed: p_o = (.5 + 1 + .5 + 1)/4 = .75. Declared: p_o = (.75 + 1 + .75 + 1)/4 = .875.
  const std::vector<double> scale{1, 2, 3, 4, 5};
  const rapport::test::NumericRows rows{{2, 3}, {3, 3}, {4, 3}, {2, 2}};
  const Measure observed = cohen_kappa(make_numeric_table(rows), Weighting::linear);
  const Measure declared = cohen_kappa(make_numeric_table(rows, scale), Weighting::linear);
  CHECK_THAT(*observed.statistic("p_o"), WithinAbs(0.75, 1e-12));
  CHECK_THAT(*declared.statistic("p_o"), WithinAbs(0.875, 1e-12));
  // BP depends on q: observed q = 3 -> p_e = 1/3; declared q = 5 -> p_e = 1/5 (unweighted).
  // p_a = 2/4 = .5: BP = (.5 - 1/3)/(2/3) = .25 vs (.5 - .2)/.8 = .375.
  CHECK_THAT(*brennan_prediger(make_numeric_table(rows), Weighting::identity).value, WithinAbs(0.25, 1e-12));
  CHECK_THAT(*brennan_prediger(make_numeric_table(rows, scale), Weighting::identity).value, WithinAbs(0.375, 1e-12));
}
