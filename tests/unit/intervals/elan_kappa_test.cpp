// SPDX-License-Identifier: MIT
// ELAN's modified kappa (../shared/domain/elan.md §2.4). No published worked example of ELAN's
// numbers exists (statistics.md §5), so every expectation is hand arithmetic written out here;
// the IPF chance terms, which are iterative, come from the 20-iteration procedure re-done in
// plain Python (/tmp-free one-liner in the comment).
#include <catch2/catch.hpp>

#include "rapport/intervals/elan_kappa.hpp"

using namespace rapport::intervals;
using Catch::Matchers::WithinAbs;

namespace {

Interval iv(Millis s, Millis e, std::string c) { return Interval{s, e, std::move(c), ""}; }

ElanTierPair pair_of(std::vector<Interval> a, std::vector<Interval> b, std::string group = "g") {
  return ElanTierPair{std::move(group), "R1", "R2", std::move(a), std::move(b)};
}

}  // namespace

TEST_CASE("ELAN kappa: identical coders", "[intervals][elan]") {
  // Two links at 100%: [A][A] = 1, [B][B] = 1, doubled to 2 and 2; N = 4 annotations.
  // raw = 4/4 = 1; plain chance = (2*2 + 2*2)/16 = .5, kappa = 1; p_max = 4/4, kappa_max = 1.
  // IPF: raw = 1 so kappa_ipf = (1 - pe)/(1 - pe) = 1 whatever pe (pe = .499875...).
  const auto r =
      elan_modified_kappa({pair_of({iv(0, 1000, "A"), iv(2000, 3000, "B")}, {iv(0, 1000, "A"), iv(2000, 3000, "B")})});
  REQUIRE(r.pairs[0].links.size() == 2);
  const auto& g = r.global;
  CHECK(g.annotations == 4);
  CHECK(g.matrix.counts == std::vector<std::vector<long long>>{{2, 0, 0}, {0, 2, 0}, {0, 0, 0}});
  CHECK_THAT(*g.raw_agreement, WithinAbs(1.0, 1e-15));
  CHECK_THAT(*g.kappa_ipf, WithinAbs(1.0, 1e-12));
  CHECK_THAT(*g.kappa_max, WithinAbs(1.0, 1e-12));
  CHECK_THAT(*g.kappa_excluding_unmatched, WithinAbs(1.0, 1e-12));
  // Python: ipf([[2,0,0],[0,2,0],[0,0,0]]) -> pe 0.4998750000312578
  CHECK_THAT(*g.chance_agreement_ipf, WithinAbs(0.4998750000312578, 1e-12));
}

