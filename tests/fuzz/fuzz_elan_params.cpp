// SPDX-License-Identifier: MIT
// libFuzzer target for the parameter document ELAN writes to a recognizer's stdin, read the way
// rapport-elan reads it (plugin/elan/recognizer_io.hpp): from a stream up to </PARAM>, and the
// whole text at once. Inputs up to 4 KiB are also matched with the std::regex the recognizer
// used before its hand-written scanner (which std::regex overflowed the stack on long values):
// both must find the same parameters.
#include <cstddef>
#include <cstdint>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>

#include "recognizer_io.hpp"

namespace {

std::map<std::string, std::string> with_regex(const std::string& text) {
  std::map<std::string, std::string> params;
  static const std::regex param(R"re(<param\s+name\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)</param>)re");
  for (std::sregex_iterator it(text.begin(), text.end(), param), end; it != end; ++it) {
    std::string value = rapport::elan::xml_unescape((*it)[2].str());
    value.erase(0, value.find_first_not_of(" \t\r\n"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    params[(*it)[1].str()] = value;
  }
  return params;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t n = 0;
  std::istringstream in(text);
  for (const auto& [name, value] : rapport::elan::read_parameters(in)) n += name.size() + value.size();
  const auto params = rapport::elan::parse_parameters(text);
  for (const auto& [name, value] : params) {
    // Values come back trimmed.
    if (!value.empty() && (value.front() == ' ' || value.back() == ' ')) __builtin_trap();
    n += name.size() + rapport::elan::xml_escape(value).size();
  }
  if (size <= 4096 && with_regex(text) != params) __builtin_trap();
  volatile std::size_t sink = n;
  (void)sink;
  return 0;
}
