// SPDX-License-Identifier: MIT
// Private: one Xerces pass over an in-memory document of Rapport's own (codebook, project file),
// optionally validated against a local schema, with every problem as a Diagnostic.
#pragma once

#include <xercesc/sax2/DefaultHandler.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "xml/xerces.hpp"

namespace rapport::codebook::detail {

/// A handler throws this to end a pass early (the root peek).
struct StopParsing {};

Diagnostic make(Severity severity, std::string rule, const std::string& file, std::int64_t line, std::int64_t column,
                std::string message);

/// Parses `bytes` (named `name` in diagnostics) with `handler`; XML errors become diagnostics. A
/// document nesting elements more than xml::max_validated_depth deep ends the parse with
/// "xml-nesting-too-deep" (xml::DepthLimitedContentHandler says why).
void run_parse(xml::HardenedReader& reader, xercesc::DefaultHandler& handler, std::string_view bytes,
               const std::string& name, std::vector<Diagnostic>& diagnostics);

/// Turns validation on for `reader` and loads `schema_file`; false (with a diagnostic naming
/// `name`) when the schema cannot be loaded.
bool load_schema(xml::HardenedReader& reader, const std::string& schema_file, const std::string& name,
                 std::vector<Diagnostic>& diagnostics);

}  // namespace rapport::codebook::detail
