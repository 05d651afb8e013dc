// SPDX-License-Identifier: MIT
// Cohen's kappa (Cohen 1960, Educ. Psychol. Meas. 20:37; weighted: Cohen 1968, Psychol. Bull.
// 70:213) with the asymptotic variances of Fleiss, Cohen & Everitt (1969, Psychol. Bull.
// 72:323, eqs. 12 and 14 in the weighted form of ../shared/domain/statistics.md s.1).
#include "rapport/stats/cohen_kappa.hpp"

#include <algorithm>
#include <cmath>

#include "inference.hpp"

namespace rapport::stats {
namespace {

std::string cohen_name(Weighting w) {
  return w == Weighting::identity ? "cohen_kappa" : "cohen_kappa_" + std::string(to_string(w));
}

}  // namespace

Measure cohen_kappa(const RatingTable& table, Weighting weighting, double confidence) {
  if (table.rater_count() != 2)
    return undefined_measure(cohen_name(weighting), detail::two_rater_reason(table.rater_count()), 0,
                             table.rater_count());
  return cohen_kappa(table, 0, 1, weighting, confidence);
}

Measure cohen_kappa(const RatingTable& table, std::size_t a, std::size_t b, Weighting weighting, double confidence) {
  const std::string name = cohen_name(weighting);
  const std::size_t q = table.category_count();
  if (q > detail::max_categories) return undefined_measure(name, detail::too_many_categories_reason(q), 0, 2);
  // Table of the units rated by both.
  std::vector<double> counts(q * q, 0.0);
  std::size_t n = 0;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    const std::int32_t x = table.at(u, a), y = table.at(u, b);
    if (x == RatingTable::missing || y == RatingTable::missing) continue;
    counts[static_cast<std::size_t>(x) * q + static_cast<std::size_t>(y)] += 1.0;
    ++n;
  }
  if (n < 2)
    return undefined_measure(name, "needs at least 2 units rated by both raters; got " + std::to_string(n), n, 2);
  const double nd = static_cast<double>(n);
  std::vector<double> row(q, 0.0), col(q, 0.0);
  for (std::size_t k = 0; k < q; ++k)
    for (std::size_t l = 0; l < q; ++l) {
      row[k] += counts[k * q + l] / nd;
      col[l] += counts[k * q + l] / nd;
    }
  const Weights w(table, weighting);
  auto wt = [&](std::size_t k, std::size_t l) { return w(static_cast<std::int32_t>(k), static_cast<std::int32_t>(l)); };
  double po = 0.0, pe = 0.0;
  for (std::size_t k = 0; k < q; ++k)
    for (std::size_t l = 0; l < q; ++l) {
      po += wt(k, l) * counts[k * q + l] / nd;
      pe += wt(k, l) * row[k] * col[l];
    }
  const auto used = [&](const std::vector<double>& margin, std::size_t& which) {
    std::size_t c = 0;
    for (std::size_t k = 0; k < q; ++k)
      if (margin[k] > 0.0) {
        ++c;
        which = k;
      }
    return c;
  };
  std::size_t only_a = 0, only_b = 0;
  const std::size_t used_a = used(row, only_a), used_b = used(col, only_b);
  if (used_a == 1 && used_b == 1 && only_a == only_b)
    return undefined_measure(name,
                             "every rating is '" + table.categories[only_a].label +
                                 "': chance agreement is 1 and kappa is 0/0 (percent agreement 1.000)",
                             n, 2);
  if (used_a == 1 || used_b == 1) {
    const bool first = used_a == 1;
    return undefined_measure(
        name,
        "rater " + table.raters[first ? a : b] + " used only '" + table.categories[first ? only_a : only_b].label +
            "': kappa is 0 by construction whatever the agreement (p_o = " + detail::fixed(po) + ")",
        n, 2);
  }
  if (pe >= 1.0 - 1e-12) return undefined_measure(name, "chance agreement is 1: kappa is 0/0", n, 2);

  Measure out;
  out.name = name;
  out.n_units = n;
  out.n_raters = 2;
  const double kappa = (po - pe) / (1.0 - pe);
  out.value = kappa;
  // FCE 1969: wbar_k. = sum_l p_.l w_kl, wbar_.l = sum_k p_k. w_kl.
  std::vector<double> wr(q, 0.0), wc(q, 0.0);
  for (std::size_t k = 0; k < q; ++k)
    for (std::size_t l = 0; l < q; ++l) {
      wr[k] += col[l] * wt(k, l);
      wc[l] += row[k] * wt(k, l);
    }
  double s1 = 0.0, s0 = 0.0;
  for (std::size_t k = 0; k < q; ++k)
    for (std::size_t l = 0; l < q; ++l) {
      const double d1 = wt(k, l) - (wr[k] + wc[l]) * (1.0 - kappa);
      s1 += counts[k * q + l] / nd * d1 * d1;
      const double d0 = wt(k, l) - (wr[k] + wc[l]);
      s0 += row[k] * col[l] * d0 * d0;
    }
  const double denom = nd * (1.0 - pe) * (1.0 - pe);
  const double t = kappa - pe * (1.0 - kappa);
  const double var = std::max(0.0, (s1 - t * t) / denom);
  const double var0 = std::max(0.0, (s0 - pe * pe) / denom);
  detail::set_wald_interval(out, std::sqrt(var), confidence);
  out.statistics.push_back({"p_o", po});
  out.statistics.push_back({"p_e", pe});
  const double se0 = std::sqrt(var0);
  out.statistics.push_back({"se0", se0});
  out.statistics.push_back({"z", se0 > 0.0 ? std::optional<double>(kappa / se0) : std::nullopt});
  out.statistics.push_back(
      {"p", se0 > 0.0 ? std::optional<double>(detail::normal_two_sided_p(kappa / se0)) : std::nullopt});
  if (weighting == Weighting::identity) {
    // kappa_max = (sum_k min(p_k., p_.k) - p_e) / (1 - p_e) (Cohen 1960, p. 42).
    double pmax = 0.0;
    for (std::size_t k = 0; k < q; ++k) pmax += std::min(row[k], col[k]);
    out.statistics.push_back({"kappa_max", (pmax - pe) / (1.0 - pe)});
  }
  out.labels.push_back({"weights", std::string(to_string(weighting))});
  ConfusionMatrix cm;
  cm.row_rater = table.raters[a];
  cm.column_rater = table.raters[b];
  for (const auto& c : table.categories) cm.categories.push_back(c.label);
  cm.counts.assign(q, std::vector<double>(q, 0.0));
  for (std::size_t k = 0; k < q; ++k)
    for (std::size_t l = 0; l < q; ++l) cm.counts[k][l] = counts[k * q + l];
  out.matrix = std::move(cm);
  return out;
}

}  // namespace rapport::stats
