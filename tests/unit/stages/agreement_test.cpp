// SPDX-License-Identifier: MIT
// Coder agreement on episodes, on a hand-built pair of codings whose values are computed by hand
// below (issue 8: "Episode agreement across two coders on a hand-built case matches
// hand-computed values").
#include <catch2/catch.hpp>

#include "rapport/stages/episode_agreement.hpp"
#include "stages_fixture.hpp"

using namespace rapport;
using namespace rapport::stages;
using test::SessionBuilder;

namespace {

SessionStages coder_a(const std::string& session) { return analyse_session(test::hand_coding_a(session), test::rrs()); }

SessionStages coder_b(const std::string& session) { return analyse_session(test::hand_coding_b(session), test::rrs()); }

const stats::Measure& named(const std::vector<stats::Measure>& ms, const std::string& name) {
  for (const auto& m : ms)
    if (m.name == name) return m;
  FAIL("no measure " << name);
  return ms.front();
}

}  // namespace

TEST_CASE("the hand-built codings give the episodes the comments say", "[stages][agreement]") {
  const auto a = coder_a("T01");
  const auto b = coder_b("T01");
  REQUIRE(a.episodes.size() == 4);
  REQUIRE(b.episodes.size() == 4);
  CHECK(a.episodes[0].outcome == Outcome::resolved);
  CHECK(a.episodes[1].outcome == Outcome::partial);
  CHECK(a.episodes[2].type == EpisodeType::confrontation);
  CHECK(a.episodes[2].outcome == Outcome::unresolved);
  CHECK(a.episodes[3].outcome == Outcome::not_addressed);
  CHECK(b.episodes[0].primary()->highest_stage == "S4");
  CHECK(b.episodes[1].start_ms == 400000);
  CHECK(b.episodes[3].type == EpisodeType::mixed);
  CHECK(b.episodes[3].primary()->model == "SM-W");
  CHECK(b.episodes[3].primary()->highest_rank == 3);
}

TEST_CASE("episodes are matched by overlap, one to one", "[stages][agreement]") {
  const auto a = coder_a("T01");
  const auto b = coder_b("T01");
  // A1-B1 overlap 15..110 = 95 s, A2-B2 650..700 = 50 s, A3-B4(index 3) 1260..1290 = 30 s;
  // A4 (index 3) and B's 400 s episode (index 1) stay alone.
  const auto m = match_episodes(a.episodes, b.episodes);
  REQUIRE(m.size() == 5);
  CHECK((m[0].a == 0u && m[0].b == 0u && m[0].overlap_ms == 95000));
  CHECK((m[1].a == 1u && m[1].b == 2u && m[1].overlap_ms == 50000));
  CHECK((m[2].a == 2u && m[2].b == 3u && m[2].overlap_ms == 30000));
  CHECK((m[3].a == 3u && !m[3].b));
  CHECK((!m[4].a && m[4].b == 1u));
  // The ids go with the rows, so a row can be reported once the sessions are dropped.
  CHECK((m[1].a_id == "E2" && m[1].b_id == "E3"));
  CHECK((m[3].a_id == "E4" && m[3].b_id.empty()));
  CHECK((m[4].a_id.empty() && m[4].b_id == "E2"));
}

