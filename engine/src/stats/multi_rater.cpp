// SPDX-License-Identifier: MIT
// Fleiss' kappa, Brennan-Prediger and Gwet's AC1/AC2 share one computation: p_a over units with
// >= 2 ratings, pi_k over units with >= 1 rating, and Gwet's linearisation variance.
// Gwet, K. L. (2014) Handbook of Inter-Rater Reliability, 4th ed.: eq. 2.8 (weighted p_a),
// ch. 5 (variances: c_i = (n/n2)(p_a,i - p_e)/(1 - p_e), c*_i = c_i - 2(1 - coef)(p_e,i -
// p_e)/(1 - p_e), Var = sum (c*_i - coef)^2 / (n(n-1)), f = 0), ../shared/domain/statistics.md s.1.
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "inference.hpp"
#include "rapport/stats/multi_rater.hpp"

namespace rapport::stats {
namespace {

enum class Chance { fleiss, brennan_prediger, gwet };

std::string measure_name(Chance chance, Weighting w) {
  std::string base = chance == Chance::fleiss             ? "fleiss_kappa"
                     : chance == Chance::brennan_prediger ? "brennan_prediger"
                                                          : "";
  if (chance == Chance::gwet) return w == Weighting::identity ? "gwet_ac1" : "gwet_ac2_" + std::string(to_string(w));
  if (w == Weighting::identity) return base;
  return base + "_" + std::string(to_string(w));
}

/// Sum over ordered pairs a != b of w(c_a, c_b) for one unit's ratings.
double pair_weight_sum(const std::vector<std::int32_t>& ratings, const Weights& w) {
  double s = 0.0;
  const std::size_t r = ratings.size();
  if (w.weighting() == Weighting::identity) {
    for (std::size_t a = 0; a < r; ++a)
      for (std::size_t b = a + 1; b < r; ++b) s += ratings[a] == ratings[b] ? 2.0 : 0.0;
    return s;
  }
  for (std::size_t a = 0; a < r; ++a)
    for (std::size_t b = a + 1; b < r; ++b) s += 2.0 * w(ratings[a], ratings[b]);
  return s;
}

Measure coefficient(const RatingTable& table, Weighting weighting, Chance chance, double confidence) {
  const std::string name = measure_name(chance, weighting);
  const std::size_t m = table.rater_count();
  const std::size_t q = table.category_count();
  if (q > detail::max_categories) return undefined_measure(name, detail::too_many_categories_reason(q), 0, m);
  const Weights w(table, weighting);

  // Pass 1: p_a (mean over units with r_i >= 2) and pi_k (mean over units with r_i >= 1).
  std::vector<double> pi(q, 0.0);
  std::vector<std::int32_t> ratings;
  std::size_t n = 0, n2 = 0;
  double pa_sum = 0.0;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    detail::collect_ratings(table.row(u), ratings);
    const std::size_t r = ratings.size();
    if (r == 0) continue;
    ++n;
    for (std::int32_t c : ratings) pi[static_cast<std::size_t>(c)] += 1.0 / static_cast<double>(r);
    if (r < 2) continue;
    ++n2;
    pa_sum += pair_weight_sum(ratings, w) / static_cast<double>(r * (r - 1));
  }
  if (n2 == 0) return undefined_measure(name, "no unit has two or more ratings", n, m);
  if (n < 2) return undefined_measure(name, "needs at least 2 rated units; got " + std::to_string(n), n, m);
  for (double& p : pi) p /= static_cast<double>(n);
  const double pa = pa_sum / static_cast<double>(n2);
  if (detail::categories_used(table) == 1)
    return undefined_measure(name,
                             "every rating is '" + detail::only_category(table) +
                                 "': chance agreement is 1 and the coefficient is 0/0 (percent agreement " +
                                 detail::fixed(pa) + ")",
                             n, m);

  // Chance agreement.
  std::vector<double> w_pi;  // (W pi)_k for Fleiss
  double pe = 0.0;
  const double t_w = w.total();
  const double qd = static_cast<double>(q);
  switch (chance) {
    case Chance::fleiss:  // p_e = sum_kl w_kl pi_k pi_l (Fleiss 1971 eq. 5; Gwet 2014 eq. 5.x weighted)
      w_pi.assign(q, 0.0);
      for (std::size_t k = 0; k < q; ++k)
        for (std::size_t l = 0; l < q; ++l)
          w_pi[k] += w(static_cast<std::int32_t>(k), static_cast<std::int32_t>(l)) * pi[l];
      for (std::size_t k = 0; k < q; ++k) pe += pi[k] * w_pi[k];
      break;
    case Chance::brennan_prediger:  // p_e = T_w / q^2 (Brennan & Prediger 1981; Gwet 2014 eq. 4.x)
      pe = t_w / (qd * qd);
      break;
    case Chance::gwet: {  // p_e = T_w / (q(q-1)) sum_k pi_k (1 - pi_k) (Gwet 2008 eq. 15; 2014 eq. 4.x)
      double s = 0.0;
      for (double p : pi) s += p * (1.0 - p);
      pe = t_w / (qd * (qd - 1.0)) * s;
      break;
    }
  }
  if (pe >= 1.0 - 1e-12)
    return undefined_measure(
        name, "chance agreement is 1: the coefficient is 0/0 (percent agreement " + detail::fixed(pa) + ")", n, m);
  Measure out;
  out.name = name;
  out.n_units = n;
  out.n_raters = m;
  out.value = (pa - pe) / (1.0 - pe);
  const double coef = *out.value;

