// SPDX-License-Identifier: MIT
// Krippendorff's alpha_u (1995; 2004 pp. 251-256). D_o and D_e per category as in the 2004 text
// and DKPro Statistics' KrippendorffAlphaUnitizingAgreement (Meyer et al. 2014); re-implemented.
#include "rapport/intervals/unitizing_alpha.hpp"

#include <algorithm>
#include <cmath>

namespace rapport::intervals {
namespace {

struct Segment {
  Millis start = 0;
  Millis length = 0;
  bool unit = false;  ///< a c-unit (true) or a gap
  Millis end() const { return start + length; }
};

using Real = long double;

/// One rater's record for category c: the partition of [B, B+L) into c-units and gaps.
std::vector<Segment> partition(const std::vector<const Interval*>& units, const Continuum& continuum) {
  std::vector<Segment> out;
  Millis pos = continuum.start_ms;
  for (const Interval* u : units) {
    if (u->start_ms > pos) out.push_back({pos, u->start_ms - pos, false});
    out.push_back({u->start_ms, u->length(), true});
    pos = u->end_ms;
  }
  if (pos < continuum.end_ms) out.push_back({pos, continuum.end_ms - pos, false});
  return out;
}

}  // namespace

double unitizing_distance(Millis start1, Millis length1, bool unit1, Millis start2, Millis length2, bool unit2) {
  const Real begin_diff = static_cast<Real>(start1 - start2);
  const Real length_diff = static_cast<Real>(length1 - length2);
  const Real l1 = static_cast<Real>(length1), l2 = static_cast<Real>(length2);
  // Two c-units that overlap: squared start shift + squared end shift.
  if (unit1 && unit2 && -l1 < begin_diff && begin_diff < l2)
    return static_cast<double>(begin_diff * begin_diff + (begin_diff + length_diff) * (begin_diff + length_diff));
  // A c-unit inside the other observer's gap: its squared length.
  if (unit1 && !unit2 && begin_diff >= 0 && begin_diff <= -length_diff) return static_cast<double>(l1 * l1);
  if (!unit1 && unit2 && begin_diff <= 0 && begin_diff >= -length_diff) return static_cast<double>(l2 * l2);
  return 0.0;
}

UnitizingAlpha krippendorff_alpha_u(const std::vector<RaterIntervals>& raters, const Continuum& continuum) {
  UnitizingAlpha result;
  result.raters = raters.size();
  const Millis length = continuum.length();
  if (raters.size() < 2) {
    result.reason = "needs at least two raters";
    return result;
  }
  if (length <= 0) {
    result.reason = "the continuum is empty";
    return result;
  }
  for (const auto& r : raters)
    for (const auto& i : r.intervals) {
      if (i.length() <= 0) continue;
      ++result.units;
      if (i.start_ms < continuum.start_ms || i.end_ms > continuum.end_ms) {
        result.reason = "an interval of " + r.rater + " (" + std::to_string(i.start_ms) + "-" +
                        std::to_string(i.end_ms) + " ms) lies outside the continuum";
        return result;
      }
    }
  const std::size_t m = raters.size();
  const Real L = static_cast<Real>(length);
  Real observed_sum = 0, expected_sum = 0;
  const auto categories = categories_of(raters);
  for (const auto& category : categories) {
    UnitizingCategory cr;
    cr.category = category;
    // Each rater's c-units, sorted; a rater's c-units must not overlap.
    std::vector<std::vector<const Interval*>> units(m);
    for (std::size_t r = 0; r < m; ++r) {
      for (const auto& i : raters[r].intervals)
        if (i.category == category && i.length() > 0) units[r].push_back(&i);
      std::stable_sort(units[r].begin(), units[r].end(),
                       [](const Interval* a, const Interval* b) { return a->start_ms < b->start_ms; });
      for (std::size_t k = 1; k < units[r].size(); ++k)
        if (units[r][k]->start_ms < units[r][k - 1]->end_ms) {
          cr.reason = raters[r].rater + " has overlapping units of this category (" +
                      std::to_string(units[r][k - 1]->start_ms) + "-" + std::to_string(units[r][k - 1]->end_ms) +
                      " and " + std::to_string(units[r][k]->start_ms) + "-" + std::to_string(units[r][k]->end_ms) +
                      " ms)";
          break;
        }
      if (!cr.reason.empty()) break;
    }
    if (!cr.reason.empty()) {
      result.reason = "category '" + category + "': " + cr.reason;
      result.per_category.push_back(std::move(cr));
      continue;
    }
    std::vector<std::vector<Segment>> parts(m);
    for (std::size_t r = 0; r < m; ++r) parts[r] = partition(units[r], continuum);

    // D_o: every pair of observers, every pair of overlapping segments (2004 p. 253).
    Real distances = 0;
    for (std::size_t r1 = 0; r1 < m; ++r1)
      for (std::size_t r2 = r1 + 1; r2 < m; ++r2) {
        const auto& p1 = parts[r1];
        const auto& p2 = parts[r2];
        std::size_t i = 0, j = 0;
        while (i < p1.size() && j < p2.size()) {
          distances += static_cast<Real>(
              unitizing_distance(p1[i].start, p1[i].length, p1[i].unit, p2[j].start, p2[j].length, p2[j].unit));
          const Millis e1 = p1[i].end(), e2 = p2[j].end();
          if (e1 <= e2) ++i;
          if (e2 <= e1) ++j;
        }
      }
    const Real observed = 2 * distances / (static_cast<Real>(m * (m - 1)) * L * L);

    // D_e (2004 form): for every c-unit of length l,
    //   (N_c - 1)(2l^3 - 3l^2 + l)/3 + l^2 * sum over gaps g >= l of (g - l + 1),
    // times 2/L, over (mL(mL - 1) - sum of l(l - 1) over c-units).
    std::size_t n_c = 0;
    Real squared_lengths = 0;
    std::vector<Millis> gaps;
    for (std::size_t r = 0; r < m; ++r) {
      for (const auto* u : units[r]) {
        ++n_c;
        const Real l = static_cast<Real>(u->length());
        squared_lengths += l * (l - 1);
      }
      for (const auto& s : parts[r])
        if (!s.unit) gaps.push_back(s.length);
    }
    std::sort(gaps.begin(), gaps.end());
    std::vector<Real> suffix(gaps.size() + 1, 0);
    for (std::size_t g = gaps.size(); g-- > 0;) suffix[g] = suffix[g + 1] + static_cast<Real>(gaps[g]);
    Real expected = 0;
    for (std::size_t r = 0; r < m; ++r)
      for (const auto* u : units[r]) {
        const Real l = static_cast<Real>(u->length());
        const auto first =
            static_cast<std::size_t>(std::lower_bound(gaps.begin(), gaps.end(), u->length()) - gaps.begin());
        const Real count = static_cast<Real>(gaps.size() - first);
        const Real gap_sum = suffix[first] - (l - 1) * count;
        expected += static_cast<Real>(n_c - 1) * (2 * l * l * l - 3 * l * l + l) / 3 + l * l * gap_sum;
      }
    const Real mL = static_cast<Real>(m) * L;
    expected = expected * (2 / L) / (mL * (mL - 1) - squared_lengths);

    cr.observed = static_cast<double>(observed);
    cr.expected = static_cast<double>(expected);
    if (expected > 0) {
      cr.alpha = static_cast<double>(1 - observed / expected);
    } else {
      cr.reason = "no expected disagreement (D_e = 0)";
    }
    observed_sum += observed;
    expected_sum += expected;
    result.per_category.push_back(std::move(cr));
  }
  if (!result.reason.empty()) return result;
  if (categories.empty()) {
    result.reason = "no coded intervals";
    return result;
  }
  // Pooled over categories: mean D_o over mean D_e (DKPro; numerators and denominators pooled).
  const Real k = static_cast<Real>(categories.size());
  result.observed = static_cast<double>(observed_sum / k);
  result.expected = static_cast<double>(expected_sum / k);
  if (expected_sum > 0) {
    result.alpha = static_cast<double>(1 - observed_sum / expected_sum);
  } else {
    result.reason = "no expected disagreement (D_e = 0)";
  }
  return result;
}

}  // namespace rapport::intervals
