// SPDX-License-Identifier: MIT
// extract(): the coded content of the clean synthetic session (tests/data/check/make_cases.py
// writes every value asserted here into clean/S01_coderA.eaf).
#include <catch2/catch.hpp>

#include "rapport/check/coded_session.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "test_paths.hpp"

using namespace rapport;

TEST_CASE("extract gives events, segment and session ratings, and stages", "[check][extract]") {
  auto r = codebook::read_codebook_file(test::source_dir() / "codebooks" / "3rs-2015.xml");
  REQUIRE(r);
  const auto doc = eaf::read_eaf_file(test::data_dir() / "check" / "clean" / "S01_coderA.eaf");
  const auto b = check::bind(doc, *r.codebook);
  REQUIRE(b.sessions.size() == 1);
  const auto data = check::extract(b.sessions[0], *r.codebook);
  CHECK(data.session == "S01");
  CHECK(data.coder == "coderA");

  REQUIRE(data.events.size() == 3);
  CHECK(data.events[0].code == "W2");
  CHECK(data.events[0].family == "withdrawal");
  CHECK(data.events[0].known);
  CHECK(data.events[0].start_ms == 60000);
  CHECK(data.events[0].end_ms == 75000);
  CHECK(data.events[0].where.tier == "3RS_W");
  CHECK(data.events[0].where.line == 87);  // as in rules_test.cpp (code_unknown case)
  CHECK(data.events[1].code == "R4");
  CHECK(data.events[2].code == "R8");

  REQUIRE(data.segments.size() == 3);
  CHECK(data.segments[2].start_ms == 600000);
  CHECK(data.segments[2].end_ms == 650000);
  CHECK(data.segments[0].ratings.at("SEG_WSIG").value == 3);
  CHECK(data.segments[1].ratings.at("SEG_WSIG").value == 1);
  CHECK(data.segments[0].ratings.at("SEG_RES").value == 4);
  CHECK(data.segments[1].ratings.at("SEG_RES").na);
  CHECK_FALSE(data.segments[1].ratings.at("SEG_RES").value);

  CHECK(data.session_ratings.size() == 4);
  CHECK(data.session_ratings.at("SES_TCONTRIB").value == 2);

  REQUIRE(data.stages.size() == 3);
  CHECK(data.stages[0].stage == "S1");
  CHECK(data.stages[2].stage == "S5");
  CHECK(data.stages[2].start_ms == 200000);
}

TEST_CASE("session values split into trimmed pairs", "[check][extract]") {
  using P = std::pair<std::string, std::string>;
  CHECK(check::split_session_value(" SES_WSIG = 3; SES_CSIG=2;;oops ") ==
        std::vector<P>{{"SES_WSIG", "3"}, {"SES_CSIG", "2"}, {"", "oops"}});
}
