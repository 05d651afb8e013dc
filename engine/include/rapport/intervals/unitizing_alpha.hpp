// SPDX-License-Identifier: MIT
// Krippendorff's alpha for unitizing, alpha_u, in its 1995/2004 form:
// Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
// Methodology 25:47-76; Krippendorff, K. (2004). Content Analysis, 2nd ed., §12.? pp. 251-256.
// The expected disagreement follows the 2004 form as implemented in DKPro Statistics
// (Meyer et al. 2014), which corrects a small error in the 1995 paper's D_e
// (../shared/domain/statistics.md §3). Times are on a 1 ms grid.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rapport/intervals/interval_set.hpp"

namespace rapport::intervals {

struct UnitizingCategory {
  std::string category;
  std::optional<double> alpha;  ///< nullopt when D_e = 0 (see reason)
  double observed = 0;          ///< D_o(c)
  double expected = 0;          ///< D_e(c)
  std::string reason;
};

struct UnitizingAlpha {
  std::optional<double> alpha;  ///< pooled: 1 - mean_c D_o(c) / mean_c D_e(c)
  double observed = 0;
  double expected = 0;
  std::string reason;  ///< why alpha is nullopt
  std::vector<UnitizingCategory> per_category;
  std::size_t raters = 0;
  std::size_t units = 0;
};

/// Per category c, each rater's record is a partition of the continuum into c-units and gaps
/// (other categories count as gaps). Intervals must lie inside `continuum`; a rater's c-units
/// must not overlap each other (reported as a reason); zero-length intervals are ignored.
UnitizingAlpha krippendorff_alpha_u(const std::vector<RaterIntervals>& raters, const Continuum& continuum);

/// Krippendorff's distance between two overlapping segments (1995 eq. 6; 2004 p. 253):
/// two c-units: (start shift)^2 + (end shift)^2; a c-unit inside the other's gap: its length^2;
/// otherwise 0. `unit1`/`unit2` say whether the segment is a c-unit (true) or a gap.
double unitizing_distance(Millis start1, Millis length1, bool unit1, Millis start2, Millis length2, bool unit2);

}  // namespace rapport::intervals
