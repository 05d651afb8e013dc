// SPDX-License-Identifier: MIT
// Krippendorff's alpha_u: the published worked examples (Krippendorff 2004, Content Analysis 2nd
// ed., p. 254; Krippendorff 1995, Sociological Methodology 25, p. 57) and hand-computed limits.
#include <catch2/catch.hpp>

#include "rapport/intervals/interval_agreement.hpp"
#include "rapport/intervals/unitizing_alpha.hpp"

using namespace rapport::intervals;
using Catch::Matchers::WithinAbs;

namespace {

void add(std::vector<RaterIntervals>& raters, std::size_t r, Millis start, Millis length, const std::string& c) {
  if (raters.size() <= r) raters.resize(r + 1);
  raters[r].rater = "r" + std::to_string(r);
  raters[r].intervals.push_back(Interval{start, start + length, c, ""});
}

const UnitizingCategory& category(const UnitizingAlpha& a, const std::string& c) {
  for (const auto& x : a.per_category)
    if (x.category == c) return x;
  FAIL("no category " << c);
  throw;
}

/// Krippendorff (1995: 57), four two-observer examples A-D on a 24-step grid, stretched.
std::vector<RaterIntervals> example_1995(Millis s) {
  std::vector<RaterIntervals> r;
  add(r, 0, 2 * s, 8 * s, "A"), add(r, 0, 14 * s, 6 * s, "A"), add(r, 1, 4 * s, 4 * s, "A"),
      add(r, 1, 15 * s, 2 * s, "A");
  add(r, 0, 0, 18 * s, "B");
  for (auto [st, len] : {std::pair<Millis, Millis>{0, 2}, {2, 1}, {3, 1}, {4, 1}, {5, 1}, {6, 3}, {9, 1}})
    add(r, 1, st * s, len * s, "B");
  for (auto [st, len] : {std::pair<Millis, Millis>{2, 6}, {10, 2}, {14, 4}, {20, 2}}) add(r, 0, st * s, len * s, "C");
  for (auto [st, len] : {std::pair<Millis, Millis>{0, 2}, {4, 4}, {10, 4}, {16, 2}, {20, 2}})
    add(r, 1, st * s, len * s, "C");
  for (auto [st, len] : {std::pair<Millis, Millis>{0, 2}, {2, 8}, {10, 4}, {14, 6}, {20, 4}})
    add(r, 0, st * s, len * s, "D");
  for (auto [st, len] : {std::pair<Millis, Millis>{0, 4}, {4, 4}, {8, 7}, {15, 2}, {17, 7}})
    add(r, 1, st * s, len * s, "D");
  sort_intervals(r);
  return r;
}

}  // namespace

TEST_CASE("alpha_u: distance function (Krippendorff 2004 p. 253)", "[intervals][alpha_u]") {
  // Two c-units [225,295) and [220,300): 5^2 + 5^2 = 50; [370,400) vs [355,375): 15^2 + 25^2 = 850;
  // the c-unit [400,420) inside the other's gap [400,450): 20^2 = 400 (2004 p. 254).
  CHECK(unitizing_distance(225, 70, true, 220, 80, true) == 50);
  CHECK(unitizing_distance(370, 30, true, 355, 20, true) == 850);
  CHECK(unitizing_distance(400, 50, false, 400, 20, true) == 400);
  // statistics.md §3: [5,11) vs [4,6): 1 + 25 = 26. A c-unit only partly in a gap: 0.
  CHECK(unitizing_distance(5, 6, true, 4, 2, true) == 26);
  CHECK(unitizing_distance(5, 6, true, 7, 10, false) == 0);
}

TEST_CASE("alpha_u: Krippendorff 2004 p. 254 worked example", "[intervals][alpha_u]") {
  // Continuum [150, 450); observer i: c [225,295), c [370,400), k [180,240), k [300,350);
  // observer j: c [220,300), c [355,375), c [400,420), k [180,240), k [300,350).
  std::vector<RaterIntervals> r;
  add(r, 0, 225, 70, "c"), add(r, 0, 370, 30, "c"), add(r, 0, 180, 60, "k"), add(r, 0, 300, 50, "k");
  add(r, 1, 220, 80, "c"), add(r, 1, 355, 20, "c"), add(r, 1, 400, 20, "c"), add(r, 1, 180, 60, "k");
  add(r, 1, 300, 50, "k");
  sort_intervals(r);
  const auto a = krippendorff_alpha_u(r, Continuum{150, 450});
  // D_o(c) = 2 (50 + 850 + 400) / (2 * 1 * 300^2) = 2600/180000 = .014444 (published .0144).
  CHECK_THAT(category(a, "c").observed, WithinAbs(2600.0 / 180000, 1e-12));
  CHECK_THAT(category(a, "c").expected, WithinAbs(0.0532, 0.0001));  // published D_e .0532
  CHECK_THAT(*category(a, "c").alpha, WithinAbs(0.7286, 0.0001));    // published .7286
  CHECK(category(a, "k").observed == 0);                             // identical k-units
  CHECK_THAT(category(a, "k").expected, WithinAbs(0.0490, 0.0001));  // published .0490
  CHECK_THAT(*category(a, "k").alpha, WithinAbs(1.0, 1e-12));        // published 1.0
  CHECK_THAT(*a.alpha, WithinAbs(0.8591, 0.0005));                   // published .8591
}