TEST_CASE("episode agreement matches hand-computed values", "[stages][agreement]") {
  const auto a = coder_a("T01");
  const auto b = coder_b("T01");
  const EpisodeAgreement g = episode_agreement({{&a, &b}});
  CHECK(g.coder_a == "coderA");
  CHECK(g.episodes_a == 4);
  CHECK(g.episodes_b == 4);
  CHECK(g.matched == 3);
  // Positive agreement 2 * 3 / (4 + 4) = 0.75.
  CHECK(*g.positive_agreement == Approx(0.75));

  // Segment presence (E = an episode touches the segment), segments 1..6:
  //   A: E N E N E E    B: E E E N E N   -> agree on 1, 3, 4, 5: p_o = 4/6.
  //   Marginals A 4E 2N, B 4E 2N: p_e = (4/6)^2 + (2/6)^2 = 20/36; kappa = (24-20)/(36-20) = 0.25.
  CHECK(*named(g.presence, "percent_agreement").value == Approx(4.0 / 6.0));
  CHECK(*named(g.presence, "cohen_kappa").value == Approx(0.25));

  // Type over the 3 matched pairs: (W,W) (W,W) (C,mixed): p_o = 2/3; p_e = (2/3)(2/3) = 4/9;
  // kappa = (2/3 - 4/9) / (1 - 4/9) = 0.4.
  CHECK(*named(g.type, "percent_agreement").value == Approx(2.0 / 3.0));
  CHECK(*named(g.type, "cohen_kappa").value == Approx(0.4));

  // Outcome: (resolved, unresolved) (partial, partial) (unresolved, unresolved): p_o = 2/3;
  // p_e = partial (1/3)(1/3) + unresolved (1/3)(2/3) = 1/3; kappa = (2/3 - 1/3) / (2/3) = 0.5.
  CHECK(*named(g.outcome, "percent_agreement").value == Approx(2.0 / 3.0));
  CHECK(*named(g.outcome, "cohen_kappa").value == Approx(0.5));

  // Highest stage ranks (5,4) (2,2) (3,3) on the declared 1-5 scale.
  // Linear weights w = 1 - |i-j|/4: p_o = (0.75 + 1 + 1)/3 = 33/36. p_e = (1/9) * sum of w over
  // A in {5,2,3} x B in {4,2,3} = (0.75+0.25+0.5 + 0.5+1+0.75 + 0.75+0.75+1)/9 = 6.25/9 = 25/36;
  // kappa = (33-25)/(36-25) = 8/11.
  // Quadratic w = 1 - d^2/16: p_o = (15/16 + 2)/3 = 47/48; p_e = (15+7+12 + 12+16+15 + 15+15+16)/144
  // = 123/144; kappa = (141-123)/(144-123) = 18/21.
  // Ordinal alpha: values 5,4,2,2,3,3 (n = 6; n_2 = n_3 = 2, n_4 = n_5 = 1). Ordinal
  // delta(c,k) = (sum_{g=c..k} n_g - (n_c + n_k)/2)^2: (4,5) 1, (2,3) 4, (2,4) 12.25, (2,5) 20.25,
  // (3,4) 2.25, (3,5) 6.25. D_o = (o_45 + o_54) * 1 / 6 = 1/3. D_e = 2 * (4*4 + 2*12.25 + 2*20.25
  // + 2*2.25 + 2*6.25 + 1*1) / (6*5) = 198/30 = 6.6. alpha = 1 - (1/3)/6.6 = 0.94949...
  CHECK(*named(g.highest_stage, "percent_agreement").value == Approx(2.0 / 3.0));
  CHECK(*named(g.highest_stage, "cohen_kappa_linear").value == Approx(8.0 / 11.0));
  CHECK(*named(g.highest_stage, "cohen_kappa_quadratic").value == Approx(18.0 / 21.0));
  CHECK(*named(g.highest_stage, "krippendorff_alpha_ordinal").value == Approx(1.0 - (1.0 / 3.0) / 6.6));

  // Pooling two identical sessions doubles every count and leaves the coefficients unchanged.
  const auto a2 = coder_a("T02");
  const auto b2 = coder_b("T02");
  const EpisodeAgreement pooled = episode_agreement({{&a, &b}, {&a2, &b2}});
  CHECK(pooled.matched == 6);
  CHECK(pooled.sessions == std::vector<std::string>{"T01", "T02"});
  CHECK(pooled.matches.empty());
  CHECK(*named(pooled.type, "cohen_kappa").value == Approx(0.4));
  CHECK(*named(pooled.highest_stage, "cohen_kappa_linear").value == Approx(8.0 / 11.0));
}

TEST_CASE("agreement without matched episodes is undefined with a reason", "[stages][agreement]") {
  const auto a = analyse_session(SessionBuilder("T09", "coderA").code("W2", 10, 20).data, test::rrs());
  const auto b = analyse_session(SessionBuilder("T09", "coderB").code("W2", 500, 520).data, test::rrs());
  const EpisodeAgreement g = episode_agreement({{&a, &b}});
  CHECK(g.matched == 0);
  CHECK(*g.positive_agreement == Approx(0.0));
  CHECK_FALSE(named(g.type, "cohen_kappa").value);
  CHECK(named(g.type, "cohen_kappa").reason == "no matched episodes");
  CHECK_FALSE(named(g.presence, "cohen_kappa").value);  // no segments
}
