// SPDX-License-Identifier: MIT
// Conger's kappa (Conger 1980, Psychol. Bull. 88:322; = Davies & Fleiss 1982, Biometrics 38:1047):
// p_a as Gwet (2014) eq. 2.8; p_e = sum_kl w_kl (pbar_k pbar_l - s2_kl / m), p_gk = share of
// rater g's ratings in category k, pbar_k their mean over raters, s2_kl = sum_g (p_gk - pbar_k)
// (p_gl - pbar_l) / (m - 1) (Gwet 2014 eq. 2.x, as irrCAC conger.kappa.raw).
#include <cmath>

#include "inference.hpp"
#include "rapport/stats/multi_rater.hpp"

namespace rapport::stats {
namespace {

struct CongerState {
  std::vector<double> counts;  // m x q
  std::vector<double> rated;   // m
  double pa_sum = 0;
  double n2 = 0;
};

/// p_e from rater marginals; nullopt if a rater rated nothing.
std::optional<double> conger_pe(const CongerState& s, const Weights& w, std::size_t m, std::size_t q) {
  std::vector<double> p(m * q), pbar(q, 0.0);
  for (std::size_t g = 0; g < m; ++g) {
    if (s.rated[g] <= 0) return std::nullopt;
    for (std::size_t k = 0; k < q; ++k) {
      p[g * q + k] = s.counts[g * q + k] / s.rated[g];
      pbar[k] += p[g * q + k] / static_cast<double>(m);
    }
  }
  const double md = static_cast<double>(m);
  double pe = 0.0;
  for (std::size_t k = 0; k < q; ++k)
    for (std::size_t l = 0; l < q; ++l) {
      const double wkl = w(static_cast<std::int32_t>(k), static_cast<std::int32_t>(l));
      if (wkl == 0.0) continue;
      double s2 = 0.0;
      for (std::size_t g = 0; g < m; ++g) s2 += (p[g * q + k] - pbar[k]) * (p[g * q + l] - pbar[l]);
      s2 /= md - 1.0;
      pe += wkl * (pbar[k] * pbar[l] - s2 / md);
    }
  return pe;
}

double unit_pa(const std::vector<std::int32_t>& ratings, const Weights& w) {
  const std::size_t r = ratings.size();
  double s = 0.0;
  for (std::size_t a = 0; a < r; ++a)
    for (std::size_t b = a + 1; b < r; ++b) s += 2.0 * w(ratings[a], ratings[b]);
  return s / static_cast<double>(r * (r - 1));
}

}  // namespace

Measure conger_kappa(const RatingTable& table, Weighting weighting, double confidence) {
  const std::string name =
      weighting == Weighting::identity ? "conger_kappa" : "conger_kappa_" + std::string(to_string(weighting));
  const std::size_t m = table.rater_count(), q = table.category_count();
  if (m < 2) return undefined_measure(name, "needs at least 2 raters", 0, m);
  if (q > detail::max_categories) return undefined_measure(name, detail::too_many_categories_reason(q), 0, m);
  const Weights w(table, weighting);
  CongerState s{std::vector<double>(m * q, 0.0), std::vector<double>(m, 0.0)};
  std::vector<std::int32_t> ratings;
  std::size_t n = 0;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    const auto row = table.row(u);
    detail::collect_ratings(row, ratings);
    if (ratings.empty()) continue;
    ++n;
    for (std::size_t g = 0; g < m; ++g)
      if (row[g] != RatingTable::missing) {
        s.counts[g * q + static_cast<std::size_t>(row[g])] += 1;
        s.rated[g] += 1;
      }
    if (ratings.size() >= 2) {
      s.pa_sum += unit_pa(ratings, w);
      s.n2 += 1;
    }
  }
  if (s.n2 == 0) return undefined_measure(name, "no unit has two or more ratings", n, m);
  if (n < 2) return undefined_measure(name, "needs at least 2 rated units; got " + std::to_string(n), n, m);
  const double pa = s.pa_sum / s.n2;
  if (detail::categories_used(table) == 1)
    return undefined_measure(name,
                             "every rating is '" + detail::only_category(table) +
                                 "': chance agreement is 1 and the coefficient is 0/0 (percent agreement " +
                                 detail::fixed(pa) + ")",
                             n, m);
  const auto pe = conger_pe(s, w, m, q);
  if (!pe) return undefined_measure(name, "a rater rated no unit", n, m);
  if (*pe >= 1.0 - 1e-12) return undefined_measure(name, "chance agreement is 1: the coefficient is 0/0", n, m);
  Measure out;
  out.name = name;
  out.n_units = n;
  out.n_raters = m;
  out.value = (pa - *pe) / (1.0 - *pe);
  out.statistics.push_back({"p_a", pa});
  out.statistics.push_back({"p_e", *pe});
  out.labels.push_back({"weights", std::string(to_string(weighting))});

  // Delete-one jackknife over rated units (Efron & Tibshirani 1993 eq. 11.5). Each leave-one-out
  // value costs O(m q^2); skip when that is too much work.
  const double work = static_cast<double>(n) * static_cast<double>(m) * static_cast<double>(q) * static_cast<double>(q);
  if (work > 4e8) {
    out.reason = "jackknife SE skipped: too many units x raters x categories^2";
    return out;
  }
  std::vector<double> loo;
  loo.reserve(n);
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    const auto row = table.row(u);
    detail::collect_ratings(row, ratings);
    if (ratings.empty()) continue;
    CongerState t = s;
    for (std::size_t g = 0; g < m; ++g)
      if (row[g] != RatingTable::missing) {
        t.counts[g * q + static_cast<std::size_t>(row[g])] -= 1;
        t.rated[g] -= 1;
      }
    if (ratings.size() >= 2) {
      t.pa_sum -= unit_pa(ratings, w);
      t.n2 -= 1;
    }
    const auto pe_i = conger_pe(t, w, m, q);
    if (t.n2 <= 0 || !pe_i || *pe_i >= 1.0 - 1e-12) {
      out.reason = "jackknife SE undefined: leaving out one unit makes the coefficient 0/0";
      return out;
    }
    loo.push_back((t.pa_sum / t.n2 - *pe_i) / (1.0 - *pe_i));
  }
  const double nj = static_cast<double>(loo.size());
  double mean = 0.0;
  for (double v : loo) mean += v / nj;
  double ss = 0.0;
  for (double v : loo) ss += (v - mean) * (v - mean);
  detail::set_t_interval(out, std::sqrt((nj - 1.0) / nj * ss), nj - 1.0, confidence);
  out.ci_method = "jackknife_t";
  return out;
}

}  // namespace rapport::stats
