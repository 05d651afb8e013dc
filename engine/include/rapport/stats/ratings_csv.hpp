// SPDX-License-Identifier: MIT
// Reading a long rating table, `unit,rater,value` (RFC 4180; an empty value is missing).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "rapport/stats/rating_table.hpp"

namespace rapport::stats {

struct RatingsCsvResult {
  std::optional<RatingTable> table;  ///< nullopt when there are errors
  std::vector<Diagnostic> diagnostics;
  std::size_t rows = 0;     ///< data rows read
  std::size_t missing = 0;  ///< rows with an empty value

  explicit operator bool() const noexcept { return table.has_value(); }
};

/// Parses CSV text. `file` names the source in diagnostics. At ordinal, interval and ratio
/// levels every value must be a number (ratio: >= 0). Header: the columns unit, rater, value in
/// any order (other columns are ignored). Errors: missing header or column, ragged rows, a rater
/// rating a unit twice, empty unit/rater ids, unterminated quotes, non-numeric values where
/// numbers are needed; each names line and column.
RatingsCsvResult parse_ratings_csv(std::string_view text, const std::string& file, Level level);

/// Reads and parses a file; an unreadable file is one error diagnostic.
RatingsCsvResult read_ratings_csv(const std::filesystem::path& path, Level level);

}  // namespace rapport::stats
