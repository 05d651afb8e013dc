// SPDX-License-Identifier: MIT
#include "text/quote.hpp"

#include <unicode/utf8.h>

#include <cstdint>

namespace rapport::text {

std::string quote_for_message(std::string_view bytes, std::size_t max_characters) {
  std::string out;
  out.reserve(bytes.size() < 2 * max_characters ? bytes.size() : 2 * max_characters);
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  std::size_t characters = 0;
  int32_t i = 0;
  while (i < length) {
    if (characters == max_characters) {
      out += "\u2026";
      break;
    }
    ++characters;
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);  // ICU's decoder: c < 0 for an ill-formed sequence
    if (c < 0) {
      // One escaped byte per ill-formed byte, so the user can find them with a hex editor.
      for (int32_t b = start; b < i; ++b) out.append("\\x").append(hex_byte(s[b]));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out.append("\\x").append(hex_byte(static_cast<unsigned char>(c)));
    } else if (c >= 0x80 && c < 0xA0) {
      out.append("\\u{").append(hex_byte(static_cast<unsigned char>(c))).append("}");  // C1 controls
    } else {
      out.append(bytes.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

std::string hex_byte(unsigned char byte) {
  static constexpr char digits[] = "0123456789ABCDEF";
  return {digits[byte >> 4], digits[byte & 15]};
}

}  // namespace rapport::text
