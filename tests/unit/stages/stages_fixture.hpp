// SPDX-License-Identifier: MIT
// Hand-built coded sessions for the stage tests: the shipped 3RS codebook and small builders, so
// each test states its annotations (and the values they must give) in a few lines.
#pragma once

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

}  // namespace rapport::test
