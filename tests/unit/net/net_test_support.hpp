// SPDX-License-Identifier: MIT
// Helpers of the network tests: a temporary folder per test, file reading, diagnostic lookup.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "temporary_folder.hpp"

namespace rapport::test {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

inline const Diagnostic* find_rule(const std::vector<Diagnostic>& diagnostics, const std::string& rule) {
  for (const auto& d : diagnostics)
    if (d.rule == rule) return &d;
  return nullptr;
}

inline std::string rules_of(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.rule + " (" + d.message + ")\n";
  return out;
}

/// Loopback requests must never go through a proxy the environment may name.
inline void no_proxy_for_loopback() { ::setenv("NO_PROXY", "127.0.0.1,localhost", 1); }

}  // namespace rapport::test
