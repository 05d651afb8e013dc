// SPDX-License-Identifier: MIT
#include "inference.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>

namespace rapport::stats::detail {

double normal_quantile(double p) { return boost::math::quantile(boost::math::normal_distribution<double>{}, p); }

double t_quantile(double p, double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>{df}, p);
}

double normal_two_sided_p(double z) {
  return 2.0 * boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>{}, std::abs(z)));
}

void set_wald_interval(Measure& m, double se, double confidence) {
  const double z = normal_quantile(0.5 + confidence / 2.0);
  m.se = se;
  // Truncated to kappa's range: a bound above 1 (common for rare codes with few units) is a
  // value the coefficient cannot take, and a lab would rightly distrust a table showing it.
  m.ci_low = std::max(-1.0, *m.value - z * se);
  m.ci_high = std::min(1.0, *m.value + z * se);
  m.ci_method = "wald_normal";
}

void set_t_interval(Measure& m, double se, double df, double confidence, double high_cap) {
  m.se = se;
  m.ci_method = std::string("t");  // not = "t": GCC 12 -Wrestrict false positive at -O3 (GCC bug 105329)
  if (!(df > 0.0)) {
    m.ci_low.reset();
    m.ci_high.reset();
    return;
  }
  const double t = t_quantile(0.5 + confidence / 2.0, df);
  m.ci_low = *m.value - t * se;
  m.ci_high = std::min(high_cap, *m.value + t * se);
}

std::size_t categories_used(const RatingTable& table) {
  std::vector<char> used(table.category_count(), 0);
  for (std::int32_t c : table.cells)
    if (c != RatingTable::missing) used[static_cast<std::size_t>(c)] = 1;
  std::size_t count = 0;
  for (char u : used) count += u != 0;
  return count;
}

std::string only_category(const RatingTable& table) {
  for (std::int32_t c : table.cells)
    if (c != RatingTable::missing) return table.categories[static_cast<std::size_t>(c)].label;
  return {};
}

RatingTable units_rated_by_all(const RatingTable& table) {
  RatingTable out;
  out.raters = table.raters;
  out.categories = table.categories;
  out.numeric = table.numeric;
  out.declared_scale = table.declared_scale;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    const auto row = table.row(u);
    bool complete = true;
    for (std::int32_t c : row) complete = complete && c != RatingTable::missing;
    if (!complete) continue;
    if (!table.units.empty()) out.units.push_back(table.units[u]);
    out.cells.insert(out.cells.end(), row.begin(), row.end());
  }
  return out;
}

void collect_ratings(std::span<const std::int32_t> row, std::vector<std::int32_t>& out) {
  out.clear();
  for (std::int32_t c : row)
    if (c != RatingTable::missing) out.push_back(c);
}

std::string two_rater_reason(std::size_t raters) {
  return "two-rater measure given " + std::to_string(raters) +
         " raters; use fleiss_kappa, conger_kappa, light_kappa or krippendorff_alpha";
}

std::string too_many_categories_reason(std::size_t categories) {
  return std::to_string(categories) + " distinct values are too many for a categorical coefficient (limit " +
         std::to_string(max_categories) + "); use krippendorff_alpha or ICC";
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace rapport::stats::detail