TEST_CASE("ELAN kappa: shifted boundary, mislabel, missed and extra annotations", "[intervals][elan]") {
  // R1: A[0,1000) A[2000,3000) B[4000,5000) A[6000,7000)
  // R2: A[100,1000) B[2000,3000) B[4500,5000) B[8000,9000)
  // Links: (0,0) share 900/1000 = .9 (A-A); (1,1) share 1 (A-B); (2,2) share 500/1000 = .5 < .6: none.
  // Unmatched R1: B, A -> [B][U] = 1, [A][U] = 1. Unmatched R2: B, B -> [U][B] = 2.
  // Doubled matrix (A, B, U):  A: 2 2 1 / B: 0 0 1 / U: 0 2 0, N = 8.
  const auto r = elan_modified_kappa(
      {pair_of({iv(0, 1000, "A"), iv(2000, 3000, "A"), iv(4000, 5000, "B"), iv(6000, 7000, "A")},
               {iv(100, 1000, "A"), iv(2000, 3000, "B"), iv(4500, 5000, "B"), iv(8000, 9000, "B")})});
  const auto& p = r.pairs[0];
  REQUIRE(p.links.size() == 2);
  CHECK(p.links[0].first == 1);  // the 100% pair is taken first
  CHECK(p.links[0].second == 1);
  CHECK(p.links[1].first == 0);
  CHECK_THAT(p.links[1].share, WithinAbs(0.9, 1e-15));
  CHECK(p.unmatched_first == std::vector<std::size_t>{2, 3});
  CHECK(p.unmatched_second == std::vector<std::size_t>{2, 3});
  const auto& g = r.global;
  CHECK(g.matrix.values == std::vector<std::string>{"A", "B"});
  CHECK(g.matrix.counts == std::vector<std::vector<long long>>{{2, 2, 1}, {0, 0, 1}, {0, 2, 0}});
  // raw = diagonal/N = 2/8 = .25; rows 5 1 2, cols 2 4 2; pe = (10 + 4 + 4)/64 = .28125;
  // kappa (plain) = (.25 - .28125)/.71875 = -1/23; p_max = (2 + 1 + 2)/8 = .625, kappa_max = .34375/.71875 = 11/23.
  CHECK_THAT(*g.raw_agreement, WithinAbs(0.25, 1e-15));
  CHECK_THAT(*g.kappa_plain, WithinAbs(-1.0 / 23, 1e-12));
  CHECK_THAT(*g.kappa_max, WithinAbs(11.0 / 23, 1e-12));
  // Python: ipf([[2,2,1],[0,0,1],[0,2,0]]) -> pe 0.1944929948947614, kappa_ipf 0.0689094008536731
  CHECK_THAT(*g.chance_agreement_ipf, WithinAbs(0.1944929948947614, 1e-12));
  CHECK_THAT(*g.kappa_ipf, WithinAbs(0.0689094008536731, 1e-12));
  // Excluding unmatched: [[2,2],[0,0]], N = 4, raw = 2/4 = .5; rows 4 0, cols 2 2; pe = 8/16 = .5
  // -> kappa = 0; p_max = (2 + 0)/4 = .5 -> kappa_max = 0.
  CHECK(g.linked_annotations == 4);
  CHECK_THAT(*g.raw_agreement_excluding_unmatched, WithinAbs(0.5, 1e-15));
  CHECK_THAT(*g.kappa_excluding_unmatched, WithinAbs(0.0, 1e-15));
  CHECK_THAT(*g.kappa_max_excluding_unmatched, WithinAbs(0.0, 1e-15));
  // Per value A: a = 2, b = 2 + 1 = 3, c = 0, d = 8 - 5 = 3; raw = 5/8; pe = (2/8)(5/8) + (6/8)(3/8) = 28/64;
  // kappa = (.625 - .4375)/.5625 = 1/3; p_max = (min(2,5) + min(3,6))/8 = 5/8 -> kappa_max = 1/3.
  REQUIRE(g.per_value.size() == 2);
  const auto& a = g.per_value[0];
  CHECK((a.a == 2 && a.b == 3 && a.c == 0 && a.d == 3));
  CHECK_THAT(*a.kappa, WithinAbs(1.0 / 3, 1e-12));
  CHECK_THAT(*a.kappa_max, WithinAbs(1.0 / 3, 1e-12));
  CHECK_THAT(*a.raw_agreement, WithinAbs(0.625, 1e-15));
  // Per value B: a = 0, b = 1, c = 2 + 2 = 4, d = 3; raw = 3/8; pe = (4/8)(1/8) + (4/8)(7/8) = .5;
  // kappa = (.375 - .5)/.5 = -.25 (ELAN would print "0"); p_max = (1 + 4)/8 -> kappa_max = .25.
  const auto& b = g.per_value[1];
  CHECK((b.a == 0 && b.b == 1 && b.c == 4 && b.d == 3));
  CHECK_THAT(*b.kappa, WithinAbs(-0.25, 1e-12));
  CHECK_THAT(*b.kappa_max, WithinAbs(0.25, 1e-12));
}

TEST_CASE("ELAN kappa: overlap threshold, touching, longer-annotation denominator", "[intervals][elan]") {
  // 600 ms overlap of a 1000 ms annotation (the longer) = 60% -> linked at the default threshold.
  CHECK(elan_link({iv(0, 1000, "A")}, {iv(400, 1000, "A")}, 0.60).size() == 1);
  // 599 ms: 59.9% -> no link.
  CHECK(elan_link({iv(0, 1000, "A")}, {iv(401, 1000, "A")}, 0.60).empty());
  // The denominator is the longer annotation, not the union: [0,1000) vs [0,500) is 50%.
  CHECK(elan_link({iv(0, 1000, "A")}, {iv(0, 500, "A")}, 0.51).empty());
  CHECK(elan_link({iv(0, 1000, "A")}, {iv(0, 500, "A")}, 0.50).size() == 1);
  // Touching intervals do not overlap.
  CHECK(elan_link({iv(0, 1000, "A")}, {iv(1000, 2000, "A")}, 0.0).empty());
}

