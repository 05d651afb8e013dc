// SPDX-License-Identifier: MIT
#include "eaf/utf8_checked_input.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xercesc/util/BinInputStream.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

#include "io/file_io.hpp"
#include "text/utf.hpp"

namespace rapport::eaf::detail {
namespace {

/// One block of input, starting at a sequence boundary, checked as UTF-8.
struct BlockCheck {
  /// Leading bytes that are complete, well-formed sequences: they may go to the parser.
  std::size_t good = 0;
  /// The byte at `good` is not UTF-8. When false and `good` is short of the block, the bytes
  /// from `good` on may be a sequence split by the end of the block: check them again in front
  /// of the next one.
  bool invalid = false;
};

/// `last`: no input follows the block. A lead byte followed only by continuation bytes at the
/// very end of the input is a sequence cut off there (a truncated file), anything else is bad.
BlockCheck check_block(std::string_view block, bool last) {
  const auto bad = text::first_invalid_utf8(block);
  if (!bad) return {block.size(), false};
  if (*bad + 4 <= block.size()) return {*bad, true};  // at least 4 bytes follow: ill-formed, not cut off
  if (!last) return {*bad, false};
  const bool cut = std::all_of(block.begin() + static_cast<std::ptrdiff_t>(*bad), block.end(),
                               [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  return cut ? BlockCheck{block.size(), false} : BlockCheck{*bad, true};
}

/// The stream Xerces reads the file through. Bytes go from the file straight into the parser's
/// buffer and are checked there, while they are in cache. At a byte that is not UTF-8 (or a
/// failed read) the stream records where and ends just before it, as if the file ended there:
/// the parser stops at its "unexpected end of file", and parse_xml reports the byte instead.
/// Ending the stream is used rather than throwing, because the first read happens inside Xerces'
/// XMLReader constructor, which does not free the stream when it is left by an exception.
class Utf8CheckedFileStream final : public xercesc::BinInputStream {
 public:
  Utf8CheckedFileStream(int fd, Utf8CheckState& state) : m_fd(fd), m_state(state) {}
  ~Utf8CheckedFileStream() override { ::close(m_fd); }
  Utf8CheckedFileStream(const Utf8CheckedFileStream&) = delete;
  Utf8CheckedFileStream& operator=(const Utf8CheckedFileStream&) = delete;

  XMLFilePos curPos() const override { return m_state.delivered; }
  const XMLCh* getContentType() const override { return nullptr; }

  XMLSize_t readBytes(XMLByte* const to_fill, const XMLSize_t max_to_read) override {
    if (m_stopped || max_to_read == 0) return 0;
    char* const out = reinterpret_cast<char*>(to_fill);
    // Xerces asks for its whole raw buffer (48 KiB); a request smaller than one sequence is read
    // through the carry buffer a few bytes at a time.
    std::size_t have = std::min(m_carry_size, max_to_read);
    std::memcpy(out, m_carry, have);
    std::memmove(m_carry, m_carry + have, m_carry_size - have);
    m_carry_size -= have;
    while (true) {
      if (!m_state.at_end && have < max_to_read) {
        const std::ptrdiff_t n = io::read_next(m_fd, out + have, max_to_read - have);
        if (n < 0) {
          m_state.read_error = errno;
          return stop();
        }
        if (n == 0) m_state.at_end = true;
        have += static_cast<std::size_t>(n);
      }
      const bool last = m_state.at_end && m_carry_size == 0;
      const BlockCheck check = check_block(std::string_view(out, have), last);
      if (check.invalid) {
        // The good bytes before it still go to the parser; the stream ends after them.
        m_state.invalid_at = m_state.delivered + check.good;
        m_state.delivered += check.good;
        m_stopped = true;
        return check.good;
      }
      if (check.good > 0 || have == 0) {
        // Bytes after `good` (at most 3) wait in front of the next block.
        const std::size_t rest = have - check.good;
        std::memmove(m_carry + rest, m_carry, m_carry_size);
        std::memcpy(m_carry, out + check.good, rest);
        m_carry_size += rest;
        m_state.delivered += check.good;
        return check.good;
      }
      if (have == max_to_read) {
        // A request too small for one whole sequence. Xerces asks for kilobytes, so this is
        // only a guard: it ends the stream as a read error rather than lose or split bytes.
        m_state.read_error = ENOBUFS;
        return stop();
      }
    }
  }

 private:
  XMLSize_t stop() {
    m_stopped = true;
    return 0;
  }

  int m_fd;
  Utf8CheckState& m_state;
  char m_carry[8] = {};
  std::size_t m_carry_size = 0;
  bool m_stopped = false;
};

}  // namespace

OpenFile::OpenFile(const std::filesystem::path& path) : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
  if (m_fd < 0) m_error = errno;
}

OpenFile::~OpenFile() {
  if (m_fd >= 0) ::close(m_fd);
}

std::string OpenFile::head(std::size_t size) const {
  std::string out(size, '\0');
  const std::int64_t got = m_fd >= 0 ? io::read_at(m_fd, out.data(), size, 0) : 0;
  out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);  // an error reads as an empty head
  return out;
}

int OpenFile::release() noexcept { return std::exchange(m_fd, -1); }

Utf8CheckedFileSource::Utf8CheckedFileSource(OpenFile& file, std::filesystem::path path, const XMLCh* system_id,
                                             Utf8CheckState& state)
    : xercesc::InputSource(system_id), m_file(file), m_path(std::move(path)), m_state(state) {}

xercesc::BinInputStream* Utf8CheckedFileSource::makeStream() const {
  int fd = m_file.release();
  if (fd < 0) fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  return new Utf8CheckedFileStream(fd, m_state);
}

std::optional<std::size_t> first_invalid_utf8_in_file(const std::filesystem::path& path, std::size_t from) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  if (from > 0 && ::lseek(fd, static_cast<off_t>(from), SEEK_SET) < 0) {
    ::close(fd);
    return std::nullopt;
  }
  constexpr std::size_t block = std::size_t{1} << 16;
  const auto buffer = std::make_unique_for_overwrite<char[]>(block + 4);
  std::size_t base = from;  // file offset of buffer[0]
  std::size_t carry = 0;    // bytes at the front of the buffer kept from the previous block
  std::optional<std::size_t> out;
  while (true) {
    const std::ptrdiff_t n = io::read_next(fd, buffer.get() + carry, block);
    if (n < 0) break;
    const std::size_t have = carry + static_cast<std::size_t>(n);
    const BlockCheck check = check_block(std::string_view(buffer.get(), have), n == 0);
    if (check.invalid) {
      out = base + check.good;
      break;
    }
    if (n == 0) break;
    carry = have - check.good;
    std::memmove(buffer.get(), buffer.get() + check.good, carry);
    base += check.good;
  }
  ::close(fd);
  return out;
}

