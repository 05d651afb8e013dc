// SPDX-License-Identifier: MIT
// Agreement weights w_kl (1 on the diagonal) on the categories of a table (Cohen 1968;
// linear and quadratic forms as in Gwet 2014, ch. 3, on category values).
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rapport/stats/rating_table.hpp"

namespace rapport::stats {

enum class Weighting { identity, linear, quadratic };

/// "unweighted", "linear" or "quadratic".
std::string_view to_string(Weighting weighting) noexcept;

/// w_kl = 1 for k = l; identity: 0 elsewhere; linear: 1 - |x_k - x_l| / (x_max - x_min);
/// quadratic: 1 - (x_k - x_l)^2 / (x_max - x_min)^2, x = category values of the table.
class Weights {
 public:
  Weights(const RatingTable& table, Weighting weighting);

  double operator()(std::int32_t k, std::int32_t l) const noexcept {
    if (k == l) return 1.0;
    if (m_weighting == Weighting::identity || m_range <= 0.0) return 0.0;
    const double d = std::abs(m_values[static_cast<std::size_t>(k)] - m_values[static_cast<std::size_t>(l)]) / m_range;
    return m_weighting == Weighting::linear ? 1.0 - d : 1.0 - d * d;
  }
  Weighting weighting() const noexcept { return m_weighting; }
  std::size_t size() const noexcept { return m_values.size(); }
  /// T_w = sum over k, l of w_kl.
  double total() const noexcept;

 private:
  Weighting m_weighting;
  std::vector<double> m_values;
  double m_range = 0.0;
};

}  // namespace rapport::stats
