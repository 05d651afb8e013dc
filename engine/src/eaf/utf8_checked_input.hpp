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

/// A file opened for reading, closed when the handle goes. The reader opens each file once:
/// the open reports an unreadable file, its first bytes are peeked at for the encoding, and the
/// parser's stream reads it, all through this descriptor (on a lab's network drive every open is
/// a round trip to the server).
class OpenFile {
 public:
  /// Opens `path` read-only; error() is errno when that fails.
  explicit OpenFile(const std::filesystem::path& path);
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  explicit operator bool() const noexcept { return m_fd >= 0; }
  int error() const noexcept { return m_error; }
  /// Up to `size` bytes from the start of the file, without moving the read position; fewer
  /// when the file is shorter or a read fails (the stream then reports the failure).
  std::string head(std::size_t size) const;
  /// Hands the descriptor over (to the stream that reads the file); -1 when it is gone.
  int release() noexcept;

 private:
  int m_fd = -1;
  int m_error = 0;
};

/// A file as a Xerces InputSource, its bytes checked as UTF-8 on the way to the parser (ICU's
/// U8_NEXT through text::first_invalid_utf8: overlongs, encoded surrogates, F5..FF, code points
/// above U+10FFFF are refused). A sequence cut off by the end of the file is handed on: that is a
/// truncated file, which the parser reports as such.
class Utf8CheckedFileSource final : public xercesc::InputSource {
 public:
  /// `file` (open, at its start) is read by the first stream; a later stream, which Xerces does
  /// not ask for in one parse, opens `path` again.
  Utf8CheckedFileSource(OpenFile& file, std::filesystem::path path, const XMLCh* system_id, Utf8CheckState& state);
  /// A stream over the file, or null when it cannot be opened (the parser reports that).
  xercesc::BinInputStream* makeStream() const override;

 private:
  OpenFile& m_file;
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
