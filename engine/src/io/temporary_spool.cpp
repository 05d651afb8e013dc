// SPDX-License-Identifier: MIT
#include "io/temporary_spool.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "io/file_io.hpp"

namespace rapport::io {

TemporarySpool::TemporarySpool(Spool where, std::string what, std::string_view file_prefix) : m_what(std::move(what)) {
  // Without a temporary file the bytes stay in memory: the run goes on, only its memory grows
  // with the project.
  if (where == Spool::temporary_file) m_fd = unnamed_temporary_file(file_prefix);
}

TemporarySpool::~TemporarySpool() {
  if (m_fd >= 0) ::close(m_fd);
}

std::string TemporarySpool::read_exactly(std::string& out, std::uint64_t offset) const {
  const std::int64_t got = read_at(m_fd, out.data(), out.size(), offset);
  if (got < 0) return "cannot read the temporary file of " + m_what + ": " + std::strerror(errno);
  if (static_cast<std::uint64_t>(got) != out.size())
    return "cannot read the temporary file of " + m_what + ": it ends after " + std::to_string(offset + got) + " of " +
           std::to_string(offset + out.size()) + " bytes (cut short from outside?)";
  return {};
}

std::string TemporarySpool::move_to_memory(std::string_view last) {
  std::string all(m_end, '\0');
  if (std::string why = read_exactly(all, 0); !why.empty()) return why;
  all.append(last);
  ::close(m_fd);
  m_fd = -1;
  m_bytes = std::move(all);
  return {};
}

TemporarySpool::Ref TemporarySpool::put(std::string_view bytes) {
  if (!m_error.empty()) return {};
  const Ref ref{m_end, bytes.size()};
  if (m_fd < 0) {
    m_bytes.append(bytes);
  } else if (!write_at(m_fd, bytes, m_end)) {
    // A full temporary folder does not end the run: what the file holds moves to memory, where
    // the rest goes too.
    if (std::string why = move_to_memory(bytes); !why.empty()) {
      m_error = std::move(why);
      return {};
    }
  }
  m_end += ref.size;
  return ref;
}

std::string TemporarySpool::get(const Ref& ref, std::string& out) const {
  if (ref.offset > m_end || ref.size > m_end - ref.offset)
    return "the temporary file of " + m_what + " has no such record";
  if (m_fd < 0) {
    out.assign(m_bytes, ref.offset, ref.size);
    return {};
  }
  out.resize(ref.size);
  return read_exactly(out, ref.offset);
}

}  // namespace rapport::io
