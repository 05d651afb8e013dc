// SPDX-License-Identifier: MIT
// Gamma (Mathet et al. 2015): hand-computed alignments and disorders, the exactness property
// against brute force, determinism, and the limits 1 (identical) and about 0 (independent).
#include <catch2/catch.hpp>

#include <functional>
#include <random>

#include "rapport/intervals/gamma.hpp"

using namespace rapport::intervals;
using Catch::Matchers::WithinAbs;

namespace {

RaterIntervals rater(std::string name, std::vector<Interval> units) {
  RaterIntervals r{std::move(name), std::move(units)};
  std::vector<RaterIntervals> v{r};
  sort_intervals(v);
  return v[0];
}
Interval iv(Millis s, Millis e, std::string c) { return Interval{s, e, std::move(c), ""}; }

/// Minimal total disorder over every partition into unitary alignments (exhaustive).
double brute_force(const std::vector<RaterIntervals>& raters, const GammaOptions& o) {
  const std::size_t m = raters.size();
  const double pairs = static_cast<double>(m * (m - 1) / 2);
  std::vector<std::pair<std::size_t, std::size_t>> units;
  for (std::size_t r = 0; r < m; ++r)
    for (std::size_t i = 0; i < raters[r].intervals.size(); ++i) units.emplace_back(r, i);
  std::vector<char> used(units.size(), 0);
  double best = 1e300;
  std::function<void(double)> go = [&](double cost) {
    std::size_t first = 0;
    while (first < units.size() && used[first]) ++first;
    if (first == units.size()) {
      best = std::min(best, cost);
      return;
    }
    used[first] = 1;
    // Choose, for every other annotator, an unused unit or none.
    std::vector<std::size_t> tuple{first};
    std::function<void(std::size_t)> pick = [&](std::size_t b) {
      if (b == m) {
        double sum = 0;
        std::size_t real = tuple.size();
        for (std::size_t x = 0; x < real; ++x)
          for (std::size_t y = x + 1; y < real; ++y)
            sum += gamma_dissimilarity(raters[units[tuple[x]].first].intervals[units[tuple[x]].second],
                                       raters[units[tuple[y]].first].intervals[units[tuple[y]].second], o);
        sum += (pairs - static_cast<double>(real * (real - 1) / 2)) * o.delta_empty;
        go(cost + sum / pairs);
        return;
      }
      if (b == units[first].first) return pick(b + 1);
      pick(b + 1);
      for (std::size_t u = 0; u < units.size(); ++u)
        if (!used[u] && units[u].first == b) {
          used[u] = 1;
          tuple.push_back(u);
          pick(b + 1);
          tuple.pop_back();
          used[u] = 0;
        }
    };
    pick(0);
    used[first] = 0;
  };
  go(0.0);
  return best;
}

std::vector<RaterIntervals> random_case(std::mt19937_64& rng, std::size_t m, std::size_t max_units) {
  std::vector<RaterIntervals> raters(m);
  for (std::size_t r = 0; r < m; ++r) {
    raters[r].rater = "r" + std::to_string(r);
    const std::size_t n = 1 + rng() % max_units;
    for (std::size_t k = 0; k < n; ++k) {
      const Millis s = static_cast<Millis>(rng() % 100);
      const Millis len = 1 + static_cast<Millis>(rng() % 30);
      raters[r].intervals.push_back(iv(s, s + len, (rng() % 3 == 0) ? "B" : "A"));
    }
  }
  sort_intervals(raters);
  return raters;
}

}  // namespace