TEST_CASE("ELAN kappa: greedy linking and ELAN's tie rule", "[intervals][elan]") {
  // X = [0,1000); Y1 = [0,700) and Y2 = [300,1000) both overlap 700 ms = 70%: an exact tie.
  // ELAN consumes its stable ascending sort from the end, so the pair collected last, (X, Y2), wins.
  const auto links = elan_link({iv(0, 1000, "A")}, {iv(0, 700, "A"), iv(300, 1000, "A")}, 0.6);
  REQUIRE(links.size() == 1);
  CHECK(links[0].second == 1);
  // A larger share beats a larger raw overlap (R1 here has overlapping annotations of its own).
  const auto l2 = elan_link({iv(0, 1000, "A"), iv(100, 950, "B")}, {iv(100, 1000, "A")}, 0.6);
  // X1-Y: 900/1000 = .9; X2-Y: 850/900 = .944 -> X2 wins, X1 stays unmatched.
  REQUIRE(l2.size() == 1);
  CHECK(l2[0].first == 1);
}

TEST_CASE("ELAN kappa: duplicates at 100% are linked once", "[intervals][elan]") {
  // ELAN accepts every 100% pair and would link R2's annotation to both R1 duplicates.
  const auto r = elan_modified_kappa({pair_of({iv(0, 1000, "A"), iv(0, 1000, "A")}, {iv(0, 1000, "A")})});
  CHECK(r.pairs[0].links.size() == 1);
  CHECK(r.pairs[0].unmatched_first.size() == 1);
  CHECK(r.global.annotations == 3);
  CHECK_FALSE(r.notes.empty());
}

TEST_CASE("ELAN kappa: a real value 'Unmatched' does not collide with the category", "[intervals][elan]") {
  // R1: "Unmatched"[0,1000) linked to R2 "Unmatched"[0,1000); R2 also has A[5000,6000) unmatched.
  // Matrix over ("A", "Unmatched") plus the category: [Unmatched][Unmatched] = 2 (doubled link), [U][A] = 1.
  const auto r =
      elan_modified_kappa({pair_of({iv(0, 1000, "Unmatched")}, {iv(0, 1000, "Unmatched"), iv(5000, 6000, "A")})});
  const auto& g = r.global;
  CHECK(g.matrix.values == std::vector<std::string>{"A", "Unmatched"});
  CHECK(g.matrix.counts == std::vector<std::vector<long long>>{{0, 0, 0}, {0, 2, 0}, {1, 0, 0}});
  CHECK(elan_unmatched_label(g.matrix.values) == "(unmatched)");
  // raw = 2/3 (the link), not 2/3 plus a spurious Unmatched diagonal.
  CHECK_THAT(*g.raw_agreement, WithinAbs(2.0 / 3, 1e-15));
}

TEST_CASE("ELAN kappa: pooled over pairs, per group beside it", "[intervals][elan]") {
  // File f1: one A-A link (matrix A: 2). File f2: R1 B unmatched, R2 B unmatched ([B][U]=1, [U][B]=1).
  // Global over (A, B, U): A-A 2, B-U 1, U-B 1; N = 4; raw = 2/4.
  const auto r = elan_modified_kappa({pair_of({iv(0, 1000, "A")}, {iv(0, 1000, "A")}, "f1"),
                                      pair_of({iv(0, 1000, "B")}, {iv(5000, 6000, "B")}, "f2")});
  REQUIRE(r.groups.size() == 2);
  CHECK(r.groups[0].group == "f1");
  CHECK_THAT(*r.groups[0].summary.raw_agreement, WithinAbs(1.0, 1e-15));
  CHECK_THAT(*r.groups[1].summary.raw_agreement, WithinAbs(0.0, 1e-15));
  CHECK(r.global.matrix.counts == std::vector<std::vector<long long>>{{2, 0, 0}, {0, 0, 1}, {0, 1, 0}});
  CHECK_THAT(*r.global.raw_agreement, WithinAbs(0.5, 1e-15));
  // Group f2 alone: only B and U; excluding unmatched there is nothing linked -> undefined, not 0.
  CHECK_FALSE(r.groups[1].summary.kappa_excluding_unmatched);
}

