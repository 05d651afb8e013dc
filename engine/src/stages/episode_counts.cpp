// SPDX-License-Identifier: MIT
// Counting episodes for session, coder, therapist and patient summaries (3rs.md §3.7).
#include "rapport/stages/session_stages.hpp"

namespace rapport::stages {

void EpisodeCounts::add(const Episode& e) {
  ++episodes;
  switch (e.type) {
    case EpisodeType::withdrawal: ++withdrawal; break;
    case EpisodeType::confrontation: ++confrontation; break;
    case EpisodeType::mixed: ++mixed; break;
  }
  switch (e.outcome) {
    case Outcome::resolved: ++resolved; break;
    case Outcome::partial: ++partial; break;
    case Outcome::unresolved: ++unresolved; break;
    case Outcome::not_addressed: ++not_addressed; break;
  }
  for (const auto& p : e.placements) ++highest_stage[p.model][p.highest_stage.empty() ? "none" : p.highest_stage];
  for (const auto& s : e.strategies) {
    ++strategies[s.code];
    ++strategies_total;
    for (const auto& item : s.typology_items) ++typology[item];
  }
  immediate += static_cast<std::size_t>(e.immediate);
  exploratory += static_cast<std::size_t>(e.exploratory);
  if (e.latency_first_strategy_ms) {
    ++with_strategy;
    latency_first_strategy_sum_ms += static_cast<double>(*e.latency_first_strategy_ms);
  }
  if (e.latency_highest_stage_ms) {
    ++with_highest_stage;
    latency_highest_stage_sum_ms += static_cast<double>(*e.latency_highest_stage_ms);
  }
}

void EpisodeCounts::add(const EpisodeCounts& o) {
  episodes += o.episodes;
  withdrawal += o.withdrawal;
  confrontation += o.confrontation;
  mixed += o.mixed;
  resolved += o.resolved;
  partial += o.partial;
  unresolved += o.unresolved;
  not_addressed += o.not_addressed;
  for (const auto& [model, stages] : o.highest_stage)
    for (const auto& [stage, n] : stages) highest_stage[model][stage] += n;
  for (const auto& [code, n] : o.strategies) strategies[code] += n;
  strategies_total += o.strategies_total;
  immediate += o.immediate;
  exploratory += o.exploratory;
  for (const auto& [item, n] : o.typology) typology[item] += n;
  with_strategy += o.with_strategy;
  latency_first_strategy_sum_ms += o.latency_first_strategy_sum_ms;
  with_highest_stage += o.with_highest_stage;
  latency_highest_stage_sum_ms += o.latency_highest_stage_sum_ms;
}

std::optional<double> EpisodeCounts::resolution_rate() const {
  if (episodes == 0) return std::nullopt;
  return static_cast<double>(resolved) / static_cast<double>(episodes);
}

std::optional<double> EpisodeCounts::mean_latency_first_strategy_ms() const {
  if (with_strategy == 0) return std::nullopt;
  return latency_first_strategy_sum_ms / static_cast<double>(with_strategy);
}

std::optional<double> EpisodeCounts::mean_latency_highest_stage_ms() const {
  if (with_highest_stage == 0) return std::nullopt;
  return latency_highest_stage_sum_ms / static_cast<double>(with_highest_stage);
}

}  // namespace rapport::stages
