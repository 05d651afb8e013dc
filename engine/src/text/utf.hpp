// SPDX-License-Identifier: MIT
// UTF-16 → UTF-8 conversion for text coming out of Xerces (XMLCh is char16_t). ICU does the
// conversion; an all-ASCII run is copied directly because it needs no conversion at all.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rapport::text {

/// Appends the UTF-8 form of `utf16` to `out`. Unpaired surrogates become U+FFFD.
void append_utf8(std::string& out, std::u16string_view utf16);

inline std::string to_utf8(std::u16string_view utf16) {
  std::string out;
  append_utf8(out, utf16);
  return out;
}

/// UTF-8 → UTF-16; malformed sequences become U+FFFD.
std::u16string from_utf8(std::string_view utf8);

/// Byte offset of the first byte that does not start a valid UTF-8 sequence, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

/// The form codes are compared in when looking for what a coder meant: surrounding white space
/// (Unicode White_Space) removed, NFC, and full Unicode case folding ("Straße" and "STRASSE"
/// compare equal). Never used to change a stored value.
std::string fold_for_match(std::string_view utf8);

/// Number of user-perceived characters (grapheme clusters), for aligning text tables.
std::size_t display_width(std::string_view utf8);

}  // namespace rapport::text
