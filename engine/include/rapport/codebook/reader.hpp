// SPDX-License-Identifier: MIT
// Reading codebooks. The file is validated against the XML Schema of the version it declares
// (schemas/codebook.xsd for 1.0) with Xerces, then checked for what a schema cannot say (anchors
// inside their scale, ratings at the right level, tier rules that name what they need). Every
// problem is a Diagnostic with file:line:col; the reader never throws for bad input.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/codebook/codebook.hpp"
#include "rapport/diagnostic.hpp"

namespace rapport::codebook {

struct ReadOptions {
  /// The schema to validate against instead of the one the data directory holds for the
  /// document's schema version (tests use it).
  std::optional<std::filesystem::path> schema_file;
};

/// The outcome of reading a codebook: the codebook when there is no error, and every
/// diagnostic (warnings may accompany a usable codebook).
struct ReadResult {
  std::optional<Codebook> codebook;
  std::vector<Diagnostic> diagnostics;

  explicit operator bool() const noexcept { return codebook.has_value(); }
  /// The first error as one line, or "ok".
  std::string description() const;
};

/// Schema versions this build reads, oldest first.
std::vector<std::string> supported_schema_versions();

ReadResult read_codebook_file(const std::filesystem::path& path, const ReadOptions& options = {});
ReadResult read_codebook_memory(std::string_view bytes, const std::string& name, const ReadOptions& options = {});

}  // namespace rapport::codebook
