// SPDX-License-Identifier: MIT
#include "rapport/stats/measure.hpp"

namespace rapport::stats {

Measure undefined_measure(std::string name, std::string reason, std::size_t n_units, std::size_t n_raters) {
  Measure m;
  m.name = std::move(name);
  m.reason = std::move(reason);
  m.n_units = n_units;
  m.n_raters = n_raters;
  return m;
}

}  // namespace rapport::stats
