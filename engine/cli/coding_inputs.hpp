// SPDX-License-Identifier: MIT
// Inputs shared by the commands that read a coding project (check, stages, agree PATHS): the
// .eaf files under PATHS and the codebook named by --codebook.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/net/resolver.hpp"

namespace rapport::cli {

/// Each FILE as given, each folder's .eaf files (recursively, sorted, so runs are
/// reproducible). A path that does not exist is kept: the reader reports it.
std::vector<std::filesystem::path> collect_eaf_files(const std::vector<std::string>& paths);

/// The codebook named by --codebook (NAME, FILE or URL fetched through `fetcher`); prints its
/// diagnostics and, on failure, why it cannot be used, and returns nullopt.
std::optional<codebook::Codebook> load_codebook(const std::string& name, net::Fetcher& fetcher, Streams& io,
                                                const std::string& command);

}  // namespace rapport::cli
