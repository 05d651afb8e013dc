// SPDX-License-Identifier: MIT
#include "rapport/stages/aggregates.hpp"

#include <map>

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

std::vector<Aggregate> aggregate(const std::vector<SessionStages>& sessions, GroupBy by) {
  std::map<std::string, Aggregate> groups;
  for (const auto& s : sessions) {
    const std::optional<std::string> key = by == GroupBy::coder       ? std::optional<std::string>(s.coder)
                                           : by == GroupBy::therapist ? s.participants.therapist
                                                                      : s.participants.patient;
    if (!key || key->empty()) continue;
    Aggregate& a = groups[*key];
    a.by = by;
    a.key = *key;
    ++a.sessions;
    a.counts.add(s.summary.counts);
  }
  std::vector<Aggregate> out;
  for (auto& [key, a] : groups) out.push_back(std::move(a));
  return out;
}

}  // namespace rapport::stages
