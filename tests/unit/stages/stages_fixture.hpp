// SPDX-License-Identifier: MIT
// Hand-built coded sessions for the stage tests: the shipped 3RS codebook and small builders, so
// each test states its annotations (and the values they must give) in a few lines.
#pragma once

#include <array>
#include <string>

#include "rapport/check/coded_session.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/codebook/reader.hpp"
#include "test_paths.hpp"

namespace rapport::test {

/// codebooks/3rs-2015.xml, read once.
inline const codebook::Codebook& rrs() {
  static const codebook::Codebook cb = [] {
    auto r = codebook::read_codebook_file(source_dir() / "codebooks" / "3rs-2015.xml");
    if (!r) throw std::runtime_error(r.description());
    return std::move(*r.codebook);
  }();
  return cb;
}

/// Times in the builders are seconds, to keep the tests readable; the engine sees ms.
struct SessionBuilder {
  check::CodedSessionData data;

  explicit SessionBuilder(std::string session = "T01", std::string coder = "coderA") {
    data.file = session + "_" + coder + ".eaf";
    data.session = std::move(session);
    data.coder = std::move(coder);
  }
  SessionBuilder& code(const std::string& value, double start_s, double end_s) {
    const codebook::Code* c = rrs().find_code(value);
    check::CodedEvent e;
    e.code = value;
    e.family = c ? c->family : "withdrawal";
    e.known = c != nullptr;
    e.start_ms = static_cast<eaf::Millis>(start_s * 1000);
    e.end_ms = static_cast<eaf::Millis>(end_s * 1000);
    e.where.tier = e.family == "withdrawal" ? "3RS_W" : e.family == "confrontation" ? "3RS_C" : "3RS_R";
    data.events.push_back(e);
    sort();
    return *this;
  }
  SessionBuilder& stage(const std::string& id, double start_s, double end_s) {
    data.stages.push_back({id, static_cast<eaf::Millis>(start_s * 1000), static_cast<eaf::Millis>(end_s * 1000), {}});
    sort();
    return *this;
  }
  /// A segment with SEG_WSIG, SEG_CSIG and SEG_RES (0 = N/A for SEG_RES, absent for the others).
  SessionBuilder& segment(double start_s, double end_s, int wsig, int csig, int res) {
    check::CodedSegment s;
    s.label = std::to_string(data.segments.size() + 1);
    s.start_ms = static_cast<eaf::Millis>(start_s * 1000);
    s.end_ms = static_cast<eaf::Millis>(end_s * 1000);
    if (wsig > 0) s.ratings["SEG_WSIG"] = {wsig, false};
    if (csig > 0) s.ratings["SEG_CSIG"] = {csig, false};
    s.ratings["SEG_RES"] = res > 0 ? check::Rating{res, false} : check::Rating{std::nullopt, true};
    data.segments.push_back(s);
    return *this;
  }

 private:
  void sort() {
    auto by_start = [](const auto& a, const auto& b) {
      return a.start_ms < b.start_ms || (a.start_ms == b.start_ms && a.end_ms < b.end_ms);
    };
    std::stable_sort(data.events.begin(), data.events.end(), by_start);
    std::stable_sort(data.stages.begin(), data.stages.end(), by_start);
  }
};

/// Six 300 s segments. SEG_RES per segment is given per coder (0 = NA).
inline SessionBuilder six_segments(SessionBuilder b, const std::array<int, 6>& res) {
  for (int i = 0; i < 6; ++i) b.segment(i * 300, (i + 1) * 300, 1, 1, res[static_cast<std::size_t>(i)]);
  return b;
}

// The hand-built pair of codings whose agreement agreement_test.cpp computes by hand.
// Coder A:
//  A1  10-110 s  W2, R4, stages S1 S2 S5  -> withdrawal, highest S5 (5), resolved (last stage)
//  A2 650-700 s  W2, R1, stages S1 S2     -> withdrawal, S2 (2), SEG_RES 3 -> partial
//  A3 1250-1300  C1, R5, stages S1 S3     -> confrontation, S3 (3) on SM-C, SEG_RES 2 -> unresolved
//  A4 1600-1620  W3, stage S1             -> withdrawal, S1 (1), no strategy -> not addressed
inline check::CodedSessionData hand_coding_a(const std::string& session, const std::string& coder = "coderA") {
  auto b = six_segments(SessionBuilder(session, coder), {2, 0, 3, 0, 2, 1});
  b.code("W2", 10, 20).stage("S1", 10, 20).code("R4", 30, 40).stage("S2", 30, 40).stage("S5", 100, 110);
  b.code("W2", 650, 700).stage("S1", 650, 660).code("R1", 670, 680).stage("S2", 670, 680);
  b.code("C1", 1250, 1300).stage("S1", 1250, 1260).code("R5", 1270, 1280).stage("S3", 1280, 1290);
  b.code("W3", 1600, 1620).stage("S1", 1600, 1620);
  return b.data;
}

// Coder B:
//  B1  15-110 s  W2, R4, stages S1 S2 S4  -> withdrawal, S4 (4), SEG_RES 2 -> unresolved
//  B4 400-420 s  W4, stage S1             -> withdrawal, S1, SEG_RES 1, no strategy -> not addressed
//  B2 640-700 s  W2, R1, stages S1 S2     -> withdrawal, S2 (2), SEG_RES 3 -> partial
//  B3 1260-1290  W2 then C1, R5, S1 S3    -> mixed (SM-W primary), S3 (3), SEG_RES 2 -> unresolved
inline check::CodedSessionData hand_coding_b(const std::string& session, const std::string& coder = "coderB") {
  auto b = six_segments(SessionBuilder(session, coder), {2, 1, 3, 0, 2, 0});
  b.code("W2", 15, 25).stage("S1", 15, 25).code("R4", 30, 40).stage("S2", 30, 40).stage("S4", 100, 110);
  b.code("W4", 400, 420).stage("S1", 400, 420);
  b.code("W2", 640, 700).stage("S1", 640, 650).code("R1", 670, 680).stage("S2", 670, 680);
  b.code("W2", 1260, 1270)
      .code("C1", 1280, 1290)
      .stage("S1", 1260, 1270)
      .code("R5", 1275, 1280)
      .stage("S3", 1285, 1290);
  return b.data;
}

}  // namespace rapport::test
