// SPDX-License-Identifier: MIT
#include "options.hpp"

#include <ostream>

namespace rapport::cli {

namespace po = boost::program_options;

int parse_options(const std::vector<std::string>& args, const po::options_description& visible,
                  const po::options_description& hidden, const po::positional_options_description& positional,
                  po::variables_map& vm, Streams& io) {
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    io.err << "rapport: " << e.what() << "\n\n" << visible << '\n';
    return exit_failure;
  }
  if (vm.count("help")) {
    io.out << visible << '\n';
    return exit_ok;
  }
  return -1;
}

int usage_error(Streams& io, const std::string& command, const std::string& message) {
  io.err << "rapport " << command << ": " << message << " (see 'rapport " << command << " --help')\n";
  return exit_failure;
}

}  // namespace rapport::cli
