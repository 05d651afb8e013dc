// SPDX-License-Identifier: MIT
// JSON output shared by every command: diagnostics in the DESIGN.md shape and a stable,
// indented serialisation (object keys keep insertion order, so golden files are deterministic).
#pragma once

#include <boost/json/value.hpp>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"

namespace rapport::report {

/// {"severity","rule","file","line","column","tier","start_ms","end_ms","message","suggestion"}
boost::json::object to_json(const Diagnostic& diagnostic);
boost::json::array to_json(const std::vector<Diagnostic>& diagnostics);

/// Writes `value` indented by two spaces, followed by a newline.
void write_pretty_json(std::ostream& os, const boost::json::value& value);

/// What write_pretty_json writes for `value` nested `depth` levels deep (its lines indented by
/// 2 * depth spaces after the first), without the newline: for writing a large document one
/// member or element at a time with the same bytes.
void write_pretty_json_at(std::ostream& os, const boost::json::value& value, int depth);
/// The same for an object, written where it is: passed as a value, a whole document (the lab
/// report's agreement, several MB) would first be copied into a temporary boost::json::value.
void write_pretty_json_at(std::ostream& os, const boost::json::object& object, int depth);

/// `key` as a quoted, escaped JSON string.
std::string json_key(std::string_view key);

}  // namespace rapport::report
