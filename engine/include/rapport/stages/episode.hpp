// SPDX-License-Identifier: MIT
// A rupture episode (../shared/domain/3rs.md §1.9 and §5.4): rupture markers close in time, the
// resolution strategies and stage annotations that follow within its window, its place on the
// codebook's stage-process models, its outcome and its timing. The 2015 3RS itself has no
// episode unit (§1.9); this is Rapport's operational definition, every threshold configurable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/check/coded_session.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/eaf/document.hpp"

namespace rapport::stages {

using eaf::Millis;

enum class EpisodeType { withdrawal, confrontation, mixed };
/// 3rs.md §5.4: resolved, partially resolved, unresolved, not addressed (no strategy coded).
enum class Outcome { resolved, partial, unresolved, not_addressed };
std::string_view to_string(EpisodeType type) noexcept;
std::string_view to_string(Outcome outcome) noexcept;

struct EpisodeMarker {
  std::string code;
  std::string family;
  codebook::RuptureType type = codebook::RuptureType::none;
  Millis start_ms = 0;
  Millis end_ms = 0;
  check::SourceLocation where;
};

struct EpisodeStrategy {
  std::string code;
  Millis start_ms = 0;
  Millis end_ms = 0;
  std::string strategy_class;               ///< the code's `class` attribute: immediate | exploratory | ""
  std::string directness;                   ///< the code's `directness` attribute, or ""
  std::vector<std::string> typology_items;  ///< items of the reported repair typology (e.g. SM4)
  check::SourceLocation where;
};

/// A segment the episode touches, with the coder's ratings of it.
struct EpisodeSegment {
  std::string label;
  Millis start_ms = 0;
  Millis end_ms = 0;
  check::Ratings ratings;
};

/// Entry into a stage, as annotated or as inferred from a code.
struct StageEntry {
  std::string stage;
  int rank = 0;  ///< 1-based position of the stage in its model
  Millis start_ms = 0;
  Millis end_ms = 0;
  bool inferred = false;
  std::string inferred_from;  ///< the code whose onset the stage was inferred from
};

/// An episode on one stage model: the sequence as observed (skips and repeats allowed, since
/// the empirical work finds the stages but not a fixed order: Muran et al. 2023, 3rs.md §3.2)
/// and the highest stage reached.
struct StagePlacement {
  std::string model;
  bool primary = false;   ///< the Safran & Muran path of the episode's type
  bool annotated = true;  ///< false: every entry was inferred from codes
  std::vector<StageEntry> sequence;
  std::string highest_stage;  ///< empty when the sequence is empty
  int highest_rank = 0;
  int stage_count = 0;                     ///< stages in the model
  std::optional<Millis> highest_stage_ms;  ///< first entry into the highest stage
  std::vector<std::string> skipped;        ///< stages below the highest that never occur
  std::vector<std::string> repeated;       ///< stages entered again after another stage
  bool reached_final = false;
};

struct Episode {
  std::string id;  ///< "E1", "E2", ... in time order within a session and coder
  EpisodeType type = EpisodeType::withdrawal;
  Millis start_ms = 0;  ///< onset of the first marker
  Millis end_ms = 0;    ///< latest end of anything the episode absorbed
  std::vector<EpisodeMarker> markers;
  std::vector<EpisodeStrategy> strategies;
  std::vector<check::StageMark> stage_marks;  ///< the coder's stage annotations it absorbed
  std::vector<EpisodeSegment> segments;
  std::vector<StagePlacement> placements;  ///< the primary model first

  Outcome outcome = Outcome::not_addressed;
  std::string outcome_reason;
  std::optional<int> max_resolution;  ///< highest rating of the outcome rule's scale over the segments
  std::optional<int> max_withdrawal_significance;
  std::optional<int> max_confrontation_significance;
  std::optional<Millis> latency_first_strategy_ms;  ///< first strategy onset - start
  std::optional<Millis> latency_highest_stage_ms;   ///< entry into the primary highest stage - start
  int immediate = 0;
  int exploratory = 0;

  Millis duration_ms() const noexcept { return end_ms - start_ms; }
  /// The placement on the primary model, or null.
  const StagePlacement* primary() const noexcept;
};

}  // namespace rapport::stages