  // Pass 2: Gwet's linearised variance.
  const double nd = static_cast<double>(n);
  const double scale = nd / static_cast<double>(n2);
  const double gwet_factor = chance == Chance::gwet ? t_w / (qd * (qd - 1.0)) : 0.0;
  double ss = 0.0;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    detail::collect_ratings(table.row(u), ratings);
    const std::size_t r = ratings.size();
    if (r == 0) continue;
    const double rd = static_cast<double>(r);
    const double c_i = r >= 2 ? scale * (pair_weight_sum(ratings, w) / (rd * (rd - 1.0)) - pe) / (1.0 - pe) : 0.0;
    double c_star = c_i;
    if (chance != Chance::brennan_prediger) {
      double pe_i = 0.0;
      if (chance == Chance::fleiss) {
        for (std::int32_t c : ratings) pe_i += w_pi[static_cast<std::size_t>(c)];
      } else {
        for (std::int32_t c : ratings) pe_i += 1.0 - pi[static_cast<std::size_t>(c)];
        pe_i *= gwet_factor;
      }
      pe_i /= rd;
      c_star = c_i - 2.0 * (1.0 - coef) * (pe_i - pe) / (1.0 - pe);
    }
    ss += (c_star - coef) * (c_star - coef);
  }
  const double se = std::sqrt(ss / (nd * (nd - 1.0)));
  detail::set_t_interval(out, se, nd - 1.0, confidence);
  out.statistics.push_back({"p_a", pa});
  out.statistics.push_back({"p_e", pe});
  out.statistics.push_back({"categories", qd});
  out.statistics.push_back({"units_with_two_or_more_ratings", static_cast<double>(n2)});
  out.labels.push_back({"weights", std::string(to_string(weighting))});
  if (chance != Chance::fleiss) {
    out.labels.push_back({"categories_from", table.declared_scale ? "declared scale" : "observed values"});
  }

  if (chance == Chance::fleiss && weighting == Weighting::identity) {
    // Category kappas: kappa_j = 1 - (A_j / n2) / (pi_j (1 - pi_j)), A_j = sum_i r_ij (r_i - r_ij) /
    // (r_i (r_i - 1)) -- Fleiss 1971 eq. 11 (kappa of category j against the rest), in Gwet's form.
    std::vector<double> a(q, 0.0);
    std::vector<int> count(q, 0);
    bool complete = true;
    std::size_t common_r = 0;
    for (std::size_t u = 0; u < table.unit_count(); ++u) {
      detail::collect_ratings(table.row(u), ratings);
      const std::size_t r = ratings.size();
      if (r == 0) continue;
      if (common_r == 0) common_r = r;
      complete = complete && r == common_r;
      if (r < 2) continue;
      for (std::int32_t c : ratings) ++count[static_cast<std::size_t>(c)];
      const double den = static_cast<double>(r * (r - 1));
      for (std::int32_t c : ratings) {
        auto& k = count[static_cast<std::size_t>(c)];
        if (k == 0) continue;  // already added
        a[static_cast<std::size_t>(c)] += k * (static_cast<double>(r) - k) / den;
        k = 0;
      }
    }
    for (std::size_t j = 0; j < q; ++j) {
      const double v = pi[j] * (1.0 - pi[j]);
      out.per_category.push_back(
          {table.categories[j].label,
           v > 0.0 ? std::optional<double>(1.0 - (a[j] / static_cast<double>(n2)) / v) : std::nullopt});
    }
    // Null SE on complete data (Fleiss, Nee & Landis 1979, as irr::kappam.fleiss):
    // SE0 = sqrt(2) / (sum p_j q_j sqrt(n m (m-1))) * sqrt((sum p_j q_j)^2 - sum p_j q_j (q_j - p_j)).
    if (complete && common_r >= 2) {
      const double mm = static_cast<double>(common_r);
      double spq = 0.0, spqqp = 0.0;
      for (double p : pi) {
        spq += p * (1.0 - p);
        spqqp += p * (1.0 - p) * ((1.0 - p) - p);
      }
      const double se0 = std::sqrt(2.0) / (spq * std::sqrt(nd * mm * (mm - 1.0))) * std::sqrt(spq * spq - spqqp);
      out.statistics.push_back({"se0", se0});
      out.statistics.push_back({"z", coef / se0});
      out.statistics.push_back({"p", detail::normal_two_sided_p(coef / se0)});
    }
  }
  return out;
}

}  // namespace

Measure fleiss_kappa(const RatingTable& table, Weighting weighting, double confidence) {
  return coefficient(table, weighting, Chance::fleiss, confidence);
}

Measure brennan_prediger(const RatingTable& table, Weighting weighting, double confidence) {
  return coefficient(table, weighting, Chance::brennan_prediger, confidence);
}

Measure gwet_ac(const RatingTable& table, Weighting weighting, double confidence) {
  return coefficient(table, weighting, Chance::gwet, confidence);
}

}  // namespace rapport::stats