TEST_CASE("gamma: hand-computed disorders, two coders", "[intervals][gamma]") {
  GammaOptions o;  // alpha = beta = delta_empty = 1
  // Identical: one pair, d = 0 -> total 0.
  CHECK(gamma_best_alignment({rater("a", {iv(0, 10, "A")}), rater("b", {iv(0, 10, "A")})}, o).disorder == 0);
  // Shifted boundary [0,10) vs [2,10): d_pos = ((2 + 0)/(10 + 8))^2 = 1/81 < 2 -> aligned;
  // mean units per annotator = 1, so observed disorder = 1/81.
  auto a = gamma_best_alignment({rater("a", {iv(0, 10, "A")}), rater("b", {iv(2, 10, "A")})}, o);
  CHECK(a.unitary.size() == 1);
  CHECK_THAT(a.disorder, WithinAbs(1.0 / 81, 1e-15));
  // Missed unit: pair (0) + singleton (delta_empty = 1); 3 units / 2 annotators -> 1 / 1.5 = 2/3.
  a = gamma_best_alignment({rater("a", {iv(0, 10, "A"), iv(20, 30, "A")}), rater("b", {iv(0, 10, "A")})}, o);
  CHECK(a.unitary.size() == 2);
  CHECK_THAT(a.disorder, WithinAbs(2.0 / 3, 1e-15));
  // Extra unit on the other side: symmetric, 2/3.
  a = gamma_best_alignment({rater("a", {iv(0, 10, "A")}), rater("b", {iv(0, 10, "A"), iv(50, 60, "B")})}, o);
  CHECK_THAT(a.disorder, WithinAbs(2.0 / 3, 1e-15));
  // Mislabelled: d = 0 + beta * 1 = 1 < 2 singletons -> aligned, disorder 1.
  a = gamma_best_alignment({rater("a", {iv(0, 10, "A")}), rater("b", {iv(0, 10, "B")})}, o);
  CHECK(a.unitary.size() == 1);
  CHECK_THAT(a.disorder, WithinAbs(1.0, 1e-15));
  // Disjoint and far: d_pos = ((100 + 100)/20)^2 = 100 > 2 -> two singletons, disorder 2.
  a = gamma_best_alignment({rater("a", {iv(0, 10, "A")}), rater("b", {iv(100, 110, "A")})}, o);
  CHECK(a.unitary.size() == 2);
  CHECK_THAT(a.disorder, WithinAbs(2.0, 1e-15));
  // Adjacent units of one code: d_pos = ((10 + 10)/20)^2 = 1 < 2 -> aligned (pygamma does the same).
  a = gamma_best_alignment({rater("a", {iv(0, 10, "A")}), rater("b", {iv(10, 20, "A")})}, o);
  CHECK_THAT(a.disorder, WithinAbs(1.0, 1e-15));
  // Crossing choice: a1 [0,10) A, a2 [10,20) B; b1 [0,10) B, b2 [10,20) A.
  // Straight: d(a1,b1) + d(a2,b2) = 1 + 1 = 2; crossed: d(a1,b2) + d(a2,b1) = (1 + 0) + (1 + 0) = 2;
  // all singletons: 4. Minimum 2, over 2 units per annotator -> 1.
  a = gamma_best_alignment(
      {rater("a", {iv(0, 10, "A"), iv(10, 20, "B")}), rater("b", {iv(0, 10, "B"), iv(10, 20, "A")})}, o);
  CHECK_THAT(a.total_disorder, WithinAbs(2.0, 1e-15));
}

TEST_CASE("gamma: hand-computed disorders, three coders", "[intervals][gamma]") {
  GammaOptions o;
  // All three on [0,10), codes A, A, B: pairs 0 + 1 + 1 = 2, over C(3,2) = 3 -> 2/3; one unit per
  // annotator -> observed 2/3. (Splitting off the B: (0 + 1 + 1)/3 + 1 = 5/3.)
  auto a = gamma_best_alignment(
      {rater("a", {iv(0, 10, "A")}), rater("b", {iv(0, 10, "A")}), rater("c", {iv(0, 10, "B")})}, o);
  CHECK(a.unitary.size() == 1);
  CHECK_THAT(a.disorder, WithinAbs(2.0 / 3, 1e-15));
  // Third coder far away: (a, b, empty) = (0 + 1 + 1)/3 = 2/3, plus c alone = 1 -> 5/3.
  a = gamma_best_alignment(
      {rater("a", {iv(0, 10, "A")}), rater("b", {iv(0, 10, "A")}), rater("c", {iv(100, 110, "A")})}, o);
  CHECK(a.unitary.size() == 2);
  CHECK_THAT(a.disorder, WithinAbs(5.0 / 3, 1e-15));
}

TEST_CASE("gamma: observed disorder equals brute force (two coders)", "[intervals][gamma][property]") {
  std::mt19937_64 rng(20240501);  // seeded: the same cases every run
  for (double alpha : {1.0, 3.0}) {
    GammaOptions o;
    o.alpha = alpha;
    for (int trial = 0; trial < 300; ++trial) {
      const auto raters = random_case(rng, 2, 6);
      const double exact = brute_force(raters, o);
      const auto a = gamma_best_alignment(raters, o);
      INFO("trial " << trial << " alpha " << alpha);
      REQUIRE_THAT(a.total_disorder, WithinAbs(exact, 1e-9));
    }
  }
}

TEST_CASE("gamma: observed disorder equals brute force (three and four coders)", "[intervals][gamma][property]") {
  std::mt19937_64 rng(77);
  for (std::size_t m : {3u, 4u}) {
    GammaOptions o;
    o.alpha = m == 3 ? 1.0 : 3.0;
    for (int trial = 0; trial < (m == 3 ? 150 : 40); ++trial) {
      const auto raters = random_case(rng, m, m == 3 ? 3 : 2);
      const double exact = brute_force(raters, o);
      const auto a = gamma_best_alignment(raters, o);
      INFO("m " << m << " trial " << trial);
      REQUIRE_THAT(a.total_disorder, WithinAbs(exact, 1e-9));
    }
  }
}

