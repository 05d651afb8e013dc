// SPDX-License-Identifier: MIT
// The result of one agreement coefficient. A value the data do not define is nullopt with a
// reason, never a made-up number (../shared/DESIGN.md, `rapport agree`).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace rapport::stats {

/// An extra named number of a measure (p_o, p_e, se0, z, p, kappa_max, f, df1, df2, ...).
struct Statistic {
  std::string key;
  std::optional<double> value;
};

/// An extra named text of a measure (mcgraw_wong, weights, ...).
struct Label {
  std::string key;
  std::string value;
};

/// One category's value of a measure (category kappas, specific agreement).
struct CategoryValue {
  std::string category;
  std::optional<double> value;
};

/// Rater A (rows) x rater B (columns) counts over units rated by both.
struct ConfusionMatrix {
  std::string row_rater;
  std::string column_rater;
  std::vector<std::string> categories;
  std::vector<std::vector<double>> counts;
};

struct Measure {
  std::string name;              ///< stable snake_case name (DESIGN.md)
  std::optional<double> value;   ///< nullopt when undefined for the data
  std::string reason;            ///< why value (or SE/CI) is missing; empty when all are present
  std::optional<double> se;      ///< standard error where defined
  std::optional<double> ci_low;  ///< 95% confidence interval (or `confidence`)
  std::optional<double> ci_high;
  std::string ci_method;              ///< "wald_normal", "t", "exact_f", "satterthwaite_f", "bootstrap_percentile", ...
  std::size_t n_units = 0;            ///< units the measure used
  std::size_t n_raters = 0;           ///< raters the measure used
  std::vector<Statistic> statistics;  ///< extra numbers, in a stable order
  std::vector<Label> labels;          ///< extra texts, in a stable order
  std::vector<CategoryValue> per_category;
  std::optional<ConfusionMatrix> matrix;
  std::string interpretation;  ///< band label (Landis & Koch, Koo & Li, Krippendorff), empty if none
  std::string explanation;     ///< plain-language paragraph

  std::optional<double> statistic(const std::string& key) const {
    for (const auto& s : statistics)
      if (s.key == key) return s.value;
    return std::nullopt;
  }
  std::string label(const std::string& key) const {
    for (const auto& l : labels)
      if (l.key == key) return l.value;
    return {};
  }
};

/// A measure named `name` with value null and `reason`.
Measure undefined_measure(std::string name, std::string reason, std::size_t n_units, std::size_t n_raters);

}  // namespace rapport::stats
