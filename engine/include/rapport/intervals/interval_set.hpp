// SPDX-License-Identifier: MIT
// Time-aligned codings: each rater's intervals on one continuum. Pure data, nothing XML.
// Times are integer milliseconds and intervals are half-open, [start_ms, end_ms).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::intervals {

using Millis = std::int64_t;

/// One coded stretch of time.
struct Interval {
  Millis start_ms = 0;
  Millis end_ms = 0;
  std::string category;  ///< the code, compared as an exact string (ELAN does the same)
  std::string ref;       ///< where it came from ("a12", "line 7"), for disagreement lists

  Millis length() const noexcept { return end_ms - start_ms; }
};

/// All intervals of one rater (one tier, one CSV rater), sorted by (start, end), ties in input order.
struct RaterIntervals {
  std::string rater;
  std::vector<Interval> intervals;
};

/// The stretch of time the coders were asked to code, [start_ms, end_ms).
struct Continuum {
  Millis start_ms = 0;
  Millis end_ms = 0;
  Millis length() const noexcept { return end_ms - start_ms; }
};

/// Sorts every rater's intervals by (start, end), keeping input order for ties.
void sort_intervals(std::vector<RaterIntervals>& raters);

/// Earliest start and latest end over all intervals; nullopt when there is none.
std::optional<Continuum> covering_continuum(const std::vector<RaterIntervals>& raters);

/// The categories used, in first-seen order (rater by rater).
std::vector<std::string> categories_of(const std::vector<RaterIntervals>& raters);

/// Total number of intervals.
std::size_t interval_count(const std::vector<RaterIntervals>& raters) noexcept;

/// Java's String.compareTo order (UTF-16 code units) on UTF-8 text: the order ELAN sorts values in.
/// It equals byte order except that characters above U+FFFF sort before U+E000..U+FFFF.
bool java_string_less(std::string_view a, std::string_view b);

}  // namespace rapport::intervals
