// SPDX-License-Identifier: MIT
// The key test of issue 7: a project made for the purpose (tests/data/reliability/, written by
// make_project.py there) whose segment table is derived here by hand; the per-code kappas and
// the significance ICC must equal the agreement-statistics measures run on that hand table.
//
// Three sessions of 900 000 ms = three 300 000 ms segments each (units S01#1 ... S03#3), coded
// by coderA and coderB; S04 is coded by coderA only. A marker counts in every segment it
// overlaps, so W2 [290 000, 310 000) of S02 counts in S02#1 and S02#2.
//
//           S01#1 S01#2 S01#3 S02#1 S02#2 S02#3 S03#1 S03#2 S03#3     (A/B)
//   W2       1/1   0/0   0/0   1/1   1/1   0/0   0/0   0/1   0/0
//   W3       0/0   1/0   0/0   0/0   0/0   0/0   0/0   0/0   0/0
//   W4       0/0   0/1   0/0   0/0   0/0   0/0   0/0   0/0   0/0
//   W7       0/0   0/0   0/0   0/0   0/0   0/0   1/1   0/0   0/0
//   C1       0/0   0/0   1/0   0/0   0/0   0/0   0/0   0/0   0/0
//   C2       0/0   0/0   0/0   0/0   1/1   0/0   0/0   0/0   0/0
//   C5       0/0   0/0   0/0   0/0   0/0   0/1   0/0   0/0   0/0
//   R1       0/0   0/0   0/1   0/0   0/0   0/0   0/0   0/0   0/0
//   R4       1/1   0/0   1/0   0/0   0/0   0/0   0/0   0/0   0/1
//   R5       0/0   0/0   0/0   0/0   1/1   0/0   0/0   0/0   0/0
//   withdrawal (any W) = W2|W3|W4|W7:   1/1 1/1 0/0 1/1 1/1 0/0 1/1 0/1 0/0
//   SEG_WSIG  3/3   3/2   1/1   2/2   2/3   1/1   2/2   1/2   1/1
//   SEG_CSIG  1/1   1/1   4/1   1/1   4/4   1/2   1/1   1/1   1/1
//   SEG_RES   4/4   -/-   3/-   -/-   5/4   -/-   -/-   -/-   -/2     (NA is missing)
// Session level (S01, S02, S03):
//   withdrawal_segments 2/2 2/2 1/2; confrontation_segments 1/0 1/2 0/0; resolution_count 2/2 1/1 0/1
//   SES_TCONTRIB 2/2 3/3 1/2; SES_RES 4/3 4/4 3/2
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/reliability/reliability.hpp"
#include "rapport/reliability/report.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/stats/cohen_kappa.hpp"
#include "rapport/stats/icc.hpp"
#include "rapport/stats/multi_rater.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace rapport;

namespace {

using Rows = std::vector<std::vector<std::optional<double>>>;

const codebook::Codebook& codebook_3rs() {
  static const codebook::Codebook cb = [] {
    auto r = codebook::read_codebook_file(test::source_dir() / "codebooks" / "3rs-2015.xml");
    REQUIRE(r);
    return *r.codebook;
  }();
  return cb;
}

std::vector<fs::path> eaf_files(const std::string& layout) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(test::data_dir() / "reliability" / layout))
    if (e.path().extension() == ".eaf") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

reliability::Project project_of(const std::string& layout) {
  return reliability::build_project(eaf::read_eaf_files(eaf_files(layout), {}, 1), codebook_3rs());
}

Rows pairs(std::initializer_list<std::pair<int, int>> cells) {
  Rows rows;
  for (auto [a, b] : cells)
    rows.push_back({a < 0 ? std::nullopt : std::optional<double>(a), b < 0 ? std::nullopt : std::optional<double>(b)});
  return rows;
}

constexpr int na = -1;

