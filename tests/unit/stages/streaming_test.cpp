// SPDX-License-Identifier: MIT
// StagesRun streams a project (issue 9): add() spools each coding, finish() analyses one session
// at a time and gathers the summaries and the pooled agreement as the sessions pass. Its result
// must be the whole-project computation's (every session analysed and kept, sorted, then
// summarised and pooled at once: the code before issue 9, kept below as the reference), on a
// hand-built project whose sessions arrive out of order, with two coder pairs and a session
// coded by one coder only; the pooled figures are also computed by hand.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <map>

#include "rapport/report/stages_report.hpp"
#include "rapport/stages/stages.hpp"
#include "stages_fixture.hpp"

using namespace rapport;
using namespace rapport::stages;
using test::SessionBuilder;

namespace {

FileSessions::Coded coding(check::CodedSessionData data, std::optional<std::string> patient = {},
                           std::optional<std::string> therapist = {}) {
  return {std::move(data), {std::move(patient), std::move(therapist)}};
}

// T02: one withdrawal episode per coder, overlapping by 8 s, highest stage S1, no strategy (not
// addressed), no segments.
check::CodedSessionData short_coding(const std::string& coder, double start_s) {
  return SessionBuilder("T02", coder).code("W2", start_s, start_s + 10).stage("S1", start_s, start_s + 10).data;
}

/// The files in the order they arrive: T01 A-B, T02 A-B, T03 A-C (C codes like B), T04 B
/// alone; one file holds both codings of T01 (B's first).
std::vector<FileSessions> project() {
  std::vector<std::vector<FileSessions::Coded>> files;
  files.push_back({coding(test::hand_coding_b("T03", "coderC"), "P2", "Th2")});
  files.push_back({coding(short_coding("coderB", 12), "P1", "Th1")});
  files.push_back({coding(test::hand_coding_b("T04"))});
  files.push_back({coding(test::hand_coding_b("T01"), "P1", "Th1"), coding(test::hand_coding_a("T01"), "P1", "Th1")});
  files.push_back({coding(test::hand_coding_a("T03"), "P2", "Th2")});
  files.push_back({coding(short_coding("coderA", 10), "P1", "Th1")});
  std::vector<FileSessions> out;
  for (auto& sessions : files) {
    FileSessions f;
    f.file = sessions.front().data.file;
    f.sessions = std::move(sessions);
    out.push_back(std::move(f));
  }
  return out;
}

/// The whole-project computation as StagesRun::finish did it before issue 9.
StagesResult whole_project(const std::vector<FileSessions>& files) {
  StagesResult r;
  for (const auto& f : files)
    for (const auto& coded : f.sessions) {
      SessionStages s = analyse_session(coded.data, test::rrs());
      s.participants = coded.participants;
      r.sessions.push_back(std::move(s));
    }
  auto& sessions = r.sessions;
  std::stable_sort(sessions.begin(), sessions.end(), [](const SessionStages& a, const SessionStages& b) {
    return std::tie(a.session, a.coder) < std::tie(b.session, b.coder);
  });
  for (auto [by, out] : {std::pair{GroupBy::coder, &r.by_coder}, std::pair{GroupBy::therapist, &r.by_therapist},
                         std::pair{GroupBy::patient, &r.by_patient}}) {
    Aggregates groups(by);
    for (const auto& s : sessions) groups.add(s);
    *out = groups.list();
  }
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<const SessionStages*, const SessionStages*>>>
      pooled;
  for (std::size_t i = 0; i < sessions.size(); ++i)
    for (std::size_t j = i + 1; j < sessions.size() && sessions[j].session == sessions[i].session; ++j) {
      if (sessions[i].coder == sessions[j].coder) continue;
      r.agreement.push_back(episode_agreement({{&sessions[i], &sessions[j]}}));
      pooled[{sessions[i].coder, sessions[j].coder}].push_back({&sessions[i], &sessions[j]});
    }
  for (const auto& [coders, pairs] : pooled) r.pooled_agreement.push_back(episode_agreement(pairs));
  return r;
}

/// What the two computations must share: the sessions, summaries and agreement of the JSON
/// document (every value the front ends write).
boost::json::object compared(const StagesResult& r) {
  boost::json::object doc = report::stages_to_json(r);
  return {{"sessions", doc["sessions"]}, {"aggregates", doc["aggregates"]}, {"agreement", doc["agreement"]}};
}

std::optional<double> value(const std::vector<stats::Measure>& ms, const std::string& name) {
  for (const auto& m : ms)
    if (m.name == name) return m.value;
  FAIL("no measure " << name);
  return std::nullopt;
}

}  // namespace

TEST_CASE("streamed stages give the whole-project result", "[stages][streaming]") {
  const StagesResult expected = whole_project(project());
  REQUIRE(expected.sessions.size() == 7);
  REQUIRE(expected.agreement.size() == 3);
  for (const Spool spool : {Spool::memory, Spool::temporary_file}) {
    INFO("spool " << (spool == Spool::memory ? "memory" : "temporary file"));
    StagesRun run(test::rrs(), nullptr, {}, spool);
    for (auto& f : project()) run.add(std::move(f));
    REQUIRE(run.error().empty());
    const StagesResult streamed = run.finish();
    CHECK(streamed.file_count == 6);
    CHECK(compared(streamed) == compared(expected));
  }
}

