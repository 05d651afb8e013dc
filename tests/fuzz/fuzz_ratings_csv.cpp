// SPDX-License-Identifier: MIT
// libFuzzer target for the ratings CSV reader (rapport/stats/ratings_csv.hpp): each input is
// parsed at all four levels of measurement; a table that comes back must be consistent (one
// cell per unit and rater, every cell missing or a category).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rapport/stats/ratings_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using rapport::stats::Level;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t n = 0;
  for (const Level level : {Level::nominal, Level::ordinal, Level::interval, Level::ratio}) {
    const auto result = rapport::stats::parse_ratings_csv(text, "fuzz-input.csv", level);
    for (const auto& d : result.diagnostics) n += d.message.size() + d.rule.size();
    if (!result.table) continue;
    const auto& t = *result.table;
    if (t.cells.size() != t.units.size() * t.raters.size() || result.missing > result.rows) __builtin_trap();
    for (const std::int32_t c : t.cells)
      if (c != t.missing && (c < 0 || static_cast<std::size_t>(c) >= t.categories.size())) __builtin_trap();
    for (const auto& c : t.categories) n += c.label.size();
  }
  volatile std::size_t sink = n;
  (void)sink;
  return 0;
}
