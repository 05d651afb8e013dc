// SPDX-License-Identifier: MIT
// Segment disagreements (issue 7 §6): what a consensus meeting steps through - every segment
// where the coders differ on a code's presence or on a rating. Family presence is not listed:
// it only restates the codes.
#include "reliability/steps.hpp"

namespace rapport::reliability::detail {

std::vector<SegmentDisagreement> segment_disagreements(const Project& project, const ReliabilityTables& tables) {
  std::vector<SegmentDisagreement> out;
  const std::size_t m = tables.coders.size();
  std::vector<const Variable*> variables;
  for (const auto& v : tables.codes) variables.push_back(&v);
  for (const auto& v : tables.segment_ratings) variables.push_back(&v);
  for (std::size_t u = 0; u < tables.segments.size(); ++u) {
    const SegmentUnit& unit = tables.segments[u];
    for (const Variable* v : variables) {
      std::vector<std::optional<double>> values(m);
      std::optional<double> first;
      bool differ = false;
      std::size_t given = 0;
      for (std::size_t r = 0; r < m; ++r) {
        const auto cell = v->table.at(u, r);
        if (cell == stats::RatingTable::missing) continue;
        values[r] = v->table.categories[static_cast<std::size_t>(cell)].value;
        ++given;
        if (!first)
          first = values[r];
        else if (*values[r] != *first)
          differ = true;
      }
      if (given < 2 || !differ) continue;
      out.push_back({project.sessions[unit.session].session, unit.index + 1, unit.start_ms, unit.end_ms, v->name,
                     v->family, v->kind, std::move(values)});
    }
  }
  return out;
}

}  // namespace rapport::reliability::detail
