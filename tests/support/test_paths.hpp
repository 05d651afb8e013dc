// SPDX-License-Identifier: MIT
// Where tests find their inputs. ../shared/corpus sits beside the clone on developer machines
// and in CI, but not in a user's clone: tests that need it skip with "RAPPORT-SKIP:".
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace rapport::test {

inline std::filesystem::path source_dir() { return RAPPORT_SOURCE_DIR; }
inline std::filesystem::path data_dir() { return source_dir() / "tests" / "data"; }

/// ../shared/corpus/eaf, or an empty path when absent (RAPPORT_CORPUS_DIR overrides).
inline std::filesystem::path corpus_dir() {
  if (const char* env = std::getenv("RAPPORT_CORPUS_DIR")) return env;
  auto dir = source_dir().parent_path() / "shared" / "corpus" / "eaf";
  return std::filesystem::is_directory(dir) ? dir : std::filesystem::path{};
}

/// Prints the marker CTest turns into a skip.
inline void report_skip(const std::string& why) { std::cout << "RAPPORT-SKIP: " << why << std::endl; }

}  // namespace rapport::test
