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
  /// The longest text (in UTF-8 bytes) kept from one element: an ANNOTATION_VALUE, CVE_VALUE,
  /// PROPERTY, ... A file with a longer one is refused (`eaf-text-too-long`) before it can exhaust
  /// memory. 16 MiB is about 8,000 pages of transcript in a single annotation.
  std::size_t max_text_bytes = std::size_t{16} << 20;
};

/// Reads an .eaf, .etf or .ecv file. Problems (I/O included) are diagnostics in the result.
/// Among them, for hostile input: `xml-bad-encoding` (a file read as UTF-8 that is not RFC 3629
/// UTF-8: the byte in hex, its offset, line and column), `eaf-element-in-value` (an element
/// inside ANNOTATION_VALUE, once per value; nothing it refers to is loaded),
/// `eaf-unknown-element` (an element the format does not have, once per subtree),
/// `eaf-encoding-not-utf8` (UTF-16 with or without a byte-order mark, or another declared
/// encoding), `eaf-text-too-long` (text over ReadOptions::max_text_bytes; the file is not read)
/// and `io-symlink-loop` (a symbolic link that leads back to itself). The file is read once, by
/// the parser, its UTF-8 checked on the way; a read that fails partway is `io-unreadable`, and
/// like `xml-bad-encoding` leaves a Document with no content (`complete` false).
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