TEST_CASE("alpha_u and gamma on intervals given up equal the copy path", "[intervals][alpha_u]") {
  // The 2004 example plus a zero-length interval of observer j at 430: alpha_u and gamma leave it
  // out (a note says so), n_units counts the 9 others, and alpha_u is the published .8591 again.
  std::vector<RaterIntervals> r;
  add(r, 0, 225, 70, "c"), add(r, 0, 370, 30, "c"), add(r, 0, 180, 60, "k"), add(r, 0, 300, 50, "k");
  add(r, 1, 220, 80, "c"), add(r, 1, 355, 20, "c"), add(r, 1, 400, 20, "c"), add(r, 1, 180, 60, "k");
  add(r, 1, 300, 50, "k"), add(r, 1, 430, 0, "c");
  sort_intervals(r);
  IntervalAgreementOptions o;
  o.continuum = Continuum{150, 450};
  o.measures = {"krippendorff_alpha_u", "gamma", "gamma_cat"};
  o.gamma.samples = 5;
  o.gamma.threads = 1;
  const IntervalAgreement copied = compute_interval_agreement(r, o);
  std::vector<RaterIntervals> given = r;
  const IntervalAgreement moved = compute_interval_agreement(std::move(given), o);
  REQUIRE(copied.measures.size() == 3);
  REQUIRE(moved.measures.size() == 3);
  CHECK(moved.measures[0].name == "krippendorff_alpha_u");
  CHECK(moved.measures[0].n_units == 9);
  CHECK_THAT(*moved.measures[0].value, WithinAbs(0.8591, 0.0005));
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(moved.measures[i].name == copied.measures[i].name);
    CHECK(moved.measures[i].value == copied.measures[i].value);  // bit for bit
    CHECK(moved.measures[i].n_units == copied.measures[i].n_units);
  }
  CHECK(moved.notes == copied.notes);
  CHECK(moved.notes.front() ==
        "1 interval(s) of zero length are left out of alpha_u and gamma (ELAN's kappa keeps them).");
  // ELAN's kappa keeps the zero-length interval: with it asked for, the intervals are not touched.
  o.measures = {"elan_kappa_ipf"};
  std::vector<RaterIntervals> again = r;
  const IntervalAgreement elan = compute_interval_agreement(std::move(again), o);
  REQUIRE(elan.measures.size() == 1);
  CHECK(elan.measures[0].n_units == 10);  // every annotation, the zero-length one included
}

TEST_CASE("alpha_u: Krippendorff 1995 p. 57 examples A-D", "[intervals][alpha_u]") {
  // Observed disagreement does not depend on the grid (distances and L^2 scale alike):
  // A: Bertha [2,10) [14,20), Bill [4,8) [15,17); pairs (2^2 + 2^2) + (1^2 + 3^2) = 18;
  // D_o = 2 * 18 / (2 * 24^2) = .03125. B, C, D as published by DKPro's reading of the paper.
  const auto a1 = krippendorff_alpha_u(example_1995(1), Continuum{0, 24});
  CHECK_THAT(category(a1, "A").observed, WithinAbs(0.03125, 1e-12));
  CHECK_THAT(category(a1, "B").observed, WithinAbs(2.26736, 1e-5));
  CHECK_THAT(category(a1, "C").observed, WithinAbs(0.02777, 1e-5));
  CHECK_THAT(category(a1, "D").observed, WithinAbs(0.38715, 1e-5));
  // The published alphas are for a fine grid (1995 p. 57: A .553, B -.926, C .679, D .066). The
  // 2004 D_e differs slightly from the 1995 paper's (DKPro notes an error in the 1995 D_e), so
  // they agree to +-.02, the tolerance DKPro uses; 24 steps * 50000 ms approximates the fine grid.
  const auto a = krippendorff_alpha_u(example_1995(50000), Continuum{0, 24 * 50000});
  CHECK_THAT(*category(a, "A").alpha, WithinAbs(0.553, 0.02));
  CHECK_THAT(*category(a, "B").alpha, WithinAbs(-0.926, 0.02));
  CHECK_THAT(*category(a, "C").alpha, WithinAbs(0.679, 0.02));
  CHECK_THAT(*category(a, "D").alpha, WithinAbs(0.066, 0.02));
}

TEST_CASE("alpha_u: limits and undefined cases", "[intervals][alpha_u]") {
  std::vector<RaterIntervals> same;
  add(same, 0, 10, 10, "x"), add(same, 0, 40, 5, "y"), add(same, 1, 10, 10, "x"), add(same, 1, 40, 5, "y");
  const auto s = krippendorff_alpha_u(same, Continuum{0, 100});
  CHECK_THAT(*s.alpha, WithinAbs(1.0, 1e-15));  // identical records: D_o = 0
  // One rater only.
  CHECK_FALSE(krippendorff_alpha_u({same[0]}, Continuum{0, 100}).alpha);
  // A rater's own x-units overlap: undefined with a reason.
  std::vector<RaterIntervals> bad = same;
  bad[0].intervals.push_back(Interval{15, 30, "x", ""});
  sort_intervals(bad);
  const auto b = krippendorff_alpha_u(bad, Continuum{0, 100});
  CHECK_FALSE(b.alpha);
  CHECK(b.reason.find("overlapping") != std::string::npos);
  // Outside the continuum.
  CHECK_FALSE(krippendorff_alpha_u(same, Continuum{0, 30}).alpha);
  // Disjoint coders: one x-unit each, far apart -> D_o = 2 (10^2 + 10^2) / (2 * 100^2) = .02 > 0; alpha < 1.
  std::vector<RaterIntervals> disjoint;
  add(disjoint, 0, 10, 10, "x"), add(disjoint, 1, 70, 10, "x");
  const auto d = krippendorff_alpha_u(disjoint, Continuum{0, 100});
  CHECK_THAT(d.observed, WithinAbs(0.02, 1e-15));
  CHECK(*d.alpha < 0.5);
}