// The hand table above, one row per unit S01#1 ... S03#3.
const std::map<std::string, Rows>& hand_presence() {
  static const std::map<std::string, Rows> t{
      {"W2", pairs({{1, 1}, {0, 0}, {0, 0}, {1, 1}, {1, 1}, {0, 0}, {0, 0}, {0, 1}, {0, 0}})},
      {"W3", pairs({{0, 0}, {1, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}})},
      {"W4", pairs({{0, 0}, {0, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}})},
      {"W7", pairs({{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {1, 1}, {0, 0}, {0, 0}})},
      {"C1", pairs({{0, 0}, {0, 0}, {1, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}})},
      {"C2", pairs({{0, 0}, {0, 0}, {0, 0}, {0, 0}, {1, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}})},
      {"C5", pairs({{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 1}, {0, 0}, {0, 0}, {0, 0}})},
      {"R1", pairs({{0, 0}, {0, 0}, {0, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}})},
      {"R4", pairs({{1, 1}, {0, 0}, {1, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 1}})},
      {"R5", pairs({{0, 0}, {0, 0}, {0, 0}, {0, 0}, {1, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}})},
      {"withdrawal", pairs({{1, 1}, {1, 1}, {0, 0}, {1, 1}, {1, 1}, {0, 0}, {1, 1}, {0, 1}, {0, 0}})},
  };
  return t;
}

const Rows seg_wsig = pairs({{3, 3}, {3, 2}, {1, 1}, {2, 2}, {2, 3}, {1, 1}, {2, 2}, {1, 2}, {1, 1}});
const Rows seg_csig = pairs({{1, 1}, {1, 1}, {4, 1}, {1, 1}, {4, 4}, {1, 2}, {1, 1}, {1, 1}, {1, 1}});
const Rows seg_res = pairs({{4, 4}, {na, na}, {3, na}, {na, na}, {5, 4}, {na, na}, {na, na}, {na, na}, {na, 2}});

stats::RatingTable table(const Rows& rows, std::vector<double> scale) { return stats::make_numeric_table(rows, scale); }

std::vector<std::optional<double>> column_values(const stats::RatingTable& t) {
  std::vector<std::optional<double>> out;
  for (auto c : t.cells)
    out.push_back(c == stats::RatingTable::missing
                      ? std::nullopt
                      : std::optional<double>(t.categories[static_cast<std::size_t>(c)].value));
  return out;
}

std::vector<std::optional<double>> flat(const Rows& rows) {
  std::vector<std::optional<double>> out;
  for (const auto& r : rows) out.insert(out.end(), r.begin(), r.end());
  return out;
}

const reliability::VariableResult& result(const std::vector<reliability::VariableResult>& list,
                                          const std::string& name) {
  for (const auto& v : list)
    if (v.name == name) return v;
  FAIL("no variable " << name);
  return list.front();
}

void same(const std::optional<double>& a, const std::optional<double>& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (a) CHECK(*a == Approx(*b).epsilon(1e-12).margin(1e-12));
}

}  // namespace

TEST_CASE("pairing: one file per coder, a session coded once is reported", "[reliability][pairing]") {
  const auto p = project_of("hand");
  REQUIRE(p.sessions.size() == 3);
  CHECK(p.sessions[0].session == "S01");
  CHECK(p.sessions[2].session == "S03");
  CHECK(p.coders == std::vector<std::string>{"coderA", "coderB"});
  REQUIRE(p.unpaired.size() == 1);
  CHECK(p.unpaired[0].session == "S04");
  CHECK(std::any_of(p.diagnostics.begin(), p.diagnostics.end(),
                    [](const Diagnostic& d) { return d.rule == "reliability-session-coded-once"; }));
}

