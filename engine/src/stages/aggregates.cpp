// SPDX-License-Identifier: MIT
#include "rapport/stages/aggregates.hpp"

namespace rapport::stages {

std::string_view to_string(GroupBy by) noexcept {
  switch (by) {
    case GroupBy::coder: return "coder";
    case GroupBy::therapist: return "therapist";
    case GroupBy::patient: return "patient";
  }
  return "coder";
}

std::optional<double> Aggregate::episodes_per_session() const {
  if (sessions == 0) return std::nullopt;
  return static_cast<double>(counts.episodes) / static_cast<double>(sessions);
}

void Aggregates::add(const SessionStages& s) {
  const std::optional<std::string> key = m_by == GroupBy::coder       ? std::optional<std::string>(s.coder)
                                         : m_by == GroupBy::therapist ? s.participants.therapist
                                                                      : s.participants.patient;
  if (!key || key->empty()) return;
  Aggregate& a = m_groups[*key];
  a.by = m_by;
  a.key = *key;
  ++a.sessions;
  a.counts.add(s.summary.counts);
}

std::vector<Aggregate> Aggregates::list() const {
  std::vector<Aggregate> out;
  for (const auto& [key, a] : m_groups) out.push_back(a);
  return out;
}

}  // namespace rapport::stages
