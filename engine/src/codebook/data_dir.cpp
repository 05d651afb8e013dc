// SPDX-License-Identifier: MIT
#include "rapport/codebook/data_dir.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace rapport::codebook {
namespace fs = std::filesystem;

namespace {

/// The running executable's directory, so an installed `bin/rapport` finds `share/rapport`
/// wherever the tree was unpacked. Linux only (/proc); elsewhere the other candidates apply.
std::optional<fs::path> executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return std::nullopt;
  return exe.parent_path();
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

}  // namespace

std::vector<fs::path> data_dirs() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("RAPPORT_DATA_DIR"); env && *env) candidates.emplace_back(env);
#ifdef RAPPORT_SOURCE_DATA_DIR
  candidates.emplace_back(RAPPORT_SOURCE_DATA_DIR);
#endif
  if (auto exe = executable_dir()) candidates.push_back(*exe / ".." / "share" / "rapport");
#ifdef RAPPORT_INSTALL_DATA_DIR
  candidates.emplace_back(RAPPORT_INSTALL_DATA_DIR);
#endif
  std::vector<fs::path> out;
  for (auto& c : candidates)
    if (is_dir(c) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
  return out;
}

std::optional<fs::path> find_data_file(const fs::path& relative) {
  for (const auto& dir : data_dirs()) {
    std::error_code ec;
    fs::path candidate = dir / relative;
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  return std::nullopt;
}

std::optional<fs::path> resolve_codebook(std::string_view name_or_file) {
  const fs::path given(name_or_file);
  std::error_code ec;
  if (fs::is_regular_file(given, ec)) return given;
  const bool looks_like_path = name_or_file.find('/') != std::string_view::npos ||
                               name_or_file.find('\\') != std::string_view::npos || given.extension() == ".xml";
  if (looks_like_path || name_or_file.empty()) return std::nullopt;
  return find_data_file(fs::path("codebooks") / (std::string(name_or_file) + ".xml"));
}

std::vector<std::string> shipped_codebooks() {
  std::vector<std::string> names;
  for (const auto& dir : data_dirs()) {
    std::error_code ec;
    for (fs::directory_iterator it(dir / "codebooks", ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() != ".xml") continue;
      std::string stem = it->path().stem().string();
      if (std::find(names.begin(), names.end(), stem) == names.end()) names.push_back(std::move(stem));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace rapport::codebook
