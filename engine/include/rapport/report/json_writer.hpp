// SPDX-License-Identifier: MIT
// JSON output shared by every command: diagnostics in the DESIGN.md shape and a stable,
// indented serialisation (object keys keep insertion order, so golden files are deterministic).
#pragma once

#include <boost/json/value.hpp>
#include <iosfwd>
#include <vector>

#include "rapport/diagnostic.hpp"

namespace rapport::report {

/// {"severity","rule","file","line","column","tier","start_ms","end_ms","message","suggestion"}
boost::json::object to_json(const Diagnostic& diagnostic);
boost::json::array to_json(const std::vector<Diagnostic>& diagnostics);

/// Writes `value` indented by two spaces, followed by a newline.
void write_pretty_json(std::ostream& os, const boost::json::value& value);

}  // namespace rapport::report
