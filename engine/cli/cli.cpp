// SPDX-License-Identifier: MIT
#include "cli.hpp"

#include <exception>
#include <ostream>

#include "commands.hpp"
#include "rapport/version.hpp"

namespace rapport::cli {
namespace {

void print_usage(std::ostream& os) {
  os << "usage: rapport COMMAND [OPTIONS] [PATHS...]\n\n"
        "Rapport checks 3RS rupture-resolution coding in ELAN files, computes inter-rater\n"
        "reliability and reports rupture episodes.\n\ncommands:\n";
  for (const auto& command : commands()) {
    os << "  " << command.name << std::string(12 - std::min<std::size_t>(command.name.size(), 11), ' ')
       << command.summary << '\n';
  }
  os << "\nRun 'rapport COMMAND --help' for the options of a command.\n";
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Streams io{out, err};
  if (args.empty()) {
    print_usage(err);
    return exit_failure;
  }
  const std::string& name = args.front();
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(out);
    return exit_ok;
  }
  if (name == "--version") {
    out << "rapport " << RAPPORT_VERSION_STRING << '\n';
    return exit_ok;
  }
  for (const auto& command : commands()) {
    if (command.name != name) continue;
    try {
      return command.run(std::vector<std::string>(args.begin() + 1, args.end()), io);
    } catch (const std::exception& e) {
      err << "rapport " << name << ": internal error: " << e.what() << '\n';
      return exit_failure;
    }
  }
  err << "rapport: unknown command '" << name << "'\n\n";
  print_usage(err);
  return exit_failure;
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return run(args, out, err);
}

}  // namespace rapport::cli
