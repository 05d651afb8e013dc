// SPDX-License-Identifier: MIT
// Episodes, stages, outcome and timing on hand-built sessions (issue 8, "How we will know it
// works"). Thresholds are the 3RS codebook's: gap_max 120 s, quiet_min 60 s; outcome rule
// resolved >= 4, partial >= 3 on SEG_RES. Every expected value is worked out in the comments.
#include <catch2/catch.hpp>

#include "rapport/stages/session_stages.hpp"
#include "rapport/stages/stage_placement.hpp"
#include "stages_fixture.hpp"

using namespace rapport;
using namespace rapport::stages;
using test::rrs;
using test::SessionBuilder;

namespace {

SessionStages run(const SessionBuilder& b, StageOptions options = {}) {
  return analyse_session(b.data, rrs(), options);
}

std::string sequence(const StagePlacement& p) {
  std::string out;
  for (const auto& e : p.sequence) out += (out.empty() ? "" : " ") + e.stage + (e.inferred ? "*" : "");
  return out;
}

}  // namespace

TEST_CASE("two markers within gap_max form one episode", "[stages][episodes]") {
  // W2 10-15 s, W4 100-110 s: the gap 100 - 15 = 85 s <= 120 s, so one withdrawal episode
  // 10-110 s with two markers; no strategy, no rating -> not addressed.
  const auto s = run(SessionBuilder().code("W2", 10, 15).code("W4", 100, 110));
  REQUIRE(s.episodes.size() == 1);
  const Episode& e = s.episodes[0];
  CHECK(e.id == "E1");
  CHECK(e.type == EpisodeType::withdrawal);
  CHECK(e.start_ms == 10000);
  CHECK(e.end_ms == 110000);
  CHECK(e.markers.size() == 2);
  CHECK(e.outcome == Outcome::not_addressed);
  CHECK_FALSE(e.latency_first_strategy_ms);
}

TEST_CASE("a gap above gap_max splits two episodes; exactly gap_max does not", "[stages][episodes]") {
  // W2 10-15 s, W3 200-210 s: gap 185 s > 120 s -> E1 10-15 s and E2 200-210 s.
  const auto split = run(SessionBuilder().code("W2", 10, 15).code("W3", 200, 210));
  REQUIRE(split.episodes.size() == 2);
  CHECK(split.episodes[0].end_ms == 15000);
  CHECK(split.episodes[1].id == "E2");
  CHECK(split.episodes[1].start_ms == 200000);
  // W3 at 135 s: gap 135 - 15 = 120 s, not above gap_max -> one episode.
  CHECK(run(SessionBuilder().code("W2", 10, 15).code("W3", 135, 140)).episodes.size() == 1);
  // Overriding gap_max to 100 s splits that one.
  StageOptions o;
  o.thresholds.gap_max_ms = 100000;
  CHECK(run(SessionBuilder().code("W2", 10, 15).code("W3", 135, 140), o).episodes.size() == 2);
}

TEST_CASE("withdrawal and confrontation markers make a mixed episode on both paths", "[stages][episodes]") {
  // W5 10-20 s then C1 40-50 s: mixed. The primary path is the one of the marker that opened
  // the episode (SM-W); SM-C gets its own placement. No stage annotations: S1 is inferred on
  // each path from its own marker (rules SM-W S1 <- withdrawal, SM-C S1 <- confrontation).
  const auto s = run(SessionBuilder().code("W5", 10, 20).code("C1", 40, 50));
  REQUIRE(s.episodes.size() == 1);
  const Episode& e = s.episodes[0];
  CHECK(e.type == EpisodeType::mixed);
  REQUIRE(e.placements.size() == 2);
  CHECK(e.placements[0].model == "SM-W");
  CHECK(e.placements[0].primary);
  CHECK(sequence(e.placements[0]) == "S1*");
  CHECK(e.placements[0].sequence[0].inferred_from == "W5");
  CHECK(e.placements[1].model == "SM-C");
  CHECK(sequence(e.placements[1]) == "S1*");
  CHECK(e.placements[1].sequence[0].start_ms == 40000);
  // A confrontation-only episode stays off the withdrawal path.
  const auto c = run(SessionBuilder().code("C2", 10, 20).code("R5", 30, 40));
  REQUIRE(c.episodes.size() == 1);
  CHECK(c.episodes[0].type == EpisodeType::confrontation);
  REQUIRE(c.episodes[0].placements.size() == 1);
  CHECK(c.episodes[0].placements[0].model == "SM-C");
  CHECK(sequence(c.episodes[0].placements[0]) == "S1* S2*");
}

