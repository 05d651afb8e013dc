// SPDX-License-Identifier: MIT
#include "rapport/stats/weights.hpp"

#include <algorithm>

namespace rapport::stats {

std::string_view to_string(Weighting weighting) noexcept {
  switch (weighting) {
    case Weighting::identity: return "unweighted";
    case Weighting::linear: return "linear";
    case Weighting::quadratic: return "quadratic";
  }
  return "unweighted";
}

Weights::Weights(const RatingTable& table, Weighting weighting) : m_weighting(weighting) {
  m_values.reserve(table.category_count());
  for (const auto& c : table.categories) m_values.push_back(c.value);
  if (!m_values.empty()) {
    const auto [lo, hi] = std::minmax_element(m_values.begin(), m_values.end());
    m_range = *hi - *lo;
  }
}

double Weights::total() const noexcept {
  const auto q = static_cast<std::int32_t>(m_values.size());
  if (m_weighting == Weighting::identity) return static_cast<double>(q);
  double t = 0.0;
  for (std::int32_t k = 0; k < q; ++k)
    for (std::int32_t l = 0; l < q; ++l) t += (*this)(k, l);
  return t;
}

}  // namespace rapport::stats
