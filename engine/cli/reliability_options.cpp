// SPDX-License-Identifier: MIT
#include "reliability_options.hpp"

namespace rapport::cli {

reliability::ReliabilityOptions default_reliability_options(unsigned threads) {
  reliability::ReliabilityOptions options;
  options.thresholds.source = default_thresholds_source;
  options.gamma_options.seed = options.seed;
  options.threads = threads;
  return options;
}

}  // namespace rapport::cli
