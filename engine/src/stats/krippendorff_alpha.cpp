// SPDX-License-Identifier: MIT
// Krippendorff's alpha, Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability"
// (Annenberg School, U. Pennsylvania), sections A-E: alpha = 1 - D_o / D_e with the coincidences
// o_ck = sum_u (number of c-k pairs in unit u) / (m_u - 1) over units with m_u >= 2 values,
// D_o = (1/n) sum_ck o_ck delta2_ck and D_e = 1/(n(n-1)) sum_ck n_c n_k delta2_ck. Metrics
// (2011 p. 5-6): nominal [c != k]; ordinal (sum_{g=c..k} n_g - (n_c + n_k)/2)^2; interval
// (c - k)^2; ratio ((c - k)/(c + k))^2. D_o is accumulated over the pairs of each unit, so the
// q x q coincidence matrix is never stored; interval D_e uses sum_ck n_c n_k (c-k)^2 =
// 2 n sum n_c c^2 - 2 (sum n_c c)^2.
//
// Bootstrap after Hayes & Krippendorff (2007, Communication Methods and Measures 1:77): D_e
// fixed, the pairable value pairs resampled. Rapport's documented variant: every unordered pair
// {a, b} of values in a unit with m_u values carries weight 2/(m_u - 1) (the weights sum to n);
// one replicate draws ceil(n/2) pairs with probability proportional to weight and sets
// D_o* = mean delta2 of the drawn pairs, alpha* = 1 - D_o*/D_e. Pairs are drawn through classes
// (a cell {c, k} of the coincidence matrix, or a single pair when there are more than 256
// categories), which gives the same resampling distribution. Replicate b uses std::mt19937_64
// seeded with std::seed_seq{seed_low32, seed_high32, b} (both fully specified by the C++
// standard). With J classes and D = ceil(n/2) draws: when 4J <= D the replicate draws the
// counts of the classes at once (multinomial by conditional binomials: count_j ~
// Binomial(D - drawn so far, w_j / weight of classes j..J), Boost.Random's binomial_distribution,
// whose algorithm is fixed), else one draw takes one 64-bit output x: class j = ((x >> 32) * J)
// >> 32 of Vose's alias table over the J classes, kept if (x mod 2^32) 2^-32 < prob_j, else
// alias_j. Both sample the same distribution. Results do not depend on the number of threads.
// Percentile CI by nearest rank.
#include "rapport/stats/krippendorff_alpha.hpp"

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <cmath>
#include <random>
#include <thread>

#include "inference.hpp"

namespace rapport::stats {
namespace {

constexpr std::size_t max_quadratic_categories = 5000;
constexpr std::size_t max_matrix_categories = 256;

class Metric {
 public:
  Metric(Level level, const RatingTable& table, const std::vector<double>& marginal) : m_level(level) {
    for (const auto& c : table.categories) m_values.push_back(c.value);
    if (level == Level::ordinal) {
      m_cumulative.assign(marginal.size() + 1, 0.0);
      for (std::size_t g = 0; g < marginal.size(); ++g) m_cumulative[g + 1] = m_cumulative[g] + marginal[g];
      m_marginal = marginal;
    }
  }
  double operator()(std::int32_t c, std::int32_t k) const noexcept {
    if (c == k) return 0.0;
    const auto ci = static_cast<std::size_t>(c), ki = static_cast<std::size_t>(k);
    switch (m_level) {
      case Level::nominal: return 1.0;
      case Level::ordinal: {
        const std::size_t lo = std::min(ci, ki), hi = std::max(ci, ki);
        const double d = m_cumulative[hi + 1] - m_cumulative[lo] - (m_marginal[lo] + m_marginal[hi]) / 2.0;
        return d * d;
      }
      case Level::interval: {
        const double d = m_values[ci] - m_values[ki];
        return d * d;
      }
      case Level::ratio: {
        const double s = m_values[ci] + m_values[ki];
        if (s == 0.0) return 0.0;
        const double d = (m_values[ci] - m_values[ki]) / s;
        return d * d;
      }
    }
    return 0.0;
  }

