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
  std::optional<SourcePos> doctype;  ///< where a <!DOCTYPE ...> declaration was met (the pass stops there)
};

/// Reads up to the root element only, or up to a DOCTYPE declaration, whichever comes first (its
/// internal subset, where entities are declared, is never read). XML errors before it go to
/// `diagnostics`.
RootInfo peek_root(std::string_view bytes, const std::string& name, std::vector<Diagnostic>& diagnostics);

/// Validating pass against `schema_file`, filling `out`. Schema violations are diagnostics
/// with rule "codebook-schema"; a fatal XML error stops the pass.
void parse_codebook(std::string_view bytes, const std::string& name, const std::string& schema_file, Codebook& out,
                    std::vector<Diagnostic>& diagnostics);

/// The error for a DOCTYPE in one of Rapport's own XML formats (`what`: "codebook", "project
/// file"). They are defined by an XML Schema; a DTD or entity in them is either a mistake or an
/// attack (entity blowups, external entities), and refusing it before the validating pass also
/// avoids a Xerces 3.2.4 leak with an external ID under a cached grammar.
Diagnostic doctype_refused(const std::string& name, SourcePos pos, std::string_view what);

inline constexpr std::string_view namespace_uri = "urn:rapport:codebook";

}  // namespace rapport::codebook::detail
