// SPDX-License-Identifier: MIT
// Observed agreement, not corrected for chance.
#pragma once

#include "rapport/stats/measure.hpp"
#include "rapport/stats/rating_table.hpp"

namespace rapport::stats {

/// `percent_agreement`: mean over units with >= 2 ratings of the share of agreeing rater pairs,
/// sum_k r_ik (r_ik - 1) / (r_i (r_i - 1)) (Fleiss 1971 P-bar; Gwet 2014 eq. 2.8 without
/// weights). SE by Gwet's (2014) linearisation with p_e = 0, t CI capped at [0, 1].
/// per_category: specific agreement of each category (for two raters 2 n_kk / (n_k. + n_.k)).
/// For two raters, also the confusion matrix.
Measure percent_agreement(const RatingTable& table, double confidence = 0.95);

/// `percent_all_raters_agree`: share of units with >= 2 ratings on which every rating is the
/// same category (irr::agree's quantity). Wilson score CI.
Measure percent_all_raters_agree(const RatingTable& table, double confidence = 0.95);

}  // namespace rapport::stats
