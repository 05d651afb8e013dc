// SPDX-License-Identifier: MIT
// The whole analysis from ELAN files: the vignette in samples/vignette (its make_vignette.py
// docstring gives every value asserted here) and the clean check session of tests/data/check.
#include <catch2/catch.hpp>

#include "rapport/eaf/reader.hpp"
#include "rapport/stages/stages.hpp"
#include "stages_fixture.hpp"

using namespace rapport;
using namespace rapport::stages;

namespace {

StagesResult run_files(const std::vector<std::filesystem::path>& files) {
  StagesRun run(test::rrs());
  for (const auto& doc : eaf::read_eaf_files(files, {}, 1)) run.add(doc);
  return run.finish();
}

std::filesystem::path vignette(const std::string& coder) {
  return test::source_dir() / "samples" / "vignette" / ("V01_" + coder + ".eaf");
}

}  // namespace

TEST_CASE("the vignette yields one resolved withdrawal episode per coder", "[stages][vignette]") {
  const StagesResult r = run_files({vignette("coderB"), vignette("coderA")});
  CHECK(r.file_count == 2);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.sessions.size() == 2);
  const SessionStages& a = r.sessions[0];  // sorted by session, then coder
  CHECK(a.session == "V01");
  CHECK(a.coder == "coderA");
  CHECK(a.participants.patient == "P-V01");
  CHECK(a.participants.therapist == "T-V01");
  REQUIRE(a.episodes.size() == 1);
  const Episode& e = a.episodes[0];
  CHECK(e.type == EpisodeType::withdrawal);
  CHECK(e.start_ms == 95000);
  CHECK(e.end_ms == 292000);  // MR3 ends at 292 s
  REQUIRE(e.strategies.size() == 4);
  CHECK(e.strategies[0].code == "R3");
  CHECK(e.strategies[0].typology_items == std::vector<std::string>{"SM1"});
  CHECK(e.strategies[3].code == "R5");
  CHECK(e.immediate == 1);
  CHECK(e.exploratory == 3);
  const StagePlacement* p = e.primary();
  REQUIRE(p);
  CHECK(p->model == "SM-W");
  CHECK(p->annotated);
  CHECK(p->highest_stage == "S5");
  CHECK(p->skipped.empty());
  REQUIRE(e.placements.size() == 2);
  CHECK(e.placements[1].model == "MR");
  CHECK(e.placements[1].highest_stage == "MR3");
  CHECK(e.outcome == Outcome::resolved);
  CHECK(e.latency_first_strategy_ms == 15000);
  CHECK(e.latency_highest_stage_ms == 175000);
  CHECK(e.max_resolution == 4);
  CHECK(e.max_withdrawal_significance == 3);
  CHECK(a.summary.session_ratings.at("SES_RES").value == 4);

  const SessionStages& b = r.sessions[1];
  REQUIRE(b.episodes.size() == 1);
  CHECK(b.episodes[0].primary()->skipped == std::vector<std::string>{"S4"});
  CHECK(b.episodes[0].outcome == Outcome::resolved);

  REQUIRE(r.by_therapist.size() == 1);
  CHECK(r.by_therapist[0].key == "T-V01");
  CHECK(r.by_therapist[0].sessions == 2);
  CHECK(r.by_therapist[0].counts.resolved == 2);
  REQUIRE(r.by_coder.size() == 2);
  REQUIRE(r.agreement.size() == 1);
  CHECK(r.agreement[0].matched == 1);
  CHECK(*r.agreement[0].positive_agreement == Approx(1.0));
  REQUIRE(r.pooled_agreement.size() == 1);
}

TEST_CASE("the clean check session: S1 S2 S5 annotated, S3 and S4 skipped, resolved", "[stages][eaf]") {
  // tests/data/check/make_cases.py: W2 60-75 s, R4 90-110 s, R8 130-150 s, stages S1 60 s,
  // S2 90 s, S5 200-220 s; SEG_RES 4 in segment 1; PARTICIPANT is the role, so nobody is named.
  const StagesResult r = run_files({test::data_dir() / "check" / "clean" / "S01_coderA.eaf"});
  REQUIRE(r.sessions.size() == 1);
  CHECK_FALSE(r.sessions[0].participants.patient);
  CHECK(r.by_patient.empty());
  REQUIRE(r.sessions[0].episodes.size() == 1);
  const Episode& e = r.sessions[0].episodes[0];
  CHECK(e.start_ms == 60000);
  CHECK(e.end_ms == 220000);
  CHECK(e.primary()->skipped == std::vector<std::string>{"S3", "S4"});
  CHECK(e.outcome == Outcome::resolved);
  CHECK(e.latency_first_strategy_ms == 30000);
  CHECK(e.latency_highest_stage_ms == 140000);
  CHECK(r.agreement.empty());
}
