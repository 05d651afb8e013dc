// SPDX-License-Identifier: MIT
// Multi-rater chance-corrected coefficients of the form (p_a - p_e) / (1 - p_e), with p_a over
// units with >= 2 ratings and chance terms over units with >= 1 rating (Gwet 2014, ch. 2-5).
#pragma once

#include "rapport/stats/measure.hpp"
#include "rapport/stats/rating_table.hpp"
#include "rapport/stats/weights.hpp"

namespace rapport::stats {

/// Fleiss' kappa in Gwet's form for missing data (equals Fleiss 1971 on complete data):
/// p_e = sum_kl w_kl pi_k pi_l. SE by Gwet's (2014) linearisation, t CI capped at 1; on
/// complete unweighted data also the Fleiss, Nee & Landis (1979) null SE (se0), z and p.
/// per_category: the kappa of each category against the rest (Fleiss 1971 kappa_j).
Measure fleiss_kappa(const RatingTable& table, Weighting weighting, double confidence = 0.95);

/// Brennan & Prediger (1981) / Bennett's S / Randolph's free-marginal kappa: p_e = T_w / q^2,
/// q = categories of the table (declared scale if any). SE as Gwet 2014 (c*_i = c_i).
Measure brennan_prediger(const RatingTable& table, Weighting weighting, double confidence = 0.95);

/// Gwet's AC1 (identity weights) and AC2 (Gwet 2008; 2014 ch. 4): p_e = T_w / (q (q - 1)) *
/// sum_k pi_k (1 - pi_k). SE by Gwet's (2014) linearisation, t CI capped at 1.
Measure gwet_ac(const RatingTable& table, Weighting weighting, double confidence = 0.95);

/// Conger's (1980) kappa (= Davies & Fleiss 1982): chance from each rater's own marginals,
/// p_e = sum_kl w_kl (pbar_k pbar_l - s2_kl / m). Jackknife SE over units, t CI.
Measure conger_kappa(const RatingTable& table, Weighting weighting, double confidence = 0.95);

}  // namespace rapport::stats
