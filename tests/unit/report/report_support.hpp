// SPDX-License-Identifier: MIT
// Running `rapport report` in-process for the report tests.
#pragma once

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "test_paths.hpp"

namespace rapport::test {

struct Run {
  int rc;
  std::string out, err;
};

inline Run run_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int rc = cli::run(args, out, err);
  return {rc, out.str(), err.str()};
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A fresh empty folder under the build tree (removed first if a previous run left it).
inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::path(RAPPORT_BINARY_DIR) / "tests" / "report-output" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir.parent_path());
  return dir;
}

/// Runs from the source folder so that the paths in the report are "samples/...", the same on
/// every machine (the approval test depends on it).
struct InSourceDir {
  std::filesystem::path previous = std::filesystem::current_path();
  InSourceDir() { std::filesystem::current_path(source_dir()); }
  ~InSourceDir() { std::filesystem::current_path(previous); }
};

}  // namespace rapport::test
