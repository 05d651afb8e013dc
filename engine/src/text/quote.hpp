// SPDX-License-Identifier: MIT
// Bytes from a user's file, made safe to echo in a diagnostic message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rapport::text {

/// `bytes` as they may appear inside a diagnostic message: valid UTF-8 characters are kept,
/// every byte that does not start a valid UTF-8 sequence (RFC 3629, checked by ICU) is written
/// as \xNN, control characters (C0, DEL, C1) as \n, \r, \t or \xNN / \u{NN}, and after
/// `max_characters` characters the rest is replaced by "…". The result is always valid UTF-8
/// and one line, so a message never carries raw binary into a terminal, a JSON report or a CSV.
std::string quote_for_message(std::string_view bytes, std::size_t max_characters = 80);

/// A byte as two upper-case hex digits ("FF"), as diagnostics name a byte that is not UTF-8.
std::string hex_byte(unsigned char byte);

}  // namespace rapport::text