TEST_CASE("an episode without a strategy is not addressed unless rated resolved", "[stages][outcome]") {
  // W1 30-40 s in a segment rated SEG_RES 1: no strategy -> not_addressed.
  auto b = SessionBuilder().segment(0, 300, 3, 1, 1).code("W1", 30, 40);
  auto s = run(b);
  REQUIRE(s.episodes.size() == 1);
  CHECK(s.episodes[0].outcome == Outcome::not_addressed);
  CHECK(s.episodes[0].outcome_reason == "no strategy coded");
  CHECK(s.episodes[0].max_resolution == 1);
  CHECK(s.episodes[0].max_withdrawal_significance == 3);
  CHECK(s.episodes[0].max_confrontation_significance == 1);
  // The same episode in a segment rated SEG_RES 5 is resolved (3rs.md §5.4 checks resolution
  // first: the patient may repair without a coded strategy).
  s = run(SessionBuilder().segment(0, 300, 3, 1, 5).code("W1", 30, 40));
  CHECK(s.episodes[0].outcome == Outcome::resolved);
  CHECK(s.episodes[0].outcome_reason == "SEG_RES 5 >= 4");
  // With a strategy and SEG_RES 3: partial; with SEG_RES 2: unresolved.
  s = run(SessionBuilder().segment(0, 300, 3, 1, 3).code("W1", 30, 40).code("R1", 50, 55));
  CHECK(s.episodes[0].outcome == Outcome::partial);
  s = run(SessionBuilder().segment(0, 300, 3, 1, 2).code("W1", 30, 40).code("R1", 50, 55));
  CHECK(s.episodes[0].outcome == Outcome::unresolved);
  CHECK(s.episodes[0].immediate == 1);
  CHECK(s.episodes[0].exploratory == 0);
}

TEST_CASE("a skipped stage is reported and the highest stage is still the highest", "[stages][placement]") {
  // Annotated S1 10 s, S2 30 s, S4 60 s on a withdrawal episode: highest S4 (rank 4), S3 was
  // skipped; no rating and not the last stage -> with the strategy R4, unresolved.
  const auto s = run(SessionBuilder()
                         .code("W2", 10, 15)
                         .stage("S1", 10, 15)
                         .code("R4", 30, 35)
                         .stage("S2", 30, 35)
                         .stage("S4", 60, 70));
  REQUIRE(s.episodes.size() == 1);
  const StagePlacement* p = s.episodes[0].primary();
  REQUIRE(p);
  CHECK(p->model == "SM-W");
  CHECK(p->annotated);
  CHECK(sequence(*p) == "S1 S2 S4");
  CHECK(p->highest_stage == "S4");
  CHECK(p->highest_rank == 4);
  CHECK(p->skipped == std::vector<std::string>{"S3"});
  CHECK(p->repeated.empty());
  CHECK_FALSE(p->reached_final);
  CHECK(s.episodes[0].outcome == Outcome::unresolved);
  // Latency to the highest stage: 60 - 10 = 50 s; to the first strategy: 30 - 10 = 20 s.
  CHECK(s.episodes[0].latency_highest_stage_ms == 50000);
  CHECK(s.episodes[0].latency_first_strategy_ms == 20000);
}

