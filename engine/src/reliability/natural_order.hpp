// SPDX-License-Identifier: MIT
// Natural order of names ("S2" before "S10"), so sessions and coders list the way people number
// them. Private to the reliability component.
#pragma once

#include <cstddef>
#include <string_view>

namespace rapport::reliability {

struct NaturalLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
      if (digit(a[i]) && digit(b[j])) {
        std::size_t i0 = i, j0 = j;
        while (i0 < a.size() && a[i0] == '0') ++i0;
        while (j0 < b.size() && b[j0] == '0') ++j0;
        std::size_t i1 = i0, j1 = j0;
        while (i1 < a.size() && digit(a[i1])) ++i1;
        while (j1 < b.size() && digit(b[j1])) ++j1;
        if (i1 - i0 != j1 - j0) return i1 - i0 < j1 - j0;
        if (const int c = a.substr(i0, i1 - i0).compare(b.substr(j0, j1 - j0)); c != 0) return c < 0;
        i = i1;
        j = j1;
        continue;
      }
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
    if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
    return a < b;  // "S01" vs "S1": equal numerically, ordered by text so the order is total
  }
};

}  // namespace rapport::reliability
