// SPDX-License-Identifier: MIT
// Private: "did you mean" for coded values. Matching never changes the stored value; it only
// decides which suggestion to print.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::check {

/// The form values are compared in: text::fold_for_match (trimmed, NFC, full case folding).
std::string fold_for_match(std::string_view value);

/// The candidate `value` most likely meant: equal after folding, else the only closest one within
/// edit distance 2. nullopt when none is close or several are equally close.
std::optional<std::string> did_you_mean(std::string_view value, const std::vector<std::string_view>& candidates);

}  // namespace rapport::check
