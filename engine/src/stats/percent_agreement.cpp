// SPDX-License-Identifier: MIT
// Observed agreement. p_a as Fleiss (1971) P-bar / Gwet (2014) eq. 2.8; specific agreement per
// category as Uebersax (1982): ps_j = sum_i r_ij (r_ij - 1) / sum_i r_ij (r_i - 1).
#include <cmath>

#include "inference.hpp"
#include "rapport/stats/percent_agreement.hpp"

namespace rapport::stats {

Measure percent_agreement(const RatingTable& table, double confidence) {
  const std::size_t m = table.rater_count();
  const std::size_t q = table.category_count();
  std::vector<std::int32_t> ratings;
  std::vector<double> agree(q, 0.0), possible(q, 0.0);
  std::vector<int> count(q, 0);
  std::vector<double> pa_i;  // per unit with >= 1 rating; 0 when r_i < 2
  pa_i.reserve(table.unit_count());
  std::size_t n2 = 0;
  double sum = 0.0;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    detail::collect_ratings(table.row(u), ratings);
    const std::size_t r = ratings.size();
    if (r == 0) continue;
    if (r < 2) {
      pa_i.push_back(0.0);
      continue;
    }
    ++n2;
    for (std::int32_t c : ratings) ++count[static_cast<std::size_t>(c)];
    double pairs = 0.0;
    for (std::int32_t c : ratings) {
      auto& k = count[static_cast<std::size_t>(c)];
      if (k == 0) continue;
      const double kd = k;
      pairs += kd * (kd - 1.0);
      agree[static_cast<std::size_t>(c)] += kd * (kd - 1.0);
      possible[static_cast<std::size_t>(c)] += kd * (static_cast<double>(r) - 1.0);
      k = 0;
    }
    const double p = pairs / static_cast<double>(r * (r - 1));
    pa_i.push_back(p);
    sum += p;
  }
  const std::size_t n = pa_i.size();
  if (n2 == 0) return undefined_measure("percent_agreement", "no unit has two or more ratings", n, m);
  Measure out;
  out.name = "percent_agreement";
  out.n_units = n2;
  out.n_raters = m;
  out.value = sum / static_cast<double>(n2);
  out.statistics.push_back({"units_with_one_rating", static_cast<double>(n - n2)});
  for (std::size_t k = 0; k < q; ++k)
    out.per_category.push_back(
        {table.categories[k].label, possible[k] > 0.0 ? std::optional<double>(agree[k] / possible[k]) : std::nullopt});
  // SE: Gwet's (2014) linearisation with p_e = 0: c_i = (n/n2) p_a,i, Var = sum (c_i - p_a)^2 / (n(n-1)).
  if (n >= 2) {
    const double nd = static_cast<double>(n);
    double ss = 0.0;
    for (double p : pa_i) {
      const double c = nd / static_cast<double>(n2) * p;
      ss += (c - *out.value) * (c - *out.value);
    }
    detail::set_t_interval(out, std::sqrt(ss / (nd * (nd - 1.0))), nd - 1.0, confidence);
    if (out.ci_low) out.ci_low = std::max(0.0, *out.ci_low);
  } else {
    out.reason = "SE needs at least 2 rated units";
  }
  return out;
}

Measure percent_all_raters_agree(const RatingTable& table, double confidence) {
  const std::size_t m = table.rater_count();
  std::vector<std::int32_t> ratings;
  std::size_t n = 0, all = 0;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    detail::collect_ratings(table.row(u), ratings);
    if (ratings.size() < 2) continue;
    ++n;
    bool same = true;
    for (std::int32_t c : ratings) same = same && c == ratings.front();
    all += same;
  }
  if (n == 0) return undefined_measure("percent_all_raters_agree", "no unit has two or more ratings", 0, m);
  Measure out;
  out.name = "percent_all_raters_agree";
  out.n_units = n;
  out.n_raters = m;
  const double nd = static_cast<double>(n);
  const double p = static_cast<double>(all) / nd;
  out.value = p;
  out.se = std::sqrt(p * (1.0 - p) / nd);
  // Wilson (1927) score interval.
  const double z = detail::normal_quantile(0.5 + confidence / 2.0);
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * nd)) / (1.0 + z2 / nd);
  const double half = z / (1.0 + z2 / nd) * std::sqrt(p * (1.0 - p) / nd + z2 / (4.0 * nd * nd));
  out.ci_low = std::max(0.0, centre - half);
  out.ci_high = std::min(1.0, centre + half);
  out.ci_method = "wilson";
  out.statistics.push_back({"units_all_agree", static_cast<double>(all)});
  return out;
}

}  // namespace rapport::stats
