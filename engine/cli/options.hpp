// SPDX-License-Identifier: MIT
// Option parsing shared by every subcommand: --help, usage errors, exit code 2.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "cli.hpp"

namespace rapport::cli {

/// Parses `args`; returns -1 to go on, or the exit code to return at once (help printed → 0,
/// usage error printed → 2).
int parse_options(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
                  const boost::program_options::options_description& hidden,
                  const boost::program_options::positional_options_description& positional,
                  boost::program_options::variables_map& vm, Streams& io);

/// parse_options for a command whose positional arguments (FILEs, PATHS, a NAME) all go to
/// `operands`.
int parse_options(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
                  std::vector<std::string>& operands, boost::program_options::variables_map& vm, Streams& io);

/// The items of a comma-separated option value ("a, b,,c" → a, b, c): each trimmed of spaces and
/// tabs, empty items dropped.
std::vector<std::string> split_comma_list(const std::string& text);

/// Prints "rapport COMMAND: MESSAGE" and a pointer to --help to stderr; returns exit_failure.
int usage_error(Streams& io, const std::string& command, const std::string& message);

}  // namespace rapport::cli
