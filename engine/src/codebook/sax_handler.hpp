// SPDX-License-Identifier: MIT
// Private: the two Xerces passes over a codebook file. A codebook is a few hundred elements,
// but it is read with SAX like every other Rapport XML input so that one hardened reader setup
// (no DTDs, no external entities, bounded expansion) covers them all.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/codebook/codebook.hpp"
#include "rapport/diagnostic.hpp"

namespace rapport::codebook::detail {

/// What the root element says about the document, read without validation.
struct RootInfo {
  bool well_formed_start = false;  ///< a root element was seen
  std::string local_name;
  std::string namespace_uri;
  std::optional<std::string> schema_version;
  SourcePos pos;
};

/// Reads up to the root element only. XML errors before it go to `diagnostics`.
RootInfo peek_root(std::string_view bytes, const std::string& name, std::vector<Diagnostic>& diagnostics);

/// Validating pass against `schema_file`, filling `out`. Schema violations are diagnostics
/// with rule "codebook-schema"; a fatal XML error stops the pass.
void parse_codebook(std::string_view bytes, const std::string& name, const std::string& schema_file, Codebook& out,
                    std::vector<Diagnostic>& diagnostics);

inline constexpr std::string_view namespace_uri = "urn:rapport:codebook";

}  // namespace rapport::codebook::detail
