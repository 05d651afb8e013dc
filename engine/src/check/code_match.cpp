// SPDX-License-Identifier: MIT
#include "check/code_match.hpp"

#include "text/utf.hpp"

#include <algorithm>
#include <numeric>

namespace rapport::check {

std::string fold_for_match(std::string_view value) { return text::fold_for_match(value); }

namespace {
/// Levenshtein distance, two rows; codes are a few characters long.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::optional<std::string> did_you_mean(std::string_view value, const std::vector<std::string_view>& candidates) {
  const std::string folded = fold_for_match(value);
  for (auto c : candidates)
    if (fold_for_match(c) == folded) return std::string(c);
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  bool tie = false;
  for (auto c : candidates) {
    const std::size_t d = edit_distance(folded, fold_for_match(c));
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
      tie = false;
    } else if (d == best_distance && best) {
      tie = true;
    }
  }
  // S6 is one edit from each of S1-S5: naming any one of them would be a guess.
  if (tie) return std::nullopt;
  // A one-character value is within distance 2 of every short code; only suggest when the
  // value has enough substance to be a typo of something.
  if (best && folded.size() < 2 && best_distance > 0) return std::nullopt;
  return best;
}

}  // namespace rapport::check