TEST_CASE("ELAN kappa: pooled one pair at a time (ElanPool)", "[intervals][elan]") {
  // Three sessions given one at a time, as rapport agree/report feed a project:
  //  s1: A-A link (A: 2);  s2: both tiers empty (skipped, noted);
  //  s3: B[0,1000) vs C[0,1000) linked at 100% ([B][C] = 2), and R2's A[5000,6000) unmatched ([U][A] = 1).
  // s1 widens the pool to (A); s3 brings B and C, so the pool is re-laid over (A, B, C) before it adds.
  // Pooled matrix over (A, B, C, U): [A][A] 2, [B][C] 2, [U][A] 1; N = 5; diagonal 2, raw = 2/5.
  const std::vector<ElanTierPair> pairs{pair_of({iv(0, 1000, "A")}, {iv(0, 1000, "A")}, "s1"), pair_of({}, {}, "s2"),
                                        pair_of({iv(0, 1000, "B")}, {iv(0, 1000, "C"), iv(5000, 6000, "A")}, "s3")};
  ElanPool pool;
  std::vector<ElanPairResult> each;
  for (const auto& p : pairs) each.push_back(pool.add(p));
  const ElanKappaResult pooled = pool.finish();
  CHECK(each[0].links.size() == 1);
  CHECK(each[1].skipped);
  REQUIRE(each[2].links.size() == 1);
  CHECK(each[2].unmatched_second == std::vector<std::size_t>{1});
  CHECK(pooled.pairs.empty());
  CHECK(pooled.groups.empty());
  CHECK(pooled.global.matrix.values == std::vector<std::string>{"A", "B", "C"});
  CHECK(pooled.global.matrix.counts ==
        std::vector<std::vector<long long>>{{2, 0, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 0}, {1, 0, 0, 0}});
  CHECK(pooled.global.annotations == 5);
  CHECK_THAT(*pooled.global.raw_agreement, WithinAbs(0.4, 1e-15));
  REQUIRE(pooled.notes.size() == 1);
  CHECK(pooled.notes[0] == "ELAN skips the pair R1 / R2: both tiers are empty.");
  // The same pairs at once: the same pooled summary, bit for bit, and the same notes.
  const auto all = elan_modified_kappa(pairs);
  CHECK(all.global.matrix.counts == pooled.global.matrix.counts);
  CHECK(all.global.kappa_ipf == pooled.global.kappa_ipf);
  CHECK(all.global.chance_agreement_ipf == pooled.global.chance_agreement_ipf);
  CHECK(all.global.kappa_excluding_unmatched == pooled.global.kappa_excluding_unmatched);
  CHECK(all.notes == pooled.notes);
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    CHECK(all.pairs[p].unmatched_first == each[p].unmatched_first);
    CHECK(all.pairs[p].unmatched_second == each[p].unmatched_second);
    CHECK(all.pairs[p].links.size() == each[p].links.size());
  }
}

TEST_CASE("ELAN kappa: disjoint coders and empty pairs", "[intervals][elan]") {
  // Nothing links: matrix (A): [A][U] = 1, [U][A] = 1; N = 2, raw = 0.
  // IPF, Python: ipf([[0,1],[1,0]]) -> pe 0.017883141859300025, kappa_ipf -0.01820877191045839.
  const auto r = elan_modified_kappa({pair_of({iv(0, 1000, "A")}, {iv(2000, 3000, "A")})});
  CHECK_THAT(*r.global.raw_agreement, WithinAbs(0.0, 1e-15));
  CHECK_THAT(*r.global.kappa_ipf, WithinAbs(-0.01820877191045839, 1e-12));
  CHECK_FALSE(r.global.kappa_excluding_unmatched);
  // Both tiers empty: ELAN skips the pair.
  const auto e = elan_modified_kappa({pair_of({}, {})});
  CHECK(e.pairs[0].skipped);
  CHECK_FALSE(e.global.kappa_ipf);
}

TEST_CASE("Java String order for ELAN's value labels", "[intervals][elan]") {
  CHECK(java_string_less("B", "a"));
  CHECK(java_string_less("a", "\xC3\xA9"));  // a < é
  // U+1F600 (surrogates D83D DE00) sorts before U+FF01 in UTF-16, after it in UTF-8 bytes.
  CHECK(java_string_less("\xF0\x9F\x98\x80", "\xEF\xBC\x81"));
  CHECK_FALSE(java_string_less("\xEF\xBC\x81", "\xF0\x9F\x98\x80"));
}