TEST_CASE("finish hands over one session at a time, in session then coder order", "[stages][streaming]") {
  StagesRun run(test::rrs(), nullptr, {}, Spool::temporary_file);
  for (auto& f : project()) run.add(std::move(f));
  std::vector<std::string> seen;
  const StagesResult rest = run.finish([&](SessionGroup& group) {
    std::string line = group.sessions.front().session + ":";
    for (const auto& s : group.sessions) {
      CHECK(s.session == group.sessions.front().session);
      line += " " + s.coder;
    }
    line += " (" + std::to_string(group.agreement.size()) + " pair)";
    seen.push_back(line);
  });
  CHECK(seen == std::vector<std::string>{"T01: coderA coderB (1 pair)", "T02: coderA coderB (1 pair)",
                                         "T03: coderA coderC (1 pair)", "T04: coderB (0 pair)"});
  // What stays for the frame of the document: no session, no per-session agreement.
  CHECK(rest.sessions.empty());
  CHECK(rest.agreement.empty());

  // Summaries: sessions per coder and therapist (T04 names no therapist and is left out); A's
  // episodes: 4 in T01, 1 in T02, 4 in T03.
  REQUIRE(rest.by_coder.size() == 3);
  CHECK((rest.by_coder[0].key == "coderA" && rest.by_coder[0].sessions == 3 && rest.by_coder[0].counts.episodes == 9));
  CHECK((rest.by_coder[1].key == "coderB" && rest.by_coder[1].sessions == 3));
  CHECK((rest.by_coder[2].key == "coderC" && rest.by_coder[2].sessions == 1));
  REQUIRE(rest.by_therapist.size() == 2);
  CHECK((rest.by_therapist[0].key == "Th1" && rest.by_therapist[0].sessions == 4));
  CHECK((rest.by_therapist[1].key == "Th2" && rest.by_therapist[1].sessions == 2));

  // Pooled A-B over T01 and T02, computed by hand from the episodes in stages_fixture.hpp: T01's
  // matched pairs (A1,B1) (A2,B2) (A3,B3) as in agreement_test.cpp, plus T02's one pair (both
  // withdrawal, S1, not addressed).
  REQUIRE(rest.pooled_agreement.size() == 2);
  const EpisodeAgreement& ab = rest.pooled_agreement[0];
  CHECK((ab.coder_a == "coderA" && ab.coder_b == "coderB"));
  CHECK(ab.sessions == std::vector<std::string>{"T01", "T02"});
  CHECK((ab.episodes_a == 5 && ab.episodes_b == 5 && ab.matched == 4));
  CHECK(*ab.positive_agreement == Approx(0.8));  // 2 * 4 / (5 + 5)
  CHECK(ab.matches.empty());                     // two sessions: no matching is reported
  // Presence: T02 has no segments, so T01's six: p_o = 4/6, kappa 0.25 (agreement_test.cpp).
  CHECK(*value(ab.presence, "percent_agreement") == Approx(4.0 / 6.0));
  CHECK(*value(ab.presence, "cohen_kappa") == Approx(0.25));
  // Type: (W,W) (W,W) (C,mixed) (W,W): p_o = 3/4; p_e = W (3/4)(3/4) = 9/16;
  // kappa = (12/16 - 9/16) / (7/16) = 3/7.
  CHECK(*value(ab.type, "percent_agreement") == Approx(0.75));
  CHECK(*value(ab.type, "cohen_kappa") == Approx(3.0 / 7.0));
  // Outcome: (resolved, unresolved) (partial, partial) (unresolved, unresolved) (not addressed,
  // not addressed): p_o = 3/4; p_e = partial 1/16 + unresolved (1/4)(2/4) + not addressed 1/16
  // = 1/4; kappa = (3/4 - 1/4) / (3/4) = 2/3.
  CHECK(*value(ab.outcome, "percent_agreement") == Approx(0.75));
  CHECK(*value(ab.outcome, "cohen_kappa") == Approx(2.0 / 3.0));
  // Highest stage ranks (5,4) (2,2) (3,3) (1,1) on 1-5, linear weights w = 1 - |i-j|/4:
  // p_o = (0.75 + 3) / 4 = 15/16; p_e = (1/16) * sum of w over A in {5,2,3,1} x B in {4,2,3,1}
  // = (1.5 + 3 + 3 + 2.5) / 16 = 10/16; kappa = (15 - 10) / (16 - 10) = 5/6.
  CHECK(*value(ab.highest_stage, "percent_agreement") == Approx(0.75));
  CHECK(*value(ab.highest_stage, "cohen_kappa_linear") == Approx(5.0 / 6.0));

  // Pooled A-C: T03 alone, B's coding under C's name: agreement_test.cpp's values, and the
  // matching with its episode ids.
  const EpisodeAgreement& ac = rest.pooled_agreement[1];
  CHECK((ac.coder_a == "coderA" && ac.coder_b == "coderC"));
  CHECK(ac.sessions == std::vector<std::string>{"T03"});
  CHECK(ac.matched == 3);
  REQUIRE(ac.matches.size() == 5);
  CHECK((ac.matches[1].a_id == "E2" && ac.matches[1].b_id == "E3"));
  CHECK(*value(ac.type, "cohen_kappa") == Approx(0.4));
  CHECK(*value(ac.outcome, "cohen_kappa") == Approx(0.5));
}
