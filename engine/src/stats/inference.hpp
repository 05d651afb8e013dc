// SPDX-License-Identifier: MIT
// Shared pieces of the stats component: quantiles from Boost.Math, interval helpers and small
// table utilities. Internal (not installed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "rapport/stats/measure.hpp"
#include "rapport/stats/rating_table.hpp"

namespace rapport::stats::detail {

/// Categorical coefficients keep q x q work; beyond this many categories they report null.
inline constexpr std::size_t max_categories = 2000;

/// Standard normal quantile (Boost.Math).
double normal_quantile(double p);
/// Student t quantile with `df` degrees of freedom (Boost.Math).
double t_quantile(double p, double df);
/// Two-sided p value of a standard normal z.
double normal_two_sided_p(double z);

/// value +- z_{(1+confidence)/2} se, truncated to [-1, 1] (the range of kappa); ci_method "wald_normal".
void set_wald_interval(Measure& m, double se, double confidence);
/// value +- t_{(1+confidence)/2, df} se, the upper bound capped at `high_cap` (irrCAC / Gwet 2014);
/// ci_method "t".
void set_t_interval(Measure& m, double se, double df, double confidence, double high_cap = 1.0);

/// Number of categories used by at least one rating.
std::size_t categories_used(const RatingTable& table);
/// Label of the only category used when categories_used == 1.
std::string only_category(const RatingTable& table);
/// The units rated by every rater of `table`.
RatingTable units_rated_by_all(const RatingTable& table);
/// Appends the non-missing ratings of `row` to `out` (cleared first).
void collect_ratings(std::span<const std::int32_t> row, std::vector<std::int32_t>& out);

/// "two-rater measure given N raters; ..." and similar reasons.
std::string two_rater_reason(std::size_t raters);
std::string too_many_categories_reason(std::size_t categories);
std::string fixed(double value, int decimals = 3);

}  // namespace rapport::stats::detail
