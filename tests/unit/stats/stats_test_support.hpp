// SPDX-License-Identifier: MIT
// Small builders for the published data sets used as test oracles.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rapport/stats/rating_table.hpp"

namespace rapport::test {

inline constexpr std::optional<double> na = std::nullopt;
using NumericRows = std::vector<std::vector<std::optional<double>>>;

/// Rows of two raters from a q x q contingency table counts[k][l] (rater 1 = k, rater 2 = l),
/// categories 1..q.
inline stats::RatingTable from_contingency(const std::vector<std::vector<int>>& counts) {
  NumericRows rows;
  for (std::size_t k = 0; k < counts.size(); ++k)
    for (std::size_t l = 0; l < counts[k].size(); ++l)
      for (int i = 0; i < counts[k][l]; ++i) rows.push_back({static_cast<double>(k + 1), static_cast<double>(l + 1)});
  return stats::make_numeric_table(rows);
}

/// Observers x units (Krippendorff's layout) to units x raters.
inline NumericRows transpose(const NumericRows& by_observer) {
  NumericRows rows(by_observer.front().size());
  for (const auto& observer : by_observer)
    for (std::size_t u = 0; u < observer.size(); ++u) rows[u].push_back(observer[u]);
  return rows;
}

/// Krippendorff (2011) example C: 4 observers, 12 units, missing data (observers x units).
inline NumericRows krippendorff_2011_c() {
  return transpose({{1, 2, 3, 3, 2, 1, 4, 1, 2, na, na, na},
                    {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, na, 3},
                    {na, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, na},
                    {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, na}});
}

/// Shrout & Fleiss (1979) Table 2: 6 targets x 4 judges.
inline NumericRows shrout_fleiss_1979() {
  return {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};
}

/// Fleiss (1971) Table 1: 30 patients, 6 psychiatrists each, counts per diagnosis (depression,
/// personality disorder, schizophrenia, neurosis, other). Transcribed in JonasMoss/quadagree
/// data_raw/fleiss1971.csv ("scraped by hand from Fleiss (1971)").
inline std::vector<std::vector<int>> fleiss_1971() {
  return {{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0}, {2, 0, 4, 0, 0},
          {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6}, {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0},
          {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1}, {0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0},
          {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3}, {0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0},
          {1, 0, 0, 4, 1}, {0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6}};
}

/// Hayes & Krippendorff (2007) Table 1: 40 newspaper articles, 5 observers, ordinal 0-3
/// (transcribed in jucor/krippendorff data-raw/hayes2007table1.csv).
inline NumericRows hayes_krippendorff_2007() {
  return {{1, 1, 2, na, 2}, {1, 1, 0, 1, na},  {2, 3, 3, 3, na}, {na, 0, 0, na, 0}, {0, 0, 0, na, 0},  {0, 0, 0, na, 0},
          {1, 0, 2, na, 1}, {1, na, 2, 0, na}, {2, 2, 2, na, 2}, {2, 1, 1, 1, na},  {na, 1, 0, 0, na}, {0, 0, 0, 0, na},
          {1, 2, 2, 2, na}, {3, 3, 2, 2, 3},   {1, 1, 1, na, 1}, {1, 1, 1, na, 1},  {2, 1, 2, na, 2},  {1, 2, 3, 3, na},
          {1, 1, 0, 1, na}, {0, 0, 0, na, 0},  {0, 0, 1, 1, na}, {0, 0, na, 0, 0},  {2, 3, 3, 3, na},  {0, 0, 0, 0, na},
          {1, 2, na, 2, 2}, {0, 1, 1, 1, na},  {0, 0, 0, 1, 0},  {1, 2, 1, 2, na},  {1, 1, 2, 2, na},  {1, 1, 2, na, 2},
          {1, 1, 0, na, 0}, {2, 1, 2, 1, na},  {2, 2, na, 2, 2}, {3, 2, 2, 2, na},  {2, 2, 2, na, 2},  {2, 2, 3, na, 2},
          {2, 2, 2, na, 2}, {2, 2, na, 1, 2},  {2, 2, 2, 2, na}, {1, 1, 1, na, 1}};
}

}  // namespace rapport::test
