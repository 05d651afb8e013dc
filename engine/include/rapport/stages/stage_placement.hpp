// SPDX-License-Identifier: MIT
// Placing an episode on the codebook's stage-process models (../shared/domain/3rs.md §3, §5.3):
// Safran & Muran's withdrawal (SM-W) and confrontation (SM-C) paths, and Lipner, Liu & Muran's
// (2019) mutual recognition -> expression -> empathy (MR). A model's stages come from the
// coder's stage annotations when there are any for that model in the episode; otherwise they are
// inferred from codes by the codebook's <stage_inference> rules and marked inferred.
#pragma once

#include "rapport/codebook/codebook.hpp"
#include "rapport/stages/episode.hpp"

namespace rapport::stages {

/// The stage model of the episode's type: the model whose rupture_type is the type of the
/// episode's first marker (for a mixed episode, the rupture that opened it), or null.
const codebook::StageModel* primary_model(const Episode& episode, const codebook::Codebook& codebook);

/// Fills `episode.placements`: the primary model first (always present when the codebook has
/// one, possibly with an empty sequence), then every other model with an annotated or inferred
/// stage, in codebook order.
void place_stages(Episode& episode, const codebook::Codebook& codebook);

/// Highest stage, skipped and repeated stages, and whether the last stage was reached, from
/// `placement.sequence` (exposed for tests).
void summarise_sequence(StagePlacement& placement, const codebook::StageModel& model);

}  // namespace rapport::stages
