// SPDX-License-Identifier: MIT
// Where Rapport's own data (schemas/, codebooks/) is found at run time: the RAPPORT_DATA_DIR
// environment variable, then the source tree the binary was built from, then the install tree
// next to the executable (../share/rapport), then the configured install prefix.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::codebook {

/// Candidate data directories, in lookup order (only those that exist).
std::vector<std::filesystem::path> data_dirs();

/// The first `dir / relative` that exists, e.g. find_data_file("schemas/codebook.xsd").
std::optional<std::filesystem::path> find_data_file(const std::filesystem::path& relative);

/// `--codebook NAME|FILE`: an existing file (or anything that looks like a path: has a
/// separator or ends in .xml) is taken as is; otherwise codebooks/NAME.xml in the data dirs.
/// nullopt when nothing is found.
std::optional<std::filesystem::path> resolve_codebook(std::string_view name_or_file);

/// Names of the codebooks shipped in the data dirs (file stems of codebooks/*.xml), sorted.
std::vector<std::string> shipped_codebooks();

inline constexpr std::string_view default_codebook = "3rs-2015";

}  // namespace rapport::codebook
