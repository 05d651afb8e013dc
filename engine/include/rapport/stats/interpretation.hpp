// SPDX-License-Identifier: MIT
// Interpretation bands and plain-language explanations of agreement measures.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/stats/measure.hpp"

namespace rapport::stats {

/// Landis & Koch (1977): poor (<= 0), slight, fair, moderate, substantial, almost perfect.
std::string_view landis_koch(double kappa) noexcept;
/// Cicchetti (1994): poor (< .40), fair, good, excellent (>= .75).
std::string_view cicchetti(double icc) noexcept;
/// Koo & Li (2016) judged on the CI: "good" if the whole CI is in .75-.90, else e.g.
/// "moderate to excellent"; poor < .50, moderate, good, excellent > .90.
std::string koo_li(double ci_low, double ci_high);
/// Krippendorff (2004): >= .800 reliable, .667-.800 tentative conclusions only, < .667 unreliable.
std::string_view krippendorff_band(double alpha) noexcept;

/// Fills `interpretation` and `explanation` of `measure` from its name and values.
void interpret(Measure& measure);

/// Notes about a set of measures on the same data, e.g. the prevalence paradox: a high
/// percent agreement beside a low kappa.
std::vector<std::string> agreement_notes(const std::vector<Measure>& measures);

}  // namespace rapport::stats