TEST_CASE("a repeated stage is reported and the last stage resolves", "[stages][placement]") {
  // S1 S2 S3 S4 S3 S5: the cycle S3 -> S4 -> S3 of 3rs.md §3.1 repeats S3; S5 is the last stage
  // of SM-W, so the episode is resolved whatever the ratings say. The second S3 annotation right
  // after another S3 would not count as a repeat (S5 S5 at the end shows it).
  const auto s = run(SessionBuilder()
                         .segment(0, 300, 4, 1, 2)
                         .code("W7", 10, 20)
                         .stage("S1", 10, 20)
                         .code("R6", 30, 40)
                         .stage("S2", 30, 40)
                         .stage("S3", 50, 60)
                         .stage("S4", 70, 80)
                         .stage("S3", 90, 100)
                         .stage("S5", 110, 120)
                         .stage("S5", 125, 130));
  REQUIRE(s.episodes.size() == 1);
  const StagePlacement* p = s.episodes[0].primary();
  REQUIRE(p);
  CHECK(sequence(*p) == "S1 S2 S3 S4 S3 S5 S5");
  CHECK(p->repeated == std::vector<std::string>{"S3"});
  CHECK(p->skipped.empty());
  CHECK(p->highest_stage == "S5");
  CHECK(p->reached_final);
  CHECK(p->highest_stage_ms == 110000);
  CHECK(s.episodes[0].outcome == Outcome::resolved);
  CHECK(s.episodes[0].outcome_reason == "reached S5, the last stage of SM-W");
  CHECK(s.episodes[0].latency_highest_stage_ms == 100000);
}

TEST_CASE("stages are inferred only where none were annotated, and marked inferred", "[stages][placement]") {
  // No STAGE annotations: W2 at 10 s -> S1*, R8 at 25 s infers nothing (links to outside
  // patterns are not metacommunication), R4 at 30 s -> S2*, R6 at 50 s -> S2 again, collapsed.
  auto inferred = run(SessionBuilder().code("W2", 10, 15).code("R8", 25, 28).code("R4", 30, 35).code("R6", 50, 55));
  const StagePlacement* p = inferred.episodes.at(0).primary();
  REQUIRE(p);
  CHECK_FALSE(p->annotated);
  CHECK(sequence(*p) == "S1* S2*");
  CHECK(p->sequence[1].inferred_from == "R4");
  CHECK(p->highest_stage == "S2");
  CHECK(inferred.episodes[0].placements.size() == 1);  // MR: nothing annotated, no rule
  // The same codes with annotated S1 and S3: the annotation wins, nothing is inferred.
  auto annotated = run(SessionBuilder()
                           .code("W2", 10, 15)
                           .stage("S1", 10, 15)
                           .code("R4", 30, 35)
                           .stage("S3", 40, 50)
                           .stage("MR1", 45, 50));
  p = annotated.episodes.at(0).primary();
  REQUIRE(p);
  CHECK(p->annotated);
  CHECK(sequence(*p) == "S1 S3");
  CHECK(p->skipped == std::vector<std::string>{"S2"});
  // MR1 goes to the mutual-recognition model (Lipner, Liu & Muran 2019) as a second placement.
  REQUIRE(annotated.episodes[0].placements.size() == 2);
  CHECK(annotated.episodes[0].placements[1].model == "MR");
  CHECK(sequence(annotated.episodes[0].placements[1]) == "MR1");
  CHECK(annotated.episodes[0].placements[1].highest_rank == 1);
}

TEST_CASE("an episode crossing a segment boundary takes the ratings of both segments", "[stages][episodes]") {
  // Segments 0-300 s (SEG_RES 2) and 300-600 s (SEG_RES 4). W2 at 280-290 s, R5 at 320-330 s
  // (gap 30 s): one episode 280-330 s touching segments 1 and 2; max SEG_RES 4 -> resolved.
  // R5 is exploratory and SMEC2011 SM4; latency to it 320 - 280 = 40 s.
  const auto s = run(
      SessionBuilder().segment(0, 300, 3, 1, 2).segment(300, 600, 1, 1, 4).code("W2", 280, 290).code("R5", 320, 330));
  REQUIRE(s.episodes.size() == 1);
  const Episode& e = s.episodes[0];
  REQUIRE(e.segments.size() == 2);
  CHECK(e.segments[0].label == "1");
  CHECK(e.segments[1].label == "2");
  CHECK(e.max_resolution == 4);
  CHECK(e.max_withdrawal_significance == 3);
  CHECK(e.outcome == Outcome::resolved);
  CHECK(e.latency_first_strategy_ms == 40000);
  REQUIRE(e.strategies.size() == 1);
  CHECK(e.strategies[0].strategy_class == "exploratory");
  CHECK(e.strategies[0].typology_items == std::vector<std::string>{"SM4"});
  CHECK(s.summary.segments == 2);
  CHECK(s.summary.segments_with_episode == 2);
}

