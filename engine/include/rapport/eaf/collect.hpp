// SPDX-License-Identifier: MIT
// Which .eaf files a list of PATHS names: shared by every front end that takes files and folders
// (the CLI commands, the C ABI), so that they all see the same files in the same order.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rapport::eaf {

/// Each FILE as given, each folder's .eaf files (recursively, sorted, so runs are
/// reproducible). A path that does not exist is kept: the reader reports it, as it reports a
/// folder's .eaf that is a symbolic link loop (io-symlink-loop). A folder equal to
/// `skip` (compared after weakly_canonical) is not entered, so that a run does not read the
/// copies an earlier run wrote there.
std::vector<std::filesystem::path> collect_eaf_files(const std::vector<std::string>& paths,
                                                     const std::optional<std::filesystem::path>& skip = std::nullopt);

}  // namespace rapport::eaf
