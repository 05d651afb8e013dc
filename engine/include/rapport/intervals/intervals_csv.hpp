// SPDX-License-Identifier: MIT
// Reading time-aligned codings, `rater,start_ms,end_ms,category` (RFC 4180, header required,
// columns in any order, other columns ignored; half-open intervals in integer milliseconds).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "rapport/intervals/interval_set.hpp"

namespace rapport::intervals {

struct IntervalsCsvResult {
  std::optional<std::vector<RaterIntervals>> raters;  ///< nullopt when there are errors; raters in first-seen order
  std::vector<Diagnostic> diagnostics;                ///< errors, and warnings (zero-length intervals)
  std::size_t rows = 0;                               ///< data rows read

  explicit operator bool() const noexcept { return raters.has_value(); }
};

/// Parses CSV text; `file` names the source in diagnostics (FILE:LINE:COL). Errors: a missing
/// header or column, ragged rows, unterminated quotes, empty rater ids, times that are not
/// non-negative integers, end before start. An empty category is a value like any other
/// (ELAN's empty annotations). Each interval's `ref` is "line N".
IntervalsCsvResult parse_intervals_csv(std::string_view text, const std::string& file);

/// Reads and parses a file; an unreadable file is one error diagnostic.
IntervalsCsvResult read_intervals_csv(const std::filesystem::path& path);

/// Parses "START_MS,END_MS" (integers, START < END) for --continuum; nullopt when malformed.
std::optional<Continuum> parse_continuum(std::string_view text);

}  // namespace rapport::intervals
