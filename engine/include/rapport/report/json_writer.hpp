// SPDX-License-Identifier: MIT
// JSON output shared by every command: diagnostics in the DESIGN.md shape and a stable,
// indented serialisation (object keys keep insertion order, so golden files are deterministic).
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
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

/// What write_pretty_json_at writes for an array of `count` elements at `depth`, each element
/// written by `element(i)` at depth + 1 (after its indentation): a large list made and written
/// one element at a time.
void write_pretty_json_array_at(std::ostream& os, std::size_t count, int depth,
                                const std::function<void(std::size_t)>& element);

/// Writes members of an object whose value is made as it is written (called with its depth).
using StreamedMembers = std::map<std::string_view, std::function<void(int depth)>>;

/// What write_pretty_json_at writes for the object `frame` at `depth`, with the members named in
/// `streamed` written by their function (at depth + 1) instead of from `frame`, where `frame`
/// holds them (with any value): the document keeps its member order without holding them.
void write_pretty_json_object_at(std::ostream& os, const boost::json::object& frame, int depth,
                                 const StreamedMembers& streamed);

/// `key` as a quoted, escaped JSON string.
std::string json_key(std::string_view key);

}  // namespace rapport::report
