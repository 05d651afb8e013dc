// SPDX-License-Identifier: MIT
// XML Schema validation of ELAN files against the XSD they declare
// (xsi:noNamespaceSchemaLocation, elan.md §1.2), with Xerces. The XSD comes from a local folder
// (--schema-dir, matched by file name) or through the Fetcher's cache.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "rapport/net/resolver.hpp"

namespace rapport::net {

/// The schema a document declares on its root element: xsi:noNamespaceSchemaLocation, else the
/// location half of the first xsi:schemaLocation pair. nullopt when there is none or the file
/// cannot be read (problems go to `diagnostics`).
std::optional<std::string> declared_schema(const std::filesystem::path& file, std::vector<Diagnostic>& diagnostics);

/// Validates `file` against the local XSD `xsd`. Violations are errors with rule
/// `eaf-schema-violation` and the file's line:col; an unusable XSD gives `eaf-schema-unusable`.
std::vector<Diagnostic> validate_with_schema(const std::filesystem::path& file, const std::filesystem::path& xsd);

/// Validates files against the schemas they declare, finding each XSD once.
class SchemaValidator {
 public:
  /// `schema_dir`, when set, is looked in first (by the XSD's file name); otherwise, or when
  /// it has no such file, the XSD is fetched through `fetcher`.
  SchemaValidator(Fetcher& fetcher, std::optional<std::filesystem::path> schema_dir)
      : m_fetcher(fetcher), m_schema_dir(std::move(schema_dir)) {}

  /// The diagnostics for one file (empty when it is valid). Thread-safe.
  std::vector<Diagnostic> validate(const std::filesystem::path& file);

 private:
  std::optional<std::filesystem::path> locate(const std::string& url, const std::filesystem::path& file,
                                              std::vector<Diagnostic>& diagnostics);
  Fetcher& m_fetcher;
  std::optional<std::filesystem::path> m_schema_dir;
};

}  // namespace rapport::net
