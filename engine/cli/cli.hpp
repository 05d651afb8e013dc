// SPDX-License-Identifier: MIT
// The `rapport` command line: dispatch to subcommands. Exit codes are a contract
// (../shared/DESIGN.md): 0 success, 1 data problems at or above --fail-on, 2 usage/I/O/internal.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace rapport::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_findings = 1;
inline constexpr int exit_failure = 2;

/// Output streams of one run. `out` carries only the result (the JSON document with
/// --format json); progress and logs go to `err`.
struct Streams {
  std::ostream& out;
  std::ostream& err;
};

/// Runs `rapport ARGS...`; never throws.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);
/// Same, with the arguments after the program name.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rapport::cli
