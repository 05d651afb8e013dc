// SPDX-License-Identifier: MIT
// Reading ELAN files. Expected data problems are diagnostics inside the returned Document;
// the reader never throws for bad input and never writes anything.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/eaf/document.hpp"

namespace rapport::eaf {

/// Given the URL of an external controlled vocabulary (EXTERNAL_REF TYPE="ecv"), returns the
/// local path of a readable copy, or nullopt when none is available. The default resolver
/// handles `file:` URLs and plain paths (relative ones against the .eaf's folder); the network
/// module plugs a caching fetcher in here.
using EcvResolver =
    std::function<std::optional<std::filesystem::path>(const std::string& url, const std::filesystem::path& eaf_dir)>;

struct ReadOptions {
  /// Load external CVs so that CVE_REFs into them can be resolved.
  bool resolve_external_cvs = true;
  /// Replaces the default local resolver when set.
  EcvResolver ecv_resolver;
  /// Entity expansions allowed before the file is rejected as an entity bomb.
  unsigned entity_expansion_limit = 10000;
};

/// Reads an .eaf, .etf or .ecv file. Problems (I/O included) are diagnostics in the result.
Document read_eaf_file(const std::filesystem::path& path, const ReadOptions& options = {});

/// Reads a document held in memory; `name` is used in diagnostics and to resolve relative ECV
/// paths. Used by the plugin, tests and the fuzz target.
Document read_eaf_memory(std::string_view bytes, const std::string& name, const ReadOptions& options = {});

/// Called after each file of a batch is read, from the reading thread: files done, files in all.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

/// Reads many files on `threads` threads (0 = one per core). The result is in input order;
/// every file gets a Document, with its problems as diagnostics.
std::vector<Document> read_eaf_files(const std::vector<std::filesystem::path>& paths, const ReadOptions& options = {},
                                     unsigned threads = 0, const ProgressFn& progress = {});

/// The default resolver: `file:` URLs and local paths only.
std::optional<std::filesystem::path> resolve_local_ecv(const std::string& url, const std::filesystem::path& eaf_dir);

}  // namespace rapport::eaf