TEST_CASE("gamma: identical annotations give 1; seeds and threads", "[intervals][gamma]") {
  const auto a = rater("a", {iv(0, 1000, "A"), iv(2000, 2600, "B"), iv(4000, 5000, "A")});
  auto b = a;
  b.rater = "b";
  GammaOptions o;
  const auto g = gamma_agreement({a, b}, Continuum{0, 6000}, o);
  CHECK(g.gamma.value == 1.0);
  CHECK(g.gamma_cat.value == 1.0);
  // Observed disorder is the same for any seed; the whole result is the same for any thread count.
  std::mt19937_64 rng(5);
  const auto raters = random_case(rng, 3, 20);
  GammaOptions s1, s2, t1;
  s1.seed = 1, s2.seed = 99, t1.seed = 1;
  s1.threads = 2, s2.threads = 2, t1.threads = 1;
  const auto c = covering_continuum(raters).value();
  const auto g1 = gamma_agreement(raters, c, s1);
  const auto g2 = gamma_agreement(raters, c, s2);
  const auto g3 = gamma_agreement(raters, c, t1);
  CHECK(g1.gamma.observed == g2.gamma.observed);
  CHECK(g1.gamma.expected != g2.gamma.expected);
  CHECK(g1.gamma.value == g3.gamma.value);
  CHECK(g1.sample_disorders == g3.sample_disorders);
}

TEST_CASE("gamma: moves toward 0 as coders become independent", "[intervals][gamma]") {
  // A reference coding of 60 units; coder 2 copies it with boundary noise, then with an
  // increasing share of units replaced by random ones.
  std::mt19937_64 rng(11);
  std::vector<Interval> ref;
  Millis t = 0;
  for (int k = 0; k < 60; ++k) {
    t += 500 + static_cast<Millis>(rng() % 3000);
    const Millis len = 500 + static_cast<Millis>(rng() % 2000);
    ref.push_back(iv(t, t + len, k % 3 == 0 ? "B" : "A"));
    t += len;
  }
  const Continuum c{0, t + 1000};
  std::vector<double> gammas;
  for (int replaced : {0, 20, 40, 60}) {
    std::vector<Interval> other;
    for (int k = 0; k < 60; ++k) {
      if (k < replaced) {
        const Millis s = static_cast<Millis>(rng() % static_cast<std::uint64_t>(t));
        other.push_back(iv(s, s + 500 + static_cast<Millis>(rng() % 2000), rng() % 3 == 0 ? "B" : "A"));
      } else {
        other.push_back(iv(ref[k].start_ms + 100, ref[k].end_ms - 100, ref[k].category));
      }
    }
    GammaOptions o;
    o.samples = 30;
    const auto g = gamma_agreement({rater("a", ref), rater("b", other)}, c, o);
    gammas.push_back(*g.gamma.value);
  }
  CHECK(gammas[0] > 0.9);
  CHECK(gammas[0] > gammas[1]);
  CHECK(gammas[1] > gammas[2]);
  CHECK(gammas[2] > gammas[3]);
  CHECK(std::abs(gammas[3]) < 0.25);  // independent coders: about chance
}

TEST_CASE("gamma-cat and gamma-k disorders by hand", "[intervals][gamma]") {
  GammaOptions o;
  // Mislabelled pair A/B at the same place: confidence 1 - alpha * 0 = 1, weight 1/(2 - 1) = 1,
  // categorical 1 -> gamma-cat disorder 1/1 = 1; gamma-k(A) = 1; a unit pair of one code: 0.
  const std::vector<RaterIntervals> r{rater("a", {iv(0, 10, "A"), iv(20, 30, "C")}),
                                      rater("b", {iv(0, 10, "B"), iv(20, 30, "C")})};
  const auto a = gamma_best_alignment(r, o);
  // gamma-cat: pairs (A,B) weight 1 disorder 1, (C,C) weight 1 disorder 0 -> 1/2.
  CHECK_THAT(gamma_k_disorder(r, a, o, std::nullopt), WithinAbs(0.5, 1e-15));
  CHECK_THAT(gamma_k_disorder(r, a, o, std::string("A")), WithinAbs(1.0, 1e-15));
  CHECK_THAT(gamma_k_disorder(r, a, o, std::string("C")), WithinAbs(0.0, 1e-15));
  // Shifted C pair [20,30) vs [22,30): d_pos = (2/18)^2 = 1/81, confidence 80/81, categorical 0.
  const std::vector<RaterIntervals> r2{rater("a", {iv(0, 10, "A"), iv(20, 30, "C")}),
                                       rater("b", {iv(0, 10, "B"), iv(22, 30, "C")})};
  const auto a2 = gamma_best_alignment(r2, o);
  // (1 * 1 + 0 * 80/81) / (1 + 80/81) = 81/161.
  CHECK_THAT(gamma_k_disorder(r2, a2, o, std::nullopt), WithinAbs(81.0 / 161, 1e-12));
}
