// SPDX-License-Identifier: MIT
// Scott's pi (Scott 1955, Public Opinion Quarterly 19:321) and Light's kappa (Light 1971,
// Psychol. Bull. 76:365): the two-rater pi on units rated by both, the mean pairwise kappa.
#include <cmath>

#include "inference.hpp"
#include "rapport/stats/cohen_kappa.hpp"
#include "rapport/stats/multi_rater.hpp"

namespace rapport::stats {

Measure scott_pi(const RatingTable& table, double confidence) {
  if (table.rater_count() != 2)
    return undefined_measure("scott_pi", detail::two_rater_reason(table.rater_count()), 0, table.rater_count());
  // Scott's pi is Fleiss' kappa of two raters (Fleiss 1971 generalises pi); on units rated by both.
  const RatingTable both = detail::units_rated_by_all(table);
  Measure out = fleiss_kappa(both, Weighting::identity, confidence);
  out.name = "scott_pi";
  out.per_category.clear();
  std::erase_if(out.statistics, [](const Statistic& s) {
    return s.key == "se0" || s.key == "z" || s.key == "p" || s.key == "units_with_two_or_more_ratings";
  });
  return out;
}

Measure light_kappa(const RatingTable& table, double confidence) {
  const std::size_t m = table.rater_count();
  if (m < 2) return undefined_measure("light_kappa", "needs at least 2 raters", 0, m);
  // Pair tables: counts, margins, diagonal, sum_j R_j C_j.
  struct Pair {
    std::size_t a, b;
    std::vector<double> counts, row, col;
    double n = 0, diag = 0, rc = 0;
  };
  const std::size_t q = table.category_count();
  if (q > detail::max_categories) return undefined_measure("light_kappa", detail::too_many_categories_reason(q), 0, m);
  std::vector<Pair> pairs;
  double sum = 0.0;
  for (std::size_t a = 0; a < m; ++a)
    for (std::size_t b = a + 1; b < m; ++b) {
      const Measure k = cohen_kappa(table, a, b, Weighting::identity, confidence);
      if (!k.value)
        return undefined_measure("light_kappa",
                                 "raters " + table.raters[a] + " and " + table.raters[b] + ": " + k.reason, 0, m);
      sum += *k.value;
      Pair p{a, b, std::vector<double>(q * q, 0.0), std::vector<double>(q, 0.0), std::vector<double>(q, 0.0)};
      for (std::size_t u = 0; u < table.unit_count(); ++u) {
        const std::int32_t x = table.at(u, a), y = table.at(u, b);
        if (x == RatingTable::missing || y == RatingTable::missing) continue;
        p.row[static_cast<std::size_t>(x)] += 1;
        p.col[static_cast<std::size_t>(y)] += 1;
        p.diag += x == y;
        p.n += 1;
      }
      for (std::size_t c = 0; c < q; ++c) p.rc += p.row[c] * p.col[c];
      pairs.push_back(std::move(p));
    }
  const double npairs = static_cast<double>(pairs.size());
  Measure out;
  out.name = "light_kappa";
  out.n_raters = m;
  out.value = sum / npairs;
  // Jackknife over units that enter at least one pair table (delete-one, Efron & Tibshirani
  // 1993 eq. 11.5): kappa of a pair without unit i from its table with cell (x, y) removed,
  // sum R'C' = sum RC - C_x - R_y + [x = y].
  std::vector<double> loo;
  std::vector<std::int32_t> ratings;
  bool defined = true;
  for (std::size_t u = 0; u < table.unit_count() && defined; ++u) {
    detail::collect_ratings(table.row(u), ratings);
    if (ratings.size() < 2) continue;
    double s = 0.0;
    for (const auto& p : pairs) {
      const std::int32_t x = table.at(u, p.a), y = table.at(u, p.b);
      double n = p.n, diag = p.diag, rc = p.rc;
      if (x != RatingTable::missing && y != RatingTable::missing) {
        n -= 1;
        diag -= x == y;
        rc -= p.col[static_cast<std::size_t>(x)] + p.row[static_cast<std::size_t>(y)] - (x == y ? 1.0 : 0.0);
      }
      const double pe = n > 0 ? rc / (n * n) : 1.0;
      if (n < 1 || pe >= 1.0 - 1e-12) {
        defined = false;
        break;
      }
      s += (diag / n - pe) / (1.0 - pe);
    }
    loo.push_back(s / npairs);
  }
  out.n_units = loo.size();
  if (!defined || loo.size() < 2) {
    out.reason = "jackknife SE undefined: leaving out one unit makes a pair's kappa 0/0";
    return out;
  }
  const double nj = static_cast<double>(loo.size());
  double mean = 0.0;
  for (double v : loo) mean += v / nj;
  double ss = 0.0;
  for (double v : loo) ss += (v - mean) * (v - mean);
  detail::set_t_interval(out, std::sqrt((nj - 1.0) / nj * ss), nj - 1.0, confidence);
  out.ci_method = "jackknife_t";
  out.statistics.push_back({"rater_pairs", npairs});
  return out;
}

}  // namespace rapport::stats
