// SPDX-License-Identifier: MIT
// The reliability options a project command runs with when none is given on the command line:
// one definition for `rapport agree PATHS` (its flags' defaults) and `rapport report` (which
// takes none of those flags, so that report.json's agreement part is exactly what
// `rapport agree PATHS --format json` prints).
#pragma once

#include "rapport/reliability/reliability.hpp"

namespace rapport::cli {

/// Where the certification thresholds came from when no --min-kappa/--min-icc was given.
inline constexpr const char* default_thresholds_source = "defaults; the codebook declares none";

/// reliability::ReliabilityOptions' defaults, with the thresholds' source for the report and
/// gamma seeded from the same seed as the bootstrap (`--seed S` sets both).
reliability::ReliabilityOptions default_reliability_options(unsigned threads = 0);

}  // namespace rapport::cli
