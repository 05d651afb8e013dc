// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <array>

namespace rapport::cli {

std::span<const Command> commands() {
  static const std::array table{
      Command{"inspect", "summarise an ELAN file (.eaf, .etf, .ecv): tiers, CVs, diagnostics", &run_inspect},
  };
  return table;
}

}  // namespace rapport::cli
