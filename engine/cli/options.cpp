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

int parse_options(const std::vector<std::string>& args, const po::options_description& visible,
                  std::vector<std::string>& operands, po::variables_map& vm, Streams& io) {
  po::options_description hidden;
  hidden.add_options()("operand", po::value(&operands));
  po::positional_options_description positional;
  positional.add("operand", -1);
  return parse_options(args, visible, hidden, positional, vm, io);
}

std::vector<std::string> split_comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(pos, end - pos);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) items.push_back(std::move(item));
    pos = end + 1;
  }
  return items;
}

int usage_error(Streams& io, const std::string& command, const std::string& message) {
  io.err << "rapport " << command << ": " << message << " (see 'rapport " << command << " --help')\n";
  return exit_failure;
}

}  // namespace rapport::cli
