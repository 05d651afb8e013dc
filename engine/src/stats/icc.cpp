// SPDX-License-Identifier: MIT
// Intraclass correlations: Shrout & Fleiss (1979, Psychol. Bull. 86:420) Table 1 estimators and
// confidence intervals (eqs. 6-8 and the Satterthwaite df of ICC(2,1)); McGraw & Wong (1996,
// Psychol. Methods 1:30) Table 7 names and intervals (ICC(A,k) bounds are the Spearman-Brown
// transform of the ICC(A,1) bounds, same df). Two-way ANOVA on the complete units only.
#include "rapport/stats/icc.hpp"

#include <algorithm>
#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>

#include "inference.hpp"

namespace rapport::stats {
namespace {

double f_quantile(double p, double df1, double df2) {
  return boost::math::quantile(boost::math::fisher_f_distribution<double>{df1, df2}, p);
}

double f_upper_p(double f, double df1, double df2) {
  return boost::math::cdf(boost::math::complement(boost::math::fisher_f_distribution<double>{df1, df2}, f));
}

}  // namespace

std::optional<IccAnova> icc_anova(const RatingTable& table) {
  const std::size_t k = table.rater_count();
  if (!table.numeric) return std::nullopt;
  std::vector<double> x;  // complete units, row-major
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    const auto row = table.row(u);
    bool complete = true;
    for (std::int32_t c : row) complete = complete && c != RatingTable::missing;
    if (!complete) continue;
    for (std::int32_t c : row) x.push_back(table.categories[static_cast<std::size_t>(c)].value);
  }
  const std::size_t n = k == 0 ? 0 : x.size() / k;
  if (n < 2 || k < 2) return std::nullopt;
  const double nd = static_cast<double>(n), kd = static_cast<double>(k);
  double grand = 0.0;
  for (double v : x) grand += v;
  grand /= nd * kd;
  std::vector<double> col(k, 0.0);
  double ssr = 0.0, sst = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    double row = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
      const double v = x[i * k + j];
      row += v;
      col[j] += v;
      sst += (v - grand) * (v - grand);
    }
    const double d = row / kd - grand;
    ssr += kd * d * d;
  }
  double ssc = 0.0;
  for (double c : col) ssc += nd * (c / nd - grand) * (c / nd - grand);
  const double sse = std::max(0.0, sst - ssr - ssc);
  const double ssw = std::max(0.0, sst - ssr);
  IccAnova a;
  a.n = n;
  a.k = k;
  a.msr = ssr / (nd - 1.0);
  a.msc = ssc / (kd - 1.0);
  a.mse = sse / ((nd - 1.0) * (kd - 1.0));
  a.msw = ssw / (nd * (kd - 1.0));
  return a;
}

