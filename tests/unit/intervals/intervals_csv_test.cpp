// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "rapport/intervals/intervals_csv.hpp"

using namespace rapport::intervals;

TEST_CASE("intervals CSV: reads raters in first-seen order, sorted intervals", "[intervals][csv]") {
  const auto r = parse_intervals_csv(
      "\xEF\xBB\xBF"
      "category,rater,start_ms,end_ms,note\r\nA,R2,500,900,x\r\n\"B, quoted\",R1,0,100,\r\nA,R2,100,200,\r\n",
      "t.csv");
  REQUIRE(r);
  REQUIRE(r.raters->size() == 2);
  CHECK((*r.raters)[0].rater == "R2");
  CHECK((*r.raters)[0].intervals[0].start_ms == 100);
  CHECK((*r.raters)[0].intervals[0].ref == "line 4");
  CHECK((*r.raters)[1].intervals[0].category == "B, quoted");
  CHECK(r.rows == 3);
}

TEST_CASE("intervals CSV: diagnostics name file, line and column", "[intervals][csv]") {
  struct Case {
    const char* text;
    const char* rule;
    std::int64_t line, column;
  };
  for (const auto& c : {Case{"rater,start_ms,end_ms\n", "intervals-csv-header", 1, 1},
                        Case{"rater,start_ms,end_ms,category\nR1,10,x,A\n", "intervals-csv-time", 2, 7},
                        Case{"rater,start_ms,end_ms,category\nR1,-5,10,A\n", "intervals-csv-time", 2, 4},
                        Case{"rater,start_ms,end_ms,category\nR1,10,5,A\n", "intervals-csv-order", 2, 7},
                        Case{"rater,start_ms,end_ms,category\n,1,5,A\n", "intervals-csv-rater", 2, 1},
                        Case{"rater,start_ms,end_ms,category\nR1,1,5\n", "intervals-csv-columns", 2, 1},
                        Case{"rater,start_ms,end_ms,category\nR1,1,5,\"A\n", "intervals-csv-syntax", 2, 1},
                        Case{"rater,start_ms,end_ms,category\n", "intervals-csv-empty", 1, 1},
                        Case{"", "intervals-csv-header", 1, 1}}) {
    INFO(c.text);
    const auto r = parse_intervals_csv(c.text, "f.csv");
    CHECK_FALSE(r);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics[0].rule == c.rule);
    CHECK(r.diagnostics[0].file == "f.csv");
    CHECK(r.diagnostics[0].line == c.line);
    CHECK(r.diagnostics[0].column == c.column);
  }
  // A zero-length interval is a warning, not an error.
  const auto z = parse_intervals_csv("rater,start_ms,end_ms,category\nR1,5,5,A\nR2,1,9,A\n", "z.csv");
  REQUIRE(z);
  CHECK(z.diagnostics.size() == 1);
  CHECK(z.diagnostics[0].severity == rapport::Severity::warning);
}

TEST_CASE("intervals CSV: --continuum syntax", "[intervals][csv]") {
  CHECK(parse_continuum("0,1000")->end_ms == 1000);
  CHECK_FALSE(parse_continuum("1000,0"));
  CHECK_FALSE(parse_continuum("10"));
  CHECK_FALSE(parse_continuum("a,b"));
}

TEST_CASE("intervals CSV: a UTF-16 or UTF-32 file is named as such, not read as garbage", "[intervals][csv]") {
  // "Unicode text" from a spreadsheet is UTF-16 LE with the mark FF FE; UTF-32 LE starts with the
  // same two bytes, then 00 00, and must be named UTF-32.
  struct Case {
    std::string text;
    const char* message;
  };
  for (const auto& c :
       {Case{
            std::string("\xFF\xFEr\0a\0", 6),
            "the file is UTF-16 (it starts with the byte-order mark FF FE), not UTF-8; save it again as \"CSV UTF-8\""},
        Case{
            std::string("\xFE\xFF\0r", 4),
            "the file is UTF-16 (it starts with the byte-order mark FE FF), not UTF-8; save it again as \"CSV UTF-8\""},
        Case{std::string("\xFF\xFE\0\0r\0\0\0", 8),
             "the file is UTF-32 (it starts with the byte-order mark FF FE 00 00), not UTF-8; save it again as \"CSV "
             "UTF-8\""}}) {
    const auto r = parse_intervals_csv(c.text, "u.csv");
    CHECK_FALSE(r);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule == "intervals-csv-encoding");
    CHECK(r.diagnostics[0].line == 1);
    CHECK(r.diagnostics[0].message == c.message);
  }
}
