// SPDX-License-Identifier: MIT
// The optional project file (schemas/project.xsd): overrides a coding project's conventions -
// the codebook, how coders are identified, and the session and coder of individual files. It
// names files and people, nothing of EAF.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rapport/codebook/codebook.hpp"
#include "rapport/diagnostic.hpp"

namespace rapport::codebook {

struct ProjectFile {
  std::filesystem::path path;  ///< resolved against the project file's folder
  std::optional<std::string> session;
  std::optional<std::string> coder;
  SourcePos pos;
};

struct Project {
  std::string file;
  std::string schema_version;
  std::optional<std::string> codebook;  ///< NAME, or a path resolved against the project folder
  std::optional<CoderIdentification> coder_identification;
  std::vector<ProjectFile> files;

  /// The entry for `path` (compared after making both absolute and normal), or null.
  const ProjectFile* find(const std::filesystem::path& path) const;
};

struct ProjectReadResult {
  std::optional<Project> project;
  std::vector<Diagnostic> diagnostics;
  explicit operator bool() const noexcept { return project.has_value(); }
};

/// Reads and validates a project file; problems are diagnostics (rule "project-*",
/// "xml-not-well-formed"), never exceptions.
ProjectReadResult read_project_file(const std::filesystem::path& path);

}  // namespace rapport::codebook
