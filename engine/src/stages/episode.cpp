// SPDX-License-Identifier: MIT
#include "rapport/stages/episode.hpp"

namespace rapport::stages {

std::string_view to_string(EpisodeType type) noexcept {
  switch (type) {
    case EpisodeType::withdrawal: return "withdrawal";
    case EpisodeType::confrontation: return "confrontation";
    case EpisodeType::mixed: return "mixed";
  }
  return "mixed";
}

std::string_view to_string(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::resolved: return "resolved";
    case Outcome::partial: return "partial";
    case Outcome::unresolved: return "unresolved";
    case Outcome::not_addressed: return "not_addressed";
  }
  return "not_addressed";
}

const StagePlacement* Episode::primary() const noexcept {
  for (const auto& p : placements)
    if (p.primary) return &p;
  return nullptr;
}

}  // namespace rapport::stages
