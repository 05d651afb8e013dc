// SPDX-License-Identifier: MIT
// Intraclass correlations (Shrout & Fleiss 1979; McGraw & Wong 1996) on complete units.
#pragma once

#include <array>

#include "rapport/stats/measure.hpp"
#include "rapport/stats/rating_table.hpp"

namespace rapport::stats {

/// Mean squares of the one- and two-way ANOVA on the complete units (S&F 1979 Table 2 names:
/// BMS = msr, WMS = msw, JMS = msc, EMS = mse).
struct IccAnova {
  std::size_t n = 0;  ///< targets (complete units)
  std::size_t k = 0;  ///< raters
  double msr = 0, msw = 0, msc = 0, mse = 0;
};

/// nullopt when fewer than two complete units or two raters.
std::optional<IccAnova> icc_anova(const RatingTable& table);

/// The six forms, in the order icc_1_1, icc_2_1, icc_3_1, icc_1_k, icc_2_k, icc_3_k, each with
/// mcgraw_wong, f, df1, df2, p and exact CIs (F-based; Satterthwaite for ICC(2,.)).
std::array<Measure, 6> intraclass_correlations(const RatingTable& table, double confidence = 0.95);

}  // namespace rapport::stats
