// SPDX-License-Identifier: MIT
// Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's alpha-reliability") with
// the Hayes & Krippendorff (2007) bootstrap.
#pragma once

#include <cstddef>
#include <cstdint>

#include "rapport/stats/measure.hpp"
#include "rapport/stats/rating_table.hpp"

namespace rapport::stats {

struct AlphaBootstrap {
  std::size_t draws = 0;  ///< 0: no bootstrap (SE and CI null)
  std::uint64_t seed = 1;
};

/// `krippendorff_alpha_<level>` with the metric of `level` (nominal, ordinal, interval, ratio).
/// Units with fewer than two values are dropped; nothing is imputed. With draws > 0: the
/// bootstrap SE (sd of alpha*), percentile CI, and q_below_0_667 / q_below_0_800, the shares of
/// alpha* below Krippendorff's (2004) thresholds.
Measure krippendorff_alpha(const RatingTable& table, Level metric, const AlphaBootstrap& bootstrap = {},
                           double confidence = 0.95);

}  // namespace rapport::stats
