// SPDX-License-Identifier: MIT
// The ratings CSV reader: RFC 4180 quoting, missing values, and a table of malformed inputs each
// with its expected diagnostic (rule, line, column).
#include <algorithm>
#include <catch2/catch.hpp>

#include "rapport/stats/ratings_csv.hpp"
#include "test_paths.hpp"

using namespace rapport::stats;

TEST_CASE("reads a long table with quoting, CRLF, BOM and missing values", "[stats][csv]") {
  const std::string text =
      "\xEF\xBB\xBFunit,rater,value\r\n"
      "s1,\"Smith, J.\",3\r\n"
      "s1,Lee,\"4\"\r\n"
      "s2,\"Smith, J.\",\r\n"
      "s2,Lee,5\r\n"
      "\r\n";
  const auto result = parse_ratings_csv(text, "mem.csv", Level::interval);
  REQUIRE(result);
  const auto& t = *result.table;
  CHECK(t.units == std::vector<std::string>{"s1", "s2"});
  CHECK(t.raters == std::vector<std::string>{"Smith, J.", "Lee"});
  REQUIRE(t.category_count() == 3);
  CHECK(t.categories[0].value == 3);
  CHECK(t.at(1, 0) == RatingTable::missing);
  CHECK(t.categories[static_cast<std::size_t>(t.at(1, 1))].value == 5);
  CHECK(result.rows == 4);
  CHECK(result.missing == 1);
}

TEST_CASE("columns may come in any order; quoted fields may hold quotes and newlines", "[stats][csv]") {
  const std::string text = "value,unit,rater\n\"say \"\"hi\"\"\",u1,a\n\"two\nlines\",u1,b\n";
  const auto result = parse_ratings_csv(text, "mem.csv", Level::nominal);
  REQUIRE(result);
  CHECK(result.table->categories[0].label == "say \"hi\"");
  CHECK(result.table->categories[1].label == "two\nlines");
}

TEST_CASE("malformed CSV: each problem names line and column", "[stats][csv]") {
  struct Case {
    const char* what;
    std::string text;
    Level level;
    const char* rule;
    std::int64_t line;
    std::int64_t column;
    const char* message_part;
  };
  const std::vector<Case> cases{
      {"empty file", "", Level::nominal, "ratings-csv-missing-header", 1, 1, "header"},
      {"no header", "u1,a,1\nu1,b,2\n", Level::nominal, "ratings-csv-missing-header", 1, 1, "unit, rater, value"},
      {"header lacks value", "unit,rater\nu1,a\n", Level::nominal, "ratings-csv-missing-header", 1, 1, "value"},
      {"ragged row (extra field)", "unit,rater,value\nu1,a,1\nu1,b,2,9\n", Level::nominal, "ratings-csv-ragged-row", 3,
       8, "4 field(s)"},
      {"ragged row (missing field)", "unit,rater,value\nu1,a\n", Level::nominal, "ratings-csv-ragged-row", 2, 4,
       "2 field(s)"},
      {"rater rates a unit twice", "unit,rater,value\nu1,a,1\nu2,a,1\nu1,a,2\n", Level::nominal,
       "ratings-csv-duplicate-rating", 4, 1, "first on line 2"},
      {"non-numeric at interval", "unit,rater,value\nu1,a,1\nu1,b,high\n", Level::interval, "ratings-csv-not-a-number",
       3, 6, "'high'"},
      {"non-numeric at ordinal", "unit,rater,value\nu1,a,x\n", Level::ordinal, "ratings-csv-not-a-number", 2, 6, "'x'"},
      {"negative at ratio", "unit,rater,value\nu1,a,-2\n", Level::ratio, "ratings-csv-negative-ratio", 2, 6,
       "negative"},
      {"empty unit id", "unit,rater,value\n,a,1\n", Level::nominal, "ratings-csv-empty-id", 2, 1, "unit"},
      {"empty rater id", "unit,rater,value\nu1, ,1\n", Level::nominal, "ratings-csv-empty-id", 2, 4, "rater"},
      {"unterminated quote", "unit,rater,value\nu1,\"a,1\n", Level::nominal, "ratings-csv-unterminated-quote", 2, 1,
       "line 2, column 4"},
      {"header only", "unit,rater,value\n", Level::nominal, "ratings-csv-no-rows", 2, 1, "no ratings"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto result = parse_ratings_csv(c.text, "bad.csv", c.level);
    CHECK_FALSE(result);
    REQUIRE_FALSE(result.diagnostics.empty());
    const auto& d = result.diagnostics.front();
    CHECK(d.rule == c.rule);
    CHECK(d.file == "bad.csv");
    CHECK(d.line == c.line);
    CHECK(d.column == c.column);
    CHECK_THAT(d.message, Catch::Contains(c.message_part));
  }
}

TEST_CASE("nominal labels keep their spelling; numeric labels are ordered by number", "[stats][csv]") {
  const auto result = parse_ratings_csv("unit,rater,value\nu1,a,10\nu1,b,9\nu2,a,1.0\n", "m.csv", Level::nominal);
  REQUIRE(result);
  const auto& cats = result.table->categories;
  REQUIRE(cats.size() == 3);
  CHECK(cats[0].label == "1.0");
  CHECK(cats[1].label == "9");
  CHECK(cats[2].label == "10");
}

TEST_CASE("an unreadable file is one diagnostic", "[stats][csv]") {
  const auto result = read_ratings_csv(rapport::test::data_dir() / "stats" / "does-not-exist.csv", Level::nominal);
  CHECK_FALSE(result);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].rule == "ratings-csv-unreadable");
}

