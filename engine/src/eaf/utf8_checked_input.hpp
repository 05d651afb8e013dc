// SPDX-License-Identifier: MIT
// The file the EAF reader parses, read once: a Xerces input source whose stream checks that the
// bytes it hands the parser are UTF-8 as it reads them. Checking first and parsing after read
// every file twice, which on a large session cost more kernel time than the check itself
// (tests/bench/BASELINE.md, "Reader speed IV").
#pragma once

#include <xercesc/sax/InputSource.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rapport::eaf::detail {

/// What the stream found; owned by the caller, so it outlives the stream Xerces deletes.
struct Utf8CheckState {
  /// Bytes handed to the parser so far: all of them well-formed UTF-8 and no sequence cut in two.
  std::size_t delivered = 0;
  /// True once the end of the file was read.
  bool at_end = false;
  /// Offset of the first byte that is not RFC 3629 UTF-8, once found (the parse stops there).
  std::optional<std::size_t> invalid_at;
  /// errno of a failed read, when one failed (the parse stops there).
  int read_error = 0;
};

/// A file as a Xerces InputSource, its bytes checked as UTF-8 on the way to the parser (ICU's
/// U8_NEXT through text::first_invalid_utf8: overlongs, encoded surrogates, F5..FF, code points
/// above U+10FFFF are refused). A sequence cut off by the end of the file is handed on: that is a
/// truncated file, which the parser reports as such.
class Utf8CheckedFileSource final : public xercesc::InputSource {
 public:
  Utf8CheckedFileSource(std::filesystem::path path, const XMLCh* system_id, Utf8CheckState& state);
  /// A new stream over the file, or null when it cannot be opened (the parser reports that).
  xercesc::BinInputStream* makeStream() const override;

 private:
  std::filesystem::path m_path;
  Utf8CheckState& m_state;
};

/// The offset of the first byte that is not UTF-8 in `path` from byte `from` on, read in bounded
/// memory; a sequence cut off by the end of the file is not counted. Nothing when the file
/// cannot be read.
std::optional<std::size_t> first_invalid_utf8_in_file(const std::filesystem::path& path, std::size_t from);

/// The offset of the first byte that is not UTF-8 in `bytes`, with the same rule for a sequence
/// cut off by the end.
std::optional<std::size_t> first_invalid_utf8_whole(std::string_view bytes);

/// The offset of a multi-byte sequence cut off by the end of `bytes` (a truncated file), if the
/// bytes end with one. Only the last bytes are looked at: the rest is known to be UTF-8.
std::optional<std::size_t> cut_utf8_sequence_at_end(std::string_view bytes);
/// The same for the file at `path`, reading only its last bytes.
std::optional<std::size_t> cut_utf8_sequence_at_end(const std::filesystem::path& path);

}  // namespace rapport::eaf::detail
