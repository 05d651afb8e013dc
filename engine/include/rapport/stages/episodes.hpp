// SPDX-License-Identifier: MIT
// Forming episodes from a coder's events (../shared/domain/3rs.md §1.9, Rapport's operational
// definition [I]):
//  - an episode opens at the onset of a rupture marker when none is open;
//  - it absorbs markers, strategies and stage annotations that begin within `gap_max_ms` of the
//    latest end of what it holds so far;
//  - it closes when that gap is exceeded, at the end of the session, or when a marker arrives
//    `quiet_min_ms` or more after a resolution point (entry into the last stage of a model, or
//    the end of a segment whose resolution rating meets the outcome rule's `resolved_min`):
//    the rupture was repaired and a new one began.
#pragma once

#include <optional>
#include <vector>

#include "rapport/check/coded_session.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/stages/episode.hpp"

namespace rapport::stages {

/// The thresholds in force: the codebook's <episodes>, overridden where set.
struct Thresholds {
  Millis gap_max_ms = 120000;
  Millis quiet_min_ms = 60000;
};

/// Overrides of the codebook's thresholds (--gap-max, --quiet-min).
struct ThresholdOverrides {
  std::optional<Millis> gap_max_ms;
  std::optional<Millis> quiet_min_ms;
};

Thresholds thresholds(const codebook::Codebook& codebook, const ThresholdOverrides& overrides = {});

/// What form_episodes found: the episodes (markers, strategies, stage marks, touched segments,
/// type; not yet placed on stages) and what no episode absorbed.
struct Formed {
  std::vector<Episode> episodes;
  std::vector<check::CodedEvent> unattached_strategies;  ///< strategies outside every episode
  std::vector<check::StageMark> unattached_stages;       ///< stage annotations outside every episode
};

/// Forms the episodes of one coded session. Events whose value is not a code of their tier's
/// family are left out (`rapport check` reports them). `typology` (may be null) names the
/// repair typology whose items each strategy is tagged with.
Formed form_episodes(const check::CodedSessionData& session, const codebook::Codebook& codebook,
                     const Thresholds& thresholds, const codebook::RepairTypology* typology = nullptr);

}  // namespace rapport::stages
