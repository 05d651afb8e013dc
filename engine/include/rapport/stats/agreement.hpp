// SPDX-License-Identifier: MIT
// Every measure by its stable name (../shared/DESIGN.md), which apply at which level, and one
// call that computes a chosen set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/stats/measure.hpp"
#include "rapport/stats/rating_table.hpp"

namespace rapport::stats {

/// All measure names for rating tables, in report order.
std::span<const std::string_view> rating_measure_names() noexcept;
bool is_rating_measure(std::string_view name) noexcept;
/// Whether `name` applies to data at `level` (weighted and ordinal forms need ordered data,
/// ICC and interval/ratio alpha need interval/ratio data).
bool applies(std::string_view name, Level level) noexcept;

struct AgreementOptions {
  Level level = Level::nominal;
  std::vector<std::string> measures;  ///< empty: every measure that applies at `level`
  std::size_t bootstrap = 1000;       ///< Krippendorff alpha bootstrap draws (0: none)
  std::uint64_t seed = 1;
  double confidence = 0.95;
};

/// Computes the measures, interpreted and explained, in the order asked (or report order).
/// Throws std::invalid_argument for an unknown name. A measure asked for that does not apply at
/// the level is returned null with the reason.
std::vector<Measure> compute_agreement(const RatingTable& table, const AgreementOptions& options);

}  // namespace rapport::stats