 private:
  Level m_level;
  std::vector<double> m_values, m_cumulative, m_marginal;
};

struct AliasTable {
  std::vector<double> prob;
  std::vector<std::uint32_t> alias;
};

/// Vose (1991) alias method for sampling proportional to `weights`.
AliasTable make_alias(const std::vector<double>& weights) {
  const std::size_t size = weights.size();
  AliasTable t{std::vector<double>(size, 1.0), std::vector<std::uint32_t>(size, 0)};
  double total = 0.0;
  for (double w : weights) total += w;
  std::vector<double> scaled(size);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < size; ++i) {
    scaled[i] = weights[i] * static_cast<double>(size) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    t.prob[s] = scaled[s];
    t.alias[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (std::uint32_t i : large) t.prob[i] = 1.0;
  for (std::uint32_t i : small) t.prob[i] = 1.0;
  return t;
}

}  // namespace

Measure krippendorff_alpha(const RatingTable& table, Level metric, const AlphaBootstrap& bootstrap, double confidence) {
  const std::string name = "krippendorff_alpha_" + std::string(to_string(metric));
  const std::size_t m = table.rater_count(), q = table.category_count();
  if (metric != Level::nominal && !table.numeric)
    return undefined_measure(name, "the " + std::string(to_string(metric)) + " metric needs numeric values", 0, m);
  if ((metric == Level::ordinal || metric == Level::ratio) && q > max_quadratic_categories)
    return undefined_measure(name,
                             std::to_string(q) + " distinct values are too many for the " +
                                 std::string(to_string(metric)) + " metric (limit " +
                                 std::to_string(max_quadratic_categories) + ")",
                             0, m);
  if (metric == Level::ratio)
    for (const auto& c : table.categories)
      if (c.value < 0.0) return undefined_measure(name, "the ratio metric needs values >= 0", 0, m);

  // Pass 1: marginals n_c of pairable values (units with >= 2 values); for up to
  // max_matrix_categories categories also the coincidence matrix o_ck, so that D_o and the
  // bootstrap need no second pass.
  const bool matrix = q <= max_matrix_categories;
  std::vector<double> marginal(q, 0.0), coincidence(matrix ? q * q : 0, 0.0);
  std::vector<std::int32_t> values;
  std::size_t units = 0;
  for (std::size_t u = 0; u < table.unit_count(); ++u) {
    detail::collect_ratings(table.row(u), values);
    const std::size_t mu = values.size();
    if (mu < 2) continue;
    ++units;
    for (std::int32_t c : values) marginal[static_cast<std::size_t>(c)] += 1.0;
    if (!matrix) continue;
    const double w = 1.0 / static_cast<double>(mu - 1);
    for (std::size_t a = 0; a < mu; ++a)
      for (std::size_t b = a + 1; b < mu; ++b) {
        const auto c = static_cast<std::size_t>(values[a]), k = static_cast<std::size_t>(values[b]);
        coincidence[c * q + k] += w;
        coincidence[k * q + c] += w;
      }
  }
  double n = 0.0;
  for (double v : marginal) n += v;
  if (units < 2)
    return undefined_measure(name, "needs at least 2 units with two or more values; got " + std::to_string(units),
                             units, m);
  const Metric delta2(metric, table, marginal);

  // D_e.
  double de_sum = 0.0;
  if (metric == Level::nominal) {
    double sq = 0.0;
    for (double v : marginal) sq += v * v;
    de_sum = n * n - sq;
  } else if (metric == Level::interval) {
    double s1 = 0.0, s2 = 0.0;
    for (std::size_t c = 0; c < q; ++c) {
      s1 += marginal[c] * table.categories[c].value;
      s2 += marginal[c] * table.categories[c].value * table.categories[c].value;
    }
    de_sum = 2.0 * n * s2 - 2.0 * s1 * s1;
  } else {
    std::vector<std::int32_t> present;
    for (std::size_t c = 0; c < q; ++c)
      if (marginal[c] > 0) present.push_back(static_cast<std::int32_t>(c));
    for (std::int32_t c : present)
      for (std::int32_t k : present)
        de_sum += marginal[static_cast<std::size_t>(c)] * marginal[static_cast<std::size_t>(k)] * delta2(c, k);
  }
  const double de = de_sum / (n * (n - 1.0));

  // D_o: from the coincidence matrix, or (many categories) a second pass over the pairs of each
  // unit. Bootstrap classes: each cell {c, k} of the matrix (weight o_ck + o_kc, or o_cc) -- drawing
  // a cell with probability proportional to its weight is drawing a pair with probability
  // proportional to 2/(m_u - 1) and keeping only its delta2, so both paths resample alike.
  const bool keep = bootstrap.draws > 0;
  std::vector<double> pair_weight, pair_delta;
  double do_sum = 0.0;
  if (matrix) {
    for (std::size_t c = 0; c < q; ++c)
      for (std::size_t k = c; k < q; ++k) {
        const double w = c == k ? coincidence[c * q + c] : coincidence[c * q + k] + coincidence[k * q + c];
        if (w <= 0.0) continue;
        const double d = delta2(static_cast<std::int32_t>(c), static_cast<std::int32_t>(k));
        do_sum += w * d;
        if (keep) {
          pair_weight.push_back(w);
          pair_delta.push_back(d);
        }
      }
  } else {
    for (std::size_t u = 0; u < table.unit_count(); ++u) {
      detail::collect_ratings(table.row(u), values);
      const std::size_t mu = values.size();
      if (mu < 2) continue;
      const double w = 2.0 / static_cast<double>(mu - 1);
      for (std::size_t a = 0; a < mu; ++a)
        for (std::size_t b = a + 1; b < mu; ++b) {
          const double d = delta2(values[a], values[b]);
          do_sum += w * d;
          if (keep) {
            pair_weight.push_back(w);
            pair_delta.push_back(d);
          }
        }
    }
  }
  const double d_o = do_sum / n;
  if (!(de > 0.0)) {
    const std::string why = detail::categories_used(table) == 1
                                ? "every value is '" + detail::only_category(table) + "'"
                                : "the pairable values do not vary";
    return undefined_measure(name, why + ": expected disagreement is 0 and alpha is 0/0", units, m);
  }
  Measure out;
  out.name = name;
  out.n_units = units;
  out.n_raters = m;
  out.value = 1.0 - d_o / de;
  out.statistics.push_back({"d_o", d_o});
  out.statistics.push_back({"d_e", de});
  out.statistics.push_back({"pairable_values", n});
  if (!keep) {
    out.reason = "SE and CI need the bootstrap (--bootstrap N)";
    return out;
  }

  const AliasTable alias = make_alias(pair_weight);
  const std::size_t draws_per_replicate = static_cast<std::size_t>(std::ceil(n / 2.0));
  const std::size_t replicates = bootstrap.draws;
  const std::uint64_t classes = pair_weight.size();
  // Few classes and many draws (the usual case: a few categories, thousands of units): the
  // counts per class are drawn at once, as a multinomial by conditional binomials, instead of
  // draw by draw -- the same resampling distribution at a cost independent of n.
  const bool by_counts = classes * 4 <= draws_per_replicate;
  double total_weight = 0.0;
  for (double w : pair_weight) total_weight += w;
  std::vector<double> alphas(replicates);
  auto run = [&](std::size_t first, std::size_t last) {
    for (std::size_t b = first; b < last; ++b) {
      std::seed_seq seq{static_cast<std::uint32_t>(bootstrap.seed & 0xffffffffu),
                        static_cast<std::uint32_t>(bootstrap.seed >> 32), static_cast<std::uint32_t>(b)};
      std::mt19937_64 engine(seq);
      double sum = 0.0;
      if (by_counts) {
        auto remaining = static_cast<std::int64_t>(draws_per_replicate);
        double mass = total_weight;
        for (std::size_t j = 0; j < classes && remaining > 0; ++j) {
          std::int64_t count = remaining;
          if (j + 1 < classes) {
            const double p = std::clamp(pair_weight[j] / mass, 0.0, 1.0);
            count = boost::random::binomial_distribution<std::int64_t, double>(remaining, p)(engine);
          }
          sum += static_cast<double>(count) * pair_delta[j];
          remaining -= count;
          mass -= pair_weight[j];
        }
      } else {
        for (std::size_t t = 0; t < draws_per_replicate; ++t) {
          const std::uint64_t x = engine();
          auto j = static_cast<std::size_t>(((x >> 32) * classes) >> 32);
          if (static_cast<double>(x & 0xffffffffu) * 0x1.0p-32 >= alias.prob[j]) j = alias.alias[j];
          sum += pair_delta[j];
        }
      }
      alphas[b] = 1.0 - (sum / static_cast<double>(draws_per_replicate)) / de;
    }
  };
  const double work = static_cast<double>(replicates) * static_cast<double>(by_counts ? classes : draws_per_replicate);
  const std::size_t threads = work < 2e6 ? 1
                                         : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                                   std::min<std::size_t>(8, replicates));
  if (threads == 1) {
    run(0, replicates);
  } else {
    std::vector<std::jthread> pool;
    const std::size_t chunk = (replicates + threads - 1) / threads;
    for (std::size_t t = 0; t < threads; ++t) {
      const std::size_t first = t * chunk, last = std::min(replicates, first + chunk);
      if (first < last) pool.emplace_back(run, first, last);
    }
  }
  double mean = 0.0;
  for (double a : alphas) mean += a / static_cast<double>(replicates);
  double ss = 0.0, below_667 = 0.0, below_800 = 0.0;
  for (double a : alphas) {
    ss += (a - mean) * (a - mean);
    below_667 += a < 0.667;
    below_800 += a < 0.800;
  }
  std::sort(alphas.begin(), alphas.end());
  const double tail = (1.0 - confidence) / 2.0;
  const auto rank = [&](double p) {
    const double r = std::ceil(p * static_cast<double>(replicates));
    return static_cast<std::size_t>(std::clamp(r, 1.0, static_cast<double>(replicates))) - 1;
  };
  out.se = replicates > 1 ? std::optional<double>(std::sqrt(ss / static_cast<double>(replicates - 1))) : std::nullopt;
  out.ci_low = alphas[rank(tail)];
  out.ci_high = alphas[rank(1.0 - tail)];
  out.ci_method = "bootstrap_percentile";
  out.reason.clear();
  out.statistics.push_back({"bootstrap_draws", static_cast<double>(replicates)});
  out.statistics.push_back({"bootstrap_seed", static_cast<double>(bootstrap.seed)});
  out.statistics.push_back({"q_below_0_667", below_667 / static_cast<double>(replicates)});
  out.statistics.push_back({"q_below_0_800", below_800 / static_cast<double>(replicates)});
  return out;
}

}  // namespace rapport::stats
