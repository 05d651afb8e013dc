// SPDX-License-Identifier: MIT
#include "commands.hpp"

namespace rapport::cli {
int run_inspect(const std::vector<std::string>&, Streams&) { return exit_failure; }
}  // namespace rapport::cli
