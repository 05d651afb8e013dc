// SPDX-License-Identifier: MIT
// The table of subcommands. Each command lives in its own command_<name>.cpp.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"

namespace rapport::cli {

using CommandFn = int (*)(const std::vector<std::string>& args, Streams& io);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandFn run;
};

std::span<const Command> commands();

int run_inspect(const std::vector<std::string>& args, Streams& io);
int run_check(const std::vector<std::string>& args, Streams& io);
int run_codebook(const std::vector<std::string>& args, Streams& io);
int run_agree(const std::vector<std::string>& args, Streams& io);
int run_stages(const std::vector<std::string>& args, Streams& io);
int run_report(const std::vector<std::string>& args, Streams& io);
int run_merge(const std::vector<std::string>& args, Streams& io);

}  // namespace rapport::cli
