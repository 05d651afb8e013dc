// SPDX-License-Identifier: MIT
// Outcome and timing of an episode (3rs.md §5.4 outcome_rule_default and §3.7 report variables).
// Eubanks, Muran & Safran (2018) tie repaired ruptures to outcome (r = .29), which is why a
// per-episode outcome, not only a session rating, is reported.
#include "rapport/stages/outcome.hpp"

#include <algorithm>

namespace rapport::stages {
namespace {

using codebook::RatingLevel;
using codebook::RuptureType;

std::optional<int> max_of(const Episode& e, const std::string& scale) {
  std::optional<int> out;
  for (const auto& seg : e.segments) {
    auto it = seg.ratings.find(scale);
    if (it != seg.ratings.end() && it->second.value && (!out || *it->second.value > *out)) out = *it->second.value;
  }
  return out;
}

/// The highest rating of any segment scale of `type` (SEG_WSIG for withdrawal, ...).
std::optional<int> max_significance(const Episode& e, const codebook::Codebook& cb, RuptureType type) {
  std::optional<int> out;
  for (const auto& s : cb.scales) {
    if (s.level != RatingLevel::segment || s.rupture_type != type) continue;
    if (auto v = max_of(e, s.id); v && (!out || *v > *out)) out = v;
  }
  return out;
}

}  // namespace

codebook::OutcomeRule outcome_rule(const codebook::Codebook& cb) {
  return cb.outcome_rule.value_or(codebook::OutcomeRule{});
}

void assess(Episode& e, const codebook::Codebook& cb) {
  const codebook::OutcomeRule rule = outcome_rule(cb);
  e.max_resolution = max_of(e, rule.scale);
  e.max_withdrawal_significance = max_significance(e, cb, RuptureType::withdrawal);
  e.max_confrontation_significance = max_significance(e, cb, RuptureType::confrontation);

  e.immediate = static_cast<int>(std::count_if(e.strategies.begin(), e.strategies.end(),
                                               [](const auto& s) { return s.strategy_class == "immediate"; }));
  e.exploratory = static_cast<int>(std::count_if(e.strategies.begin(), e.strategies.end(),
                                                 [](const auto& s) { return s.strategy_class == "exploratory"; }));
  e.latency_first_strategy_ms.reset();
  if (!e.strategies.empty()) e.latency_first_strategy_ms = e.strategies.front().start_ms - e.start_ms;
  e.latency_highest_stage_ms.reset();
  if (const StagePlacement* p = e.primary(); p && p->highest_stage_ms)
    e.latency_highest_stage_ms = *p->highest_stage_ms - e.start_ms;

  const StagePlacement* final_reached = nullptr;
  if (rule.final_stage_resolves)
    for (const auto& p : e.placements)
      if (p.reached_final && !final_reached) final_reached = &p;
  const std::string rating =
      e.max_resolution ? rule.scale + " " + std::to_string(*e.max_resolution) : "no " + rule.scale + " rating";
  if (final_reached) {
    e.outcome = Outcome::resolved;
    e.outcome_reason = "reached " + final_reached->highest_stage + ", the last stage of " + final_reached->model;
  } else if (e.max_resolution && *e.max_resolution >= rule.resolved_min) {
    e.outcome = Outcome::resolved;
    e.outcome_reason = rating + " >= " + std::to_string(rule.resolved_min);
  } else if (e.strategies.empty()) {
    e.outcome = Outcome::not_addressed;
    e.outcome_reason = "no strategy coded";
  } else if (e.max_resolution && *e.max_resolution >= rule.partial_min) {
    e.outcome = Outcome::partial;
    e.outcome_reason = rating + " >= " + std::to_string(rule.partial_min);
  } else {
    e.outcome = Outcome::unresolved;
    e.outcome_reason = "strategies coded, last stage not reached, " + rating;
  }
}

}  // namespace rapport::stages
