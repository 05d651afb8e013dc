// SPDX-License-Identifier: MIT
// Summaries across sessions: per coder, per therapist and per patient (3rs.md §3.7). Sessions
// are nested within patients and therapists, so these are descriptive counts and rates with
// their numbers of sessions and episodes, not pooled estimates (the report says so).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/stages/session_stages.hpp"

namespace rapport::stages {

enum class GroupBy { coder, therapist, patient };
std::string_view to_string(GroupBy by) noexcept;

struct Aggregate {
  GroupBy by = GroupBy::coder;
  std::string key;  ///< the coder, therapist or patient
  std::size_t sessions = 0;
  EpisodeCounts counts;
  /// episodes / sessions
  std::optional<double> episodes_per_session() const;
};

/// The summaries of one grouping, a session at a time (the session's results may be dropped once
/// added). Sessions whose therapist (patient) is unknown are left out of the therapist (patient)
/// summaries.
class Aggregates {
 public:
  explicit Aggregates(GroupBy by) : m_by(by) {}
  void add(const SessionStages& session);
  /// One Aggregate per distinct key, sorted by key.
  std::vector<Aggregate> list() const;

 private:
  GroupBy m_by;
  std::map<std::string, Aggregate> m_groups;
};

}  // namespace rapport::stages
