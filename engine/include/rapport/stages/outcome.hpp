// SPDX-License-Identifier: MIT
// An episode's outcome and timing (../shared/domain/3rs.md §5.4 and §3.7): the outcome rule of
// the codebook (schema 1.1 <outcome_rule>, else its defaults), the highest significance and
// resolution ratings of the segments it touches, strategy counts by class, and the latencies from
// the first marker to the first strategy and to the highest stage.
#pragma once

#include "rapport/codebook/codebook.hpp"
#include "rapport/stages/episode.hpp"

namespace rapport::stages {

/// The codebook's outcome rule, or the defaults of OutcomeRule when it declares none.
codebook::OutcomeRule outcome_rule(const codebook::Codebook& codebook);

/// Sets outcome, outcome_reason, max ratings, latencies and the immediate/exploratory counts.
/// Call after place_stages().
void assess(Episode& episode, const codebook::Codebook& codebook);

}  // namespace rapport::stages
