// SPDX-License-Identifier: MIT
// What rapport-elan reads from ELAN and writes back (../shared/domain/elan.md §3.3, §3.4): the
// parameter document on stdin and AVATecH tier files. A small library of its own so that the
// recognizer and the fuzz target (tests/fuzz/fuzz_elan_params.cpp, fuzz_elan_tier.cpp) run the
// same code. Nothing here needs the engine beyond intervals::Interval.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/intervals/interval_set.hpp"

namespace rapport::elan {

/// A failure the user can act on: rapport-elan shows its message before RESULT: FAILED.
struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The five predefined entities are replaced; any other '&' is kept as is (ELAN does not
/// escape labels, so a bare & is the character itself).
std::string xml_unescape(std::string_view text);
/// & < > " as entities, for attribute values and text.
std::string xml_escape(std::string_view text);

/// The <param name="ID">value</param> elements of ELAN's parameter document, values unescaped
/// and trimmed. Scanned like the real recognizers do (elan.md §3.3), not parsed as XML: text is
/// escaped, but nothing else about the document is promised.
std::map<std::string, std::string> parse_parameters(std::string_view text);

/// Reads the parameter document from `in` up to the line holding </PARAM> or EOF (a host that
/// forgets to close stdin must not hang us), then parse_parameters.
std::map<std::string, std::string> read_parameters(std::istream& in);

/// The spans of an input tier file as ELAN writes it: <span start= end=><v>label</v></span>,
/// label not escaped (elan.md §3.4), so it is scanned, not parsed. A time with "." is seconds,
/// one without is milliseconds. Sorted by (start, end); `ref` is "span N" in file order.
/// Throws Failure for a time that is not a finite number of at most 2^53 ms either way;
/// `name` names the file in that message.
std::vector<intervals::Interval> parse_tier_file(std::string_view text, const std::string& name);

/// parse_tier_file on the bytes of `path` (an unreadable file reads as empty).
std::vector<intervals::Interval> read_tier_file(const std::filesystem::path& path);

}  // namespace rapport::elan
