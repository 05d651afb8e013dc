// SPDX-License-Identifier: MIT
#include "rapport/intervals/interval_set.hpp"

#include <algorithm>
#include <unordered_set>

namespace rapport::intervals {
namespace {

/// Decodes UTF-8 into UTF-16 code units (invalid bytes become U+FFFD), the unit Java compares.
std::u16string to_utf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t cp = 0xFFFD;
    std::size_t len = 1;
    if (b0 < 0x80) {
      cp = b0;
    } else if ((b0 >> 5) == 0x6 && i + 1 < s.size()) {
      cp = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if ((b0 >> 4) == 0xE && i + 2 < s.size()) {
      cp = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
    } else if ((b0 >> 3) == 0x1E && i + 3 < s.size()) {
      cp = ((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      len = 4;
    }
    if (cp >= 0x10000) {
      const char32_t v = cp - 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return out;
}

}  // namespace

void sort_intervals(std::vector<RaterIntervals>& raters) {
  for (auto& r : raters)
    std::stable_sort(r.intervals.begin(), r.intervals.end(), [](const Interval& a, const Interval& b) {
      return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.end_ms < b.end_ms;
    });
}

std::optional<Continuum> covering_continuum(const std::vector<RaterIntervals>& raters) {
  std::optional<Continuum> c;
  for (const auto& r : raters)
    for (const auto& i : r.intervals) {
      if (!c) c = Continuum{i.start_ms, i.end_ms};
      c->start_ms = std::min(c->start_ms, i.start_ms);
      c->end_ms = std::max(c->end_ms, i.end_ms);
    }
  return c;
}

std::vector<std::string> categories_of(const std::vector<RaterIntervals>& raters) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& r : raters)
    for (const auto& i : r.intervals)
      if (seen.insert(i.category).second) out.push_back(i.category);
  return out;
}

std::size_t interval_count(const std::vector<RaterIntervals>& raters) noexcept {
  std::size_t n = 0;
  for (const auto& r : raters) n += r.intervals.size();
  return n;
}

bool java_string_less(std::string_view a, std::string_view b) {
  bool ascii = true;
  for (char ch : a) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  for (char ch : b) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) return a < b;
  return to_utf16(a) < to_utf16(b);
}

}  // namespace rapport::intervals
