// SPDX-License-Identifier: MIT
#include "rapport/eaf/collect.hpp"

#include <algorithm>
#include <system_error>

namespace rapport::eaf {

namespace fs = std::filesystem;

std::vector<fs::path> collect_eaf_files(const std::vector<std::string>& paths, const std::optional<fs::path>& skip) {
  std::vector<fs::path> out;
  std::error_code ec;
  const fs::path skip_abs = skip ? fs::weakly_canonical(*skip, ec) : fs::path();
  for (const auto& p : paths) {
    if (!fs::is_directory(p, ec)) {
      out.emplace_back(p);
      continue;
    }
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      std::error_code file_ec;
      if (skip && it->is_directory(file_ec) && fs::weakly_canonical(it->path(), file_ec) == skip_abs) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->path().extension() != ".eaf") continue;
      // A looping link is kept, so that the reader names it (io-symlink-loop) instead of the
      // file vanishing from the batch; other non-files (FIFOs, dangling links) are skipped.
      if (it->is_regular_file(file_ec) || file_ec == std::errc::too_many_symbolic_link_levels)
        found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace rapport::eaf