std::optional<std::size_t> first_invalid_utf8_whole(std::string_view bytes) {
  const BlockCheck check = check_block(bytes, true);
  if (check.invalid) return check.good;
  return std::nullopt;
}

std::optional<std::size_t> cut_utf8_sequence_at_end(std::string_view bytes) {
  // A sequence is at most 4 bytes, so a cut one starts in the last 3; the last 7 bytes, from the
  // first that is not a continuation byte, begin on a sequence boundary before it.
  std::size_t from = bytes.size() > 7 ? bytes.size() - 7 : 0;
  while (from < bytes.size() && (static_cast<unsigned char>(bytes[from]) & 0xC0) == 0x80) ++from;
  const auto bad = text::first_invalid_utf8(bytes.substr(from));
  if (!bad) return std::nullopt;
  return from + *bad;
}

std::optional<std::size_t> cut_utf8_sequence_at_end(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  std::optional<std::size_t> out;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    const long size = std::ftell(f);
    const long start = size > 7 ? size - 7 : 0;
    char tail[7];
    if (size >= 0 && std::fseek(f, start, SEEK_SET) == 0) {
      const std::size_t n = std::fread(tail, 1, static_cast<std::size_t>(size - start), f);
      if (const auto cut = cut_utf8_sequence_at_end(std::string_view(tail, n)))
        out = static_cast<std::size_t>(start) + *cut;
    }
  }
  std::fclose(f);
  return out;
}

}  // namespace rapport::eaf::detail
