// SPDX-License-Identifier: MIT
// Building rating tables: the flat-cell form that the project's segment tables use gives the
// table the row form gives, with the caller's unit and rater names.
#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>
#include <vector>

#include "rapport/stats/agreement.hpp"
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

TEST_CASE("a table may leave its units unnamed: the cells say how many there are", "[stats][table]") {
  // 3 units x 2 raters in the cells, no names (the project's segment tables name their units
  // once, beside all their variables' tables).
  const std::vector<std::optional<double>> cells{0, 1, 1, 1, std::nullopt, 0};
  const RatingTable t = make_numeric_table(cells, {}, {"coderA", "coderB"}, std::vector<double>{0, 1});
  CHECK(t.units.empty());
  CHECK(t.unit_count() == 3);
  CHECK(t.at(1, 0) == 1);
  CHECK(t.at(2, 0) == RatingTable::missing);
  // 5 cells cannot be whole rows of 2 raters.
  const std::vector<std::optional<double>> five{1, 2, 3, 4, 5};
  CHECK_THROWS_AS(make_numeric_table(five, {}, {"a", "b"}), std::invalid_argument);
}

TEST_CASE("every measure gives the same on unnamed units as on named ones", "[stats][table]") {
  // Ten units, two raters, one unit rated once: the measures that drop incomplete units (ICC
  // keeps the units rated by all) copy the table without the names it does not have.
  const std::vector<std::optional<double>> cells{1, 1, 2, 2, 3, 2, 4, 4, 5, 4, 1, 2, 3, 3, 2, std::nullopt, 4, 5, 5, 5};
  std::vector<std::string> names;
  for (int u = 1; u <= 10; ++u) names.push_back("S1#" + std::to_string(u));
  const RatingTable named = make_numeric_table(cells, names, {"A", "B"});
  const RatingTable unnamed = make_numeric_table(cells, {}, {"A", "B"});
  AgreementOptions options;
  options.level = Level::interval;
  options.bootstrap = 0;
  const auto a = compute_agreement(named, options);
  const auto b = compute_agreement(unnamed, options);
  REQUIRE(a.size() == b.size());
  REQUIRE(a.size() > 5);
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    CHECK(a[i].name == b[i].name);
    CHECK(a[i].value == b[i].value);
    CHECK(a[i].n_units == b[i].n_units);
  }
}
