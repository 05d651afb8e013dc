// SPDX-License-Identifier: MIT
// Two-rater chance-corrected coefficients on units rated by both raters.
#pragma once

#include <cstddef>

#include "rapport/stats/measure.hpp"
#include "rapport/stats/rating_table.hpp"
#include "rapport/stats/weights.hpp"

namespace rapport::stats {

/// Cohen's kappa (Cohen 1960; weighted, Cohen 1968) of raters `a` and `b` over the units both
/// rated. SE by Fleiss, Cohen & Everitt (1969), null SE (se0), z = kappa/se0 and its two-sided
/// p, Wald CI (not truncated), kappa_max (Cohen 1960), p_o, p_e and the confusion matrix.
/// Null when the table has other than two raters (unless a, b given), fewer than two units
/// rated by both, p_e = 1, or a rater who used one category only (kappa = 0 by construction).
Measure cohen_kappa(const RatingTable& table, Weighting weighting, double confidence = 0.95);
Measure cohen_kappa(const RatingTable& table, std::size_t a, std::size_t b, Weighting weighting,
                    double confidence = 0.95);

/// Scott's pi (Scott 1955): p_e from the mean of the two raters' marginals, on units rated by
/// both; SE by Gwet's (2014) linearisation (as for Fleiss' kappa), t CI capped at 1.
Measure scott_pi(const RatingTable& table, double confidence = 0.95);

/// Light's kappa (Light 1971): mean of the Cohen kappas of all rater pairs. Jackknife SE over
/// units (each pair on its units rated by both), t CI.
Measure light_kappa(const RatingTable& table, double confidence = 0.95);

}  // namespace rapport::stats