TEST_CASE("a session without ruptures has no episodes; lone strategies are counted apart", "[stages][episodes]") {
  const auto s = run(SessionBuilder().segment(0, 300, 1, 1, 0).code("R3", 100, 110).stage("S2", 100, 110));
  CHECK(s.episodes.empty());
  CHECK(s.summary.counts.episodes == 0);
  CHECK_FALSE(s.summary.counts.resolution_rate());
  CHECK(s.summary.unattached_strategies == 1);
  CHECK(s.summary.unattached_stages == 1);
  CHECK(s.summary.segments_with_episode == 0);
  CHECK(run(SessionBuilder()).episodes.empty());
}

TEST_CASE("a marker quiet_min after a resolution point opens a new episode", "[stages][episodes]") {
  // W2 10-15 s, S5 (last stage) at 40-45 s: resolution point 40 s. W3 at 110 s is within gap_max
  // of 45 s (65 s) but 70 s >= 60 s after the repair -> a new episode.
  auto s = run(SessionBuilder().code("W2", 10, 15).stage("S5", 40, 45).code("W3", 110, 115));
  REQUIRE(s.episodes.size() == 2);
  CHECK(s.episodes[0].end_ms == 45000);
  CHECK(s.episodes[0].outcome == Outcome::resolved);
  // W3 at 80 s: only 40 s after the repair -> the rupture resumed, same episode.
  s = run(SessionBuilder().code("W2", 10, 15).stage("S5", 40, 45).code("W3", 80, 85));
  CHECK(s.episodes.size() == 1);
  // A segment rated SEG_RES 4 ending at 60 s is a resolution point at 60 s: W3 at 125 s
  // (65 s later, 110 s after the W2 end) -> new episode; at 100 s (40 s later) -> same one.
  s = run(SessionBuilder().segment(0, 60, 2, 1, 4).segment(60, 300, 2, 1, 1).code("W2", 10, 15).code("W3", 125, 130));
  CHECK(s.episodes.size() == 2);
  s = run(SessionBuilder().segment(0, 60, 2, 1, 4).segment(60, 300, 2, 1, 1).code("W2", 10, 15).code("W3", 100, 105));
  CHECK(s.episodes.size() == 1);
}

TEST_CASE("session summary counts types, outcomes, stages and strategies", "[stages][summary]") {
  // E1: W2 + R4 + R1 in a SEG_RES 5 segment -> resolved, SM-W highest S2 (inferred from R4).
  // E2: C1 alone at 400 s, SEG_RES 1 -> not addressed, SM-C highest S1.
  const auto s = run(SessionBuilder()
                         .segment(0, 300, 3, 1, 5)
                         .segment(300, 600, 1, 4, 1)
                         .code("W2", 10, 15)
                         .code("R4", 20, 25)
                         .code("R1", 30, 35)
                         .code("C1", 400, 410));
  const auto& c = s.summary.counts;
  CHECK(c.episodes == 2);
  CHECK(c.withdrawal == 1);
  CHECK(c.confrontation == 1);
  CHECK(c.resolved == 1);
  CHECK(c.not_addressed == 1);
  CHECK(c.resolution_rate() == Approx(0.5));
  CHECK(c.highest_stage.at("SM-W").at("S2") == 1);
  CHECK(c.highest_stage.at("SM-C").at("S1") == 1);
  CHECK(c.strategies_total == 2);
  CHECK(c.immediate == 1);
  CHECK(c.exploratory == 1);
  CHECK(c.typology.at("SM4") == 1);
  CHECK(c.typology.at("SM3") == 1);
  CHECK(c.mean_latency_first_strategy_ms() == Approx(10000));
}