TEST_CASE("paired sessions: those holding two of the coders (the tables' and the time-aligned level's sessions)",
          "[reliability][pairing]") {
  // S01-S03 are coded by coderA and coderB (S04, coded once, is unpaired: not in sessions at all).
  const auto p = project_of("hand");
  CHECK(reliability::paired_sessions(p) == std::vector<std::size_t>{0, 1, 2});
  // One coder holds no pair; an unknown name adds nobody: coderA + nobody = 1 < 2.
  CHECK(reliability::paired_sessions(p, {"coderA"}).empty());
  CHECK(reliability::paired_sessions(p, {"coderA", "nobody"}).empty());
  CHECK(reliability::paired_sessions(p, {"coderB", "coderA"}) == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("segment table equals the hand table, both layouts", "[reliability][tables]") {
  for (const std::string layout : {"hand", "one_file"}) {
    INFO(layout);
    const auto p = project_of(layout);
    REQUIRE(p.sessions.size() == 3);
    const auto t = reliability::build_tables(p, codebook_3rs());
    REQUIRE(t.segments.size() == 9);
    CHECK(t.segments[4].start_ms == 300000);
    CHECK(t.segments[4].end_ms == 600000);
    // Segment units are named once, in t.segments, not in each variable's table.
    CHECK(reliability::segment_unit_name(p.sessions[t.segments[4].session].session, t.segments[4].index) == "S02#2");
    CHECK(t.codes.front().table.units.empty());
    CHECK(t.codes.front().table.unit_count() == 9);
    for (const auto& v : t.codes) {
      INFO(v.name);
      const auto it = hand_presence().find(v.name);
      const Rows zero = pairs({{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}});
      CHECK(column_values(v.table) == flat(it == hand_presence().end() ? zero : it->second));
    }
    CHECK(column_values(t.families.front().table) == flat(hand_presence().at("withdrawal")));
    CHECK(column_values(t.segment_ratings[0].table) == flat(seg_wsig));
    CHECK(column_values(t.segment_ratings[1].table) == flat(seg_csig));
    CHECK(column_values(t.segment_ratings[2].table) == flat(seg_res));
    REQUIRE(t.session_variables.size() == 7);
    CHECK(t.session_variables[0].name == "withdrawal_segments");
    CHECK(column_values(t.session_variables[0].table) == flat(pairs({{2, 2}, {2, 2}, {1, 2}})));
    CHECK(column_values(t.session_variables[1].table) == flat(pairs({{1, 0}, {1, 2}, {0, 0}})));
    CHECK(t.session_variables[2].name == "resolution_count");
    CHECK(column_values(t.session_variables[2].table) == flat(pairs({{2, 2}, {1, 1}, {0, 1}})));
    CHECK(t.session_variables[5].name == "SES_TCONTRIB");
    CHECK(column_values(t.session_variables[5].table) == flat(pairs({{2, 2}, {3, 3}, {1, 2}})));
  }
}

TEST_CASE("per-code kappas and the significance ICC equal the stats measures on the hand table",
          "[reliability][measures]") {
  const auto p = project_of("hand");
  reliability::ReliabilityOptions o;
  o.threads = 1;
  const auto r = reliability::analyse(p, codebook_3rs(), o);
  CHECK(r.sessions == 3);
  CHECK(r.segments == 9);
  for (const auto& [code, rows] : hand_presence()) {
    INFO(code);
    const auto& v = code == "withdrawal" ? result(r.segment_families, code) : result(r.segment_codes, code);
    const auto t = table(rows, {0, 1});
    const auto kappa = stats::cohen_kappa(t, stats::Weighting::identity);
    REQUIRE(v.headline == "cohen_kappa");
    same(v.find("cohen_kappa")->value, kappa.value);
    same(v.find("cohen_kappa")->ci_low, kappa.ci_low);
    same(v.find("gwet_ac1")->value, stats::gwet_ac(t, stats::Weighting::identity).value);
  }
  // W2 by hand: p_o = 8/9; marginals A 3/9, B 4/9; p_e = (3*4 + 6*5)/81 = 42/81.
  CHECK(*result(r.segment_codes, "W2").find("cohen_kappa")->value == Approx((8.0 / 9 - 42.0 / 81) / (1 - 42.0 / 81)));
  CHECK(*result(r.segment_codes, "W2").prevalence == Approx(7.0 / 18));
  // A code nobody used: kappa is undefined (p_e = 1), never a made-up number.
  CHECK_FALSE(result(r.segment_codes, "W1").find("cohen_kappa")->value);

  const auto icc = stats::intraclass_correlations(table(seg_wsig, {1, 2, 3, 4, 5}));
  const auto& wsig = result(r.segment_ratings, "SEG_WSIG");
  REQUIRE(wsig.headline == "icc_2_1");
  REQUIRE(wsig.measures.front().name == "icc_2_1");
  same(wsig.find("icc_2_1")->value, icc[1].value);
  same(wsig.find("icc_2_1")->ci_low, icc[1].ci_low);
  same(wsig.find("icc_2_1")->ci_high, icc[1].ci_high);
  same(wsig.find("icc_3_1")->value, icc[2].value);
  same(wsig.find("cohen_kappa_quadratic")->value,
       stats::cohen_kappa(table(seg_wsig, {1, 2, 3, 4, 5}), stats::Weighting::quadratic).value);
  // SEG_RES: NA is missing, so ICC uses the two complete segments only.
  CHECK(result(r.segment_ratings, "SEG_RES").find("icc_2_1")->n_units == 2);

  const auto ses_icc = stats::intraclass_correlations(table(pairs({{2, 2}, {2, 2}, {1, 2}}), {}));
  same(result(r.session_variables, "withdrawal_segments").find("icc_2_1")->value, ses_icc[1].value);

  // Drift: the files carry DATEs 2024-05-01..03, so sessions go in date order; S03's pooled
  // presence table is the S03 rows of every code (3 segments x 25 codes).
  REQUIRE(r.drift);
  CHECK(r.drift->order == "date");
  REQUIRE(r.drift->sessions.size() == 3);
  CHECK(r.drift->sessions[2].session == "S03");
  const auto& s03 = r.drift->sessions[2].measures.front();
  CHECK(s03.measure.name == "cohen_kappa");
  CHECK(s03.measure.n_units == 3 * codebook_3rs().codes.size());
  REQUIRE(r.drift->trends.size() == 3);
  CHECK(r.drift->trends.front().sessions == 3);
}

TEST_CASE("disagreements: every differing segment variable and interval, listed or streamed",
          "[reliability][disagreements]") {
  const auto p = project_of("hand");
  reliability::ReliabilityOptions o;
  o.threads = 1;
  o.gamma = false;
  const auto r = reliability::analyse(p, codebook_3rs(), o);
  // Presence: W2 S03#2, W3 S01#2, W4 S01#2, C1 S01#3, C5 S02#3, R1 S01#3, R4 S01#3, R4 S03#3 = 8;
  // ratings: WSIG 3 (S01#2, S02#2, S03#2), CSIG 2 (S01#3, S02#3), RES 1 (S02#2) = 6.
  CHECK(r.segment_disagreements.size() == 14);
  const auto& first = r.segment_disagreements.front();
  CHECK(first.session == "S01");
  CHECK(first.segment == 2);
  CHECK(first.variable == "W3");
  CHECK(first.values == std::vector<std::optional<double>>{1.0, 0.0});
  // Intervals (ELAN links need 60% of the longer annotation): S01 W3/W4 linked with different
  // codes, C1, R4 (650 s) and R1 unmatched; S02 C5 unmatched and both W2 (10 s of A's 20 s = 50%);
  // S03 W2 and R4 unmatched.
  std::size_t links = 0, unmatched = 0;
  for (const auto& d : r.interval_disagreements) (d.unmatched ? unmatched : links) += 1;
  CHECK(links == 1);
  CHECK(unmatched == 8);
  REQUIRE(r.time_aligned.size() == 3);
  CHECK(r.time_aligned[0].family == "withdrawal");
  CHECK(r.time_aligned[0].sessions == 3);

  // The agreement document written a disagreement at a time equals the whole document, with
  // both streamed lists non-empty (14 segment and 9 interval disagreements, above).
  reliability::ReportInput input;
  input.paths = {"hand"};
  input.codebook = "3rs-2015";
  input.files = 7;
  std::ostringstream whole, streamed;
  rapport::report::write_pretty_json(whole, reliability::reliability_document(input, p, r));
  reliability::write_reliability_document(streamed, input, p, r);
  CHECK(streamed.str() == whole.str());
  const auto frame = reliability::reliability_document_frame(input, p, r);
  CHECK(frame.at("disagreements").at("segments").as_array().empty());
  CHECK(frame.at("disagreements").at("intervals").as_array().empty());
  CHECK(reliability::reliability_document(input, p, r).at("disagreements").at("intervals").as_array().size() == 9);
}

TEST_CASE("certification against a gold coder", "[reliability][certification]") {
  const auto p = project_of("hand");
  reliability::ReliabilityOptions o;
  o.threads = 1;
  o.time_aligned = false;
  o.gold = "coderA";
  const auto r = reliability::analyse(p, codebook_3rs(), o);
  REQUIRE(r.certification);
  REQUIRE(r.certification->coders.size() == 1);
  const auto& c = r.certification->coders.front();
  CHECK(c.coder == "coderB");
  CHECK(c.sessions == 3);
  // withdrawal presence: p_o 8/9, marginals A 5/9, B 6/9 -> p_e = 42/81, kappa = .769 -> pass;
  // its significance SEG_WSIG ICC(2,1) is checked against the stats value.
  const auto wsig = stats::intraclass_correlations(table(seg_wsig, {1, 2, 3, 4, 5}))[1];
  bool saw_wsig = false;
  for (const auto& k : c.criteria) {
    if (k.variable == "withdrawal") {
      CHECK(*k.value == Approx((8.0 / 9 - 42.0 / 81) / (1 - 42.0 / 81)));
      CHECK(k.pass == std::optional<bool>(true));
    }
    if (k.variable == "SEG_WSIG") {
      saw_wsig = true;
      CHECK(k.group == "withdrawal");
      same(k.value, wsig.value);
      CHECK(k.pass == std::optional<bool>(*wsig.value >= 0.75));
    }
  }
  CHECK(saw_wsig);
}

TEST_CASE("pairing: a tier one coder lacks is missing for that coder, not absent", "[reliability][pairing]") {
  const fs::path dir = test::data_dir() / "reliability" / "hand";
  std::vector<eaf::Document> docs = eaf::read_eaf_files(eaf_files("hand"), {}, 1);
  // coderB's S01 without its 3RS_C tier (an empty tier in the file: remove it from the text).
  std::ifstream in(dir / "S01_coderB.eaf");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find("<TIER ANNOTATOR=\"coderB\" LINGUISTIC_TYPE_REF=\"3RS_CODES\" TIER_ID=\"3RS_C\"/>");
  REQUIRE(at != std::string::npos);
  text.erase(at, text.find('>', at) + 1 - at);
  for (auto& d : docs)
    if (d.file.ends_with("S01_coderB.eaf")) d = eaf::read_eaf_memory(text, (dir / "S01_coderB.eaf").string());
  const auto p = reliability::build_project(docs, codebook_3rs());
  bool reported = false;
  for (const auto& d : p.diagnostics)
    if (d.rule == "reliability-tier-unpaired") {
      reported = true;
      CHECK(d.tier == std::optional<std::string>("3RS_C"));
    }
  CHECK(reported);
  const auto t = reliability::build_tables(p, codebook_3rs());
  for (const auto& v : t.codes)
    if (v.family == "confrontation") {
      INFO(v.name);
      for (std::size_t u = 0; u < 3; ++u) CHECK(v.table.at(u, 1) == stats::RatingTable::missing);  // S01, coderB
      CHECK(v.table.at(3, 1) != stats::RatingTable::missing);                                      // S02
    }
}

TEST_CASE("consensus coders are left out of the independent reliability", "[reliability][consensus]") {
  const auto p = project_of("hand");
  reliability::ReliabilityOptions o;
  o.threads = 1;
  o.time_aligned = false;
  o.consensus = {"coderB"};
  o.gold = "coderB";
  const auto r = reliability::analyse(p, codebook_3rs(), o);
  CHECK(r.coders == std::vector<std::string>{"coderA"});
  CHECK(r.consensus == std::vector<std::string>{"coderB"});
  CHECK(r.sessions == 0);
  REQUIRE(r.certification);
  REQUIRE(r.certification->coders.size() == 1);
  CHECK(r.certification->coders.front().coder == "coderA");
  CHECK(r.certification->coders.front().sessions == 3);
}

TEST_CASE("pairing: what add() packs comes back from Project::load as added, stage marks aside",
          "[reliability][pairing]") {
  // Two coders of S1; coderB's file comes first. Every field a CoderCoding carries, with texts
  // repeated across codings (interned once) and maps of several ratings (kept in key order).
  const auto coding = [](std::string coder, std::string code, eaf::Millis shift) {
    reliability::CoderCoding c;
    c.data.file = "S1_" + coder + ".eaf";
    c.data.session = "S1";
    c.data.coder = coder;
    c.data.events.push_back({code, "withdrawal", true, 1000 + shift, 4000 + shift, {"3RS_W", 40, 7}});
    c.data.events.push_back({"Zz", "confrontation", false, 5000, 5000, {"3RS_C", 41, 9}});
    check::CodedSegment seg{"1", 0, 300000, {}, {"3RS_SEG", 30, 5}};
    seg.ratings["SEG_WSIG"] = {3, false};
    seg.ratings["SEG_CSIG"] = {std::nullopt, true};
    c.data.segments.push_back(seg);
    c.data.segments.push_back({"2", 300000, 420000, {}, {"3RS_SEG", 31, 5}});  // no ratings
    c.data.session_ratings["ALLIANCE"] = {5, false};
    c.data.stages.push_back({"acknowledgement", 1000, 2000, {"STAGE", 50, 3}});
    c.tiers = {"3RS_W", "3RS_C", "3RS_SEG"};
    c.date = "2026-01-0" + std::to_string(shift / 1000 + 1);
    c.end_ms = 420000;
    return c;
  };
  const auto added = {coding("coderB", "W3", 0), coding("coderA", "W1", 2000)};
  reliability::ProjectBuilder builder(codebook_3rs());
  for (const auto& c : added) builder.add(reliability::FileCodings{c.data.file, {c}, {}});
  const auto p = builder.finish();
  REQUIRE(p.sessions.size() == 1);
  REQUIRE(p.codings.size() == 2);
  const auto& entries = p.sessions[0].coders;
  REQUIRE(entries.size() == 2);  // coder name order: coderA first
  CHECK(entries[0].coder == "coderA");
  CHECK(entries[0].file == "S1_coderA.eaf");
  CHECK(entries[0].packed == 1);  // added second
  const reliability::SessionCoding loaded = p.load(p.sessions[0]);
  CHECK(loaded.session == "S1");
  const auto& coders = loaded.coders;
  REQUIRE(coders.size() == 2);
  for (const auto& want : added) {
    const auto* got = loaded.find(want.data.coder);
    REQUIRE(got);
    INFO(want.data.coder);
    CHECK(got->data.file == want.data.file);
    CHECK(got->data.session == "S1");
    REQUIRE(got->data.events.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      const auto &g = got->data.events[i], &w = want.data.events[i];
      CHECK((g.code == w.code && g.family == w.family && g.known == w.known && g.start_ms == w.start_ms &&
             g.end_ms == w.end_ms && g.where.tier == w.where.tier && g.where.line == w.where.line &&
             g.where.column == w.where.column));
    }
    REQUIRE(got->data.segments.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      const auto &g = got->data.segments[i], &w = want.data.segments[i];
      CHECK((g.label == w.label && g.start_ms == w.start_ms && g.end_ms == w.end_ms && g.where.tier == w.where.tier &&
             g.where.line == w.where.line && g.where.column == w.where.column));
      REQUIRE(g.ratings.size() == w.ratings.size());
      for (const auto& [scale, r] : w.ratings) {
        REQUIRE(g.ratings.count(scale) == 1);
        CHECK(g.ratings.at(scale).value == r.value);
        CHECK(g.ratings.at(scale).na == r.na);
      }
    }
    REQUIRE(got->data.session_ratings.size() == 1);
    CHECK(got->data.session_ratings.at("ALLIANCE").value == 5);
    CHECK(got->data.stages.empty());  // not kept: the reliability does not read them
    CHECK(got->tiers == want.tiers);
    CHECK(got->date == want.date);
    CHECK(got->end_ms == 420000);
  }
  CHECK(coders[0].data.coder == "coderA");
  CHECK(coders[0].data.events[0].start_ms == 3000);  // 1000 + the 2000 shift
}
