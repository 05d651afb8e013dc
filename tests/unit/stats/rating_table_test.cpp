// SPDX-License-Identifier: MIT
// Building rating tables: the flat-cell form that the project's segment tables use gives the
// table the row form gives, with the caller's unit and rater names.
#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>
#include <vector>

#include "rapport/stats/rating_table.hpp"
#include "stats_test_support.hpp"

using namespace rapport::stats;
using rapport::test::na;

TEST_CASE("a numeric table from flat cells equals the one from rows, with the names given", "[stats][table]") {
  // 3 units x 2 raters, a missing cell, and a declared 1..4 scale of which 4 is never used:
  // categories are 1, 2, 3, 4 (indices 0..3), so the cells are {0,1, 2,-1, 1,1}.
  const std::vector<double> scale{1, 2, 3, 4};
  const RatingTable from_rows = make_numeric_table({{1, 2}, {3, na}, {2, 2}}, scale);
  const std::vector<std::optional<double>> cells{1, 2, 3, std::nullopt, 2, 2};
  const RatingTable flat = make_numeric_table(cells, {"S1#1", "S1#2", "S1#3"}, {"coderA", "coderB"}, scale);

  CHECK(flat.cells == std::vector<std::int32_t>{0, 1, 2, RatingTable::missing, 1, 1});
  CHECK(flat.cells == from_rows.cells);
  REQUIRE(flat.category_count() == 4);
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(flat.categories[k].label == from_rows.categories[k].label);
    CHECK(flat.categories[k].value == from_rows.categories[k].value);
  }
  CHECK(flat.categories[3].label == "4");
  CHECK(flat.numeric);
  CHECK(flat.declared_scale);
  CHECK(flat.units == std::vector<std::string>{"S1#1", "S1#2", "S1#3"});
  CHECK(flat.raters == std::vector<std::string>{"coderA", "coderB"});
  CHECK(from_rows.units == std::vector<std::string>{"u1", "u2", "u3"});
  CHECK(from_rows.raters == std::vector<std::string>{"r1", "r2"});
}

TEST_CASE("flat cells that do not fill units x raters are refused", "[stats][table]") {
  const std::vector<std::optional<double>> five{1, 2, 3, 4, 5};
  CHECK_THROWS_AS(make_numeric_table(five, {"u1", "u2", "u3"}, {"a", "b"}), std::invalid_argument);
}
