// SPDX-License-Identifier: MIT
// A rating table: units x raters, each cell a category index or missing. The one input type of
// every coefficient in rapport/stats. Categories carry a label and, for ordered data, a value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::stats {

/// Level of measurement (Stevens; Krippendorff 2011 names the alpha metrics after these).
enum class Level { nominal, ordinal, interval, ratio };

std::string_view to_string(Level level) noexcept;
/// "nominal", "ordinal", "interval" or "ratio"; nullopt otherwise.
std::optional<Level> parse_level(std::string_view text) noexcept;

struct Category {
  std::string label;
  double value = 0.0;  ///< numeric value; for nominal labels that are not numbers, the rank (0, 1, ...)
};

/// Units x raters. `cells[u * raters.size() + r]` is an index into `categories` or `missing`.
/// Categories are ordered by value when the table is numeric, by first appearance otherwise;
/// they may include declared categories that nobody used (a declared scale, e.g. 1-5).
struct RatingTable {
  static constexpr std::int32_t missing = -1;

  /// The units' names, one per row; empty when the caller names its units elsewhere (a project's
  /// segment tables have tens of thousands of units per variable: reliability::ReliabilityTables
  /// names each once in `segments`, where a name per table and variable cost ~70 % of the
  /// tables' memory).
  std::vector<std::string> units;
  std::vector<std::string> raters;
  std::vector<Category> categories;
  std::vector<std::int32_t> cells;
  bool numeric = false;         ///< every category value is a number read from the data
  bool declared_scale = false;  ///< categories include a declared scale, not only observed values

  std::size_t unit_count() const noexcept { return raters.empty() ? units.size() : cells.size() / raters.size(); }
  std::size_t rater_count() const noexcept { return raters.size(); }
  std::size_t category_count() const noexcept { return categories.size(); }
  std::int32_t at(std::size_t unit, std::size_t rater) const noexcept { return cells[unit * raters.size() + rater]; }
  std::span<const std::int32_t> row(std::size_t unit) const noexcept {
    return {cells.data() + unit * raters.size(), raters.size()};
  }
};

/// Builds a numeric table from rows of ratings (one row per unit, one column per rater;
/// nullopt = missing). Categories are the distinct values, ascending, plus `scale` if given.
RatingTable make_numeric_table(const std::vector<std::vector<std::optional<double>>>& rows,
                               std::span<const double> scale = {});

/// The same from cells laid out as the table's own (`cells[u * raters.size() + r]`), with the
/// units and raters named by the caller (`units` may be empty: unnamed units); no row per unit
/// is built (a project's segment tables have tens of thousands of units per variable).
RatingTable make_numeric_table(std::span<const std::optional<double>> cells, std::vector<std::string> units,
                               std::vector<std::string> raters, std::span<const double> scale = {});

/// Builds a nominal table from rows of labels ("" = missing). Categories in order of first
/// appearance (row by row), values = ranks.
RatingTable make_label_table(const std::vector<std::vector<std::string>>& rows);

/// Builds a table from per-unit category counts (Fleiss 1971 layout: counts[u][k] raters put
/// unit u in category k). Raters are anonymous slots 1..max_u(sum_k counts[u][k]); a unit rated
/// by fewer raters has missing cells. Categories get values 1..q and labels "1".."q".
RatingTable make_table_from_counts(const std::vector<std::vector<int>>& counts);

/// Copy of `table` with only the given raters (by index), in that order.
RatingTable select_raters(const RatingTable& table, std::span<const std::size_t> raters);

/// The label of a number as the table prints it: shortest round-trip form ("3", "2.5").
std::string format_number(double value);

}  // namespace rapport::stats