std::array<Measure, 6> intraclass_correlations(const RatingTable& table, double confidence) {
  static constexpr std::array<const char*, 6> names{"icc_1_1", "icc_2_1", "icc_3_1", "icc_1_k", "icc_2_k", "icc_3_k"};
  static constexpr std::array<const char*, 6> mcgraw_wong{"ICC(1)", "ICC(A,1)", "ICC(C,1)",
                                                          "ICC(k)", "ICC(A,k)", "ICC(C,k)"};
  std::array<Measure, 6> out;
  const auto anova = icc_anova(table);
  std::size_t complete = 0;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    bool all = true;
    for (std::int32_t c : table.row(u)) all = all && c != RatingTable::missing;
    complete += all;
  }
  for (std::size_t i = 0; i < 6; ++i) {
    out[i].name = names[i];
    out[i].n_units = anova ? anova->n : complete;
    out[i].n_raters = table.rater_count();
    out[i].labels.push_back({"mcgraw_wong", mcgraw_wong[i]});
    out[i].statistics.push_back({"units_dropped_incomplete", static_cast<double>(table.unit_count() - complete)});
  }
  if (!anova) {
    const std::string why = !table.numeric ? "ICC needs numeric ratings"
                            : table.rater_count() < 2
                                ? "ICC needs at least 2 raters"
                                : "ICC needs at least 2 units rated by every rater; got " + std::to_string(complete);
    for (auto& m : out) m.reason = why;
    return out;
  }
  const auto [n_, k_, msr, msw, msc, mse] = *anova;
  const double n = static_cast<double>(n_), k = static_cast<double>(k_);
  const double alpha = 1.0 - confidence;
  const double df_r = n - 1.0, df_w = n * (k - 1.0), df_e = (n - 1.0) * (k - 1.0);
  // Mean squares carry rounding error, so "zero" is judged relative to their size: otherwise a
  // denominator of 1e-17 (e.g. ICC(2,k) when ICC(2,1) = -1 and k = 2) gives a value of -1e16.
  const double scale = std::max({std::abs(msr), std::abs(msw), std::abs(msc), std::abs(mse)});
  const double tiny = 1e-12 * scale;
  auto set = [tiny](Measure& m, double num, double den) {
    if (std::abs(den) <= tiny || !std::isfinite(num / den)) {
      m.reason = std::abs(num) <= tiny
                     ? "ICC is 0/0: the ratings do not vary (between-unit and residual mean squares are 0)"
                     : "ICC is undefined for these data: its denominator (a combination of mean squares) is 0";
      return false;
    }
    m.value = num / den;
    return true;
  };
  // Table 1 of S&F 1979 / the formulas of ../shared/domain/statistics.md s.2.
  const bool ok11 = set(out[0], msr - msw, msr + (k - 1.0) * msw);
  const bool ok21 = set(out[1], msr - mse, msr + (k - 1.0) * mse + k * (msc - mse) / n);
  const bool ok31 = set(out[2], msr - mse, msr + (k - 1.0) * mse);
  const bool ok1k = set(out[3], msr - msw, msr);
  const bool ok2k = set(out[4], msr - mse, msr + (msc - mse) / n);
  const bool ok3k = set(out[5], msr - mse, msr);

  auto add_test = [&](Measure& m, double f, double df1, double df2) {
    m.statistics.push_back({"f", std::isfinite(f) ? std::optional<double>(f) : std::nullopt});
    m.statistics.push_back({"df1", df1});
    m.statistics.push_back({"df2", df2});
    m.statistics.push_back({"p", std::isfinite(f) ? std::optional<double>(f_upper_p(f, df1, df2)) : std::nullopt});
  };
  const double f1 = msw > 0.0 ? msr / msw : INFINITY;
  const double f3 = mse > 0.0 ? msr / mse : INFINITY;
  // One-way model (ICC(1,.)): F = MSR/MSW; F_L = F / F_{1-a/2}(df_r, df_w), F_U = F F_{1-a/2}(df_w, df_r).
  if (ok11 || ok1k) {
    add_test(out[0], f1, df_r, df_w);
    add_test(out[3], f1, df_r, df_w);
    if (std::isfinite(f1)) {
      const double fl = f1 / f_quantile(1.0 - alpha / 2.0, df_r, df_w);
      const double fu = f1 * f_quantile(1.0 - alpha / 2.0, df_w, df_r);
      if (ok11) {
        out[0].ci_low = (fl - 1.0) / (fl + k - 1.0);
        out[0].ci_high = (fu - 1.0) / (fu + k - 1.0);
        out[0].ci_method = "exact_f";
      }
      if (ok1k) {
        out[3].ci_low = 1.0 - 1.0 / fl;
        out[3].ci_high = 1.0 - 1.0 / fu;
        out[3].ci_method = "exact_f";
      }
    }
  }
  // Two-way models: F = MSR/MSE with df (n-1, (n-1)(k-1)).
  for (std::size_t i : {1u, 2u, 4u, 5u}) add_test(out[i], f3, df_r, df_e);
  if (std::isfinite(f3)) {
    const double fl = f3 / f_quantile(1.0 - alpha / 2.0, df_r, df_e);
    const double fu = f3 * f_quantile(1.0 - alpha / 2.0, df_e, df_r);
    if (ok31) {
      out[2].ci_low = (fl - 1.0) / (fl + k - 1.0);
      out[2].ci_high = (fu - 1.0) / (fu + k - 1.0);
      out[2].ci_method = "exact_f";
    }
    if (ok3k) {
      out[5].ci_low = 1.0 - 1.0 / fl;
      out[5].ci_high = 1.0 - 1.0 / fu;
      out[5].ci_method = "exact_f";
    }
  }
  // ICC(2,1) = ICC(A,1): Satterthwaite df v (S&F 1979 p. 425; McGraw & Wong 1996 Table 7),
  // rho = ICC(A,1), a = k rho / (n (1 - rho)), b = 1 + k rho (n - 1) / (n (1 - rho)).
  if (ok21 && *out[1].value < 1.0) {
    const double rho = *out[1].value;
    const double a = k * rho / (n * (1.0 - rho));
    const double b = 1.0 + k * rho * (n - 1.0) / (n * (1.0 - rho));
    const double num = (a * msc + b * mse) * (a * msc + b * mse);
    const double den = (a * msc) * (a * msc) / (k - 1.0) + (b * mse) * (b * mse) / ((n - 1.0) * (k - 1.0));
    if (den > 0.0) {
      const double v = num / den;
      const double fs = f_quantile(1.0 - alpha / 2.0, df_r, v);
      const double fss = f_quantile(1.0 - alpha / 2.0, v, df_r);
      const double lo = n * (msr - fs * mse) / (fs * (k * msc + (k * n - k - n) * mse) + n * msr);
      const double hi = n * (fss * msr - mse) / (k * msc + (k * n - k - n) * mse + n * fss * msr);
      out[1].ci_low = lo;
      out[1].ci_high = hi;
      out[1].ci_method = "satterthwaite_f";
      out[1].statistics.push_back({"df_satterthwaite", v});
      if (ok2k) {
        out[4].ci_low = k * lo / (1.0 + (k - 1.0) * lo);
        out[4].ci_high = k * hi / (1.0 + (k - 1.0) * hi);
        out[4].ci_method = "satterthwaite_f";
        out[4].statistics.push_back({"df_satterthwaite", v});
      }
    }
  }
  for (auto& m : out) {
    m.statistics.push_back({"msr", msr});
    m.statistics.push_back({"msw", msw});
    m.statistics.push_back({"msc", msc});
    m.statistics.push_back({"mse", mse});
    if (m.value && !m.ci_low && m.reason.empty()) m.reason = "CI undefined: the residual mean square is 0";
  }
  return out;
}

}  // namespace rapport::stats