TEST_CASE("values echoed in a diagnostic are escaped, never raw bytes", "[stats][csv]") {
  // A message goes to a terminal, a JSON report and a CSV: it must be valid UTF-8 on one line.
  // Each byte that does not start an RFC 3629 sequence is written \xNN (ED A0 80 encodes the
  // surrogate U+D800; FF never occurs in UTF-8), controls as \n, \t or \xNN, and accented text
  // is kept as it is ("é" is C3 A9, valid).
  const std::string text = std::string("unit,rater,value\n") + "u1,a,\"\xED\xA0\x80\xFF\tx\ny\x01" + "\xC3\xA9\"\n";
  const auto result = parse_ratings_csv(text, "m.csv", Level::interval);
  REQUIRE_FALSE(result);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].rule == "ratings-csv-not-a-number");
  CHECK(result.diagnostics[0].message ==
        "value '\\xED\\xA0\\x80\\xFF\\tx\\ny\\x01\xC3\xA9' is not a number, but level interval needs numeric ratings");
}

TEST_CASE("a long value is cut after 80 characters in a message", "[stats][csv]") {
  // 200 'x' (not a number) → the first 80 and "…" (U+2026, E2 80 A6).
  const auto result =
      parse_ratings_csv("unit,rater,value\nu1,a," + std::string(200, 'x') + "\n", "m.csv", Level::interval);
  REQUIRE_FALSE(result);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message ==
        "value '" + std::string(80, 'x') + "\xE2\x80\xA6' is not a number, but level interval needs numeric ratings");
}

TEST_CASE("a UTF-16 ratings file is named as such, not read as garbage", "[stats][csv]") {
  // "unit,rater,value" saved by a spreadsheet as "Unicode text": UTF-16 LE after the mark FF FE.
  const std::string text("\xFF\xFEu\0n\0i\0t\0", 10);
  const auto result = parse_ratings_csv(text, "m.csv", Level::nominal);
  REQUIRE_FALSE(result);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].rule == "ratings-csv-encoding");
  CHECK(result.diagnostics[0].message ==
        "the file is UTF-16 (it starts with the byte-order mark FF FE), not UTF-8; save it again as \"CSV UTF-8\"");
}

TEST_CASE("a table that would be huge and nearly empty is refused; sparse designs are read", "[stats][csv]") {
  // A new rater on every row (the column holds row ids): 5,000 rows give 5,000 units x 5,000
  // raters = 25,000,000 cells, above 2^24 = 16,777,216 and more than 64 cells per rating
  // (25,000,000 / 64 = 390,625 > 5,000 ratings): refused, where it used to allocate the table.
  std::string wrong = "unit,rater,value\n";
  for (int i = 0; i < 5000; ++i) wrong += "u" + std::to_string(i) + ",r" + std::to_string(i) + ",1\n";
  const auto refused = parse_ratings_csv(wrong, "wrong.csv", Level::nominal);
  REQUIRE_FALSE(refused);
  REQUIRE(refused.diagnostics.size() == 1);
  CHECK(refused.diagnostics[0].rule == "ratings-csv-too-sparse");
  CHECK(refused.diagnostics[0].message ==
        "5000 ratings name 5000 units and 5000 raters: a table of 25000000 cells, nearly all empty. Does each column "
        "hold what its header says?");

  // Many coders, each rating a few units: 4,000 units x 100 raters = 400,000 cells (under 2^24),
  // each unit rated by 2 raters (8,000 ratings): read, with 2 of 100 cells filled per unit.
  std::string sparse = "unit,rater,value\n";
  for (int u = 0; u < 4000; ++u)
    for (int k = 0; k < 2; ++k)
      sparse += "u" + std::to_string(u) + ",r" + std::to_string((u + k) % 100) + "," + std::to_string(k) + "\n";
  const auto read = parse_ratings_csv(sparse, "sparse.csv", Level::nominal);
  REQUIRE(read);
  CHECK(read.table->unit_count() == 4000);
  CHECK(read.table->rater_count() == 100);
  CHECK(std::count(read.table->cells.begin(), read.table->cells.end(), RatingTable::missing) == 4000 * 98);
}
