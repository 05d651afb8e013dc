// SPDX-License-Identifier: MIT
// libFuzzer target for the intervals CSV reader (rapport/intervals/intervals_csv.hpp) and the
// --continuum argument parser: what comes back must keep the documented promises (intervals
// with 0 <= start <= end, continuum start < end).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rapport/intervals/intervals_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t n = 0;
  const auto result = rapport::intervals::parse_intervals_csv(text, "fuzz-input.csv");
  for (const auto& d : result.diagnostics) n += d.message.size() + d.rule.size();
  if (result.raters)
    for (const auto& r : *result.raters) {
      n += r.rater.size();
      for (const auto& i : r.intervals) {
        if (i.start_ms < 0 || i.end_ms < i.start_ms) __builtin_trap();
        n += i.category.size() + i.ref.size();
      }
    }
  // The first line doubles as a --continuum argument.
  if (const auto c = rapport::intervals::parse_continuum(text.substr(0, text.find('\n'))))
    if (c->end_ms <= c->start_ms) __builtin_trap();
  volatile std::size_t sink = n;
  (void)sink;
  return 0;
}
