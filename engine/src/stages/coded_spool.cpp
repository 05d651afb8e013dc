// SPDX-License-Identifier: MIT
// The coding spool (coded_spool.hpp). Each record type lists its fields once, in fields(), and
// the writer and the reader both walk that list, so the two directions cannot disagree.
#include "coded_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <concepts>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rapport::stages::detail {
namespace {

/// T or const T: the writer walks const records, the reader mutable ones.
template <class T, class U>
concept either = std::same_as<std::remove_const_t<T>, U>;

template <class A>
void fields(A& a, either<check::SourceLocation> auto& w) {
  a(w.tier);
  a(w.line);
  a(w.column);
}

template <class A>
void fields(A& a, either<check::CodedEvent> auto& e) {
  a(e.code);
  a(e.family);
  a(e.known);
  a(e.start_ms);
  a(e.end_ms);
  a(e.where);
}

template <class A>
void fields(A& a, either<check::Rating> auto& r) {
  a(r.value);
  a(r.na);
}

template <class A>
void fields(A& a, either<check::CodedSegment> auto& s) {
  a(s.label);
  a(s.start_ms);
  a(s.end_ms);
  a(s.ratings);
  a(s.where);
}

template <class A>
void fields(A& a, either<check::StageMark> auto& m) {
  a(m.stage);
  a(m.start_ms);
  a(m.end_ms);
  a(m.where);
}

template <class A>
void fields(A& a, either<FileSessions::Coded> auto& c) {
  a(c.data.file);
  a(c.data.session);
  a(c.data.coder);
  a(c.data.events);
  a(c.data.segments);
  a(c.data.session_ratings);
  a(c.data.stages);
  a(c.participants.patient);
  a(c.participants.therapist);
}

class Writer {
 public:
  explicit Writer(std::string& out) : m_out(out) {}
  template <class T>
  requires std::is_arithmetic_v<T>
  void operator()(const T& x) { m_out.append(reinterpret_cast<const char*>(&x), sizeof x); }
  void operator()(const std::string& s) {
    (*this)(std::uint64_t{s.size()});
    m_out.append(s);
  }
  template <class T>
  void operator()(const std::optional<T>& o) {
    (*this)(o.has_value());
    if (o) (*this)(*o);
  }
  template <class T>
  void operator()(const std::vector<T>& list) {
    (*this)(std::uint64_t{list.size()});
    for (const auto& x : list) (*this)(x);
  }
  void operator()(const check::Ratings& map) {
    (*this)(std::uint64_t{map.size()});
    for (const auto& [k, v] : map) {
      (*this)(k);
      (*this)(v);
    }
  }
  template <class T>
  void operator()(const T& record) {
    fields(*this, record);
  }

 private:
  std::string& m_out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : m_in(in) {}
  template <class T>
  requires std::is_arithmetic_v<T>
  void operator()(T& x) { std::memcpy(&x, take(sizeof x), sizeof x); }
  void operator()(std::string& s) {
    const std::uint64_t n = size();
    s.assign(take(n), n);
  }
  template <class T>
  void operator()(std::optional<T>& o) {
    bool present = false;
    (*this)(present);
    if (!present) return;
    T value;
    (*this)(value);
    o = std::move(value);
  }
  template <class T>
  void operator()(std::vector<T>& list) {
    list.resize(size());
    for (auto& x : list) (*this)(x);
  }
  void operator()(check::Ratings& map) {
    map.clear();
    const std::uint64_t n = size();
    map.reserve(n);
    for (std::uint64_t i = n; i > 0; --i) {
      std::string k;
      (*this)(k);
      (*this)(map[std::move(k)]);
    }
  }
  template <class T>
  void operator()(T& record) {
    fields(*this, record);
  }
  bool done() const noexcept { return m_at == m_in.size(); }

 private:
  const char* take(std::uint64_t n) {
    if (n > m_in.size() - m_at) throw std::runtime_error("the stages spool is corrupt");
    const char* at = m_in.data() + m_at;
    m_at += n;
    return at;
  }
  /// A count, checked against the bytes left before anything is allocated for it.
  std::uint64_t size() {
    std::uint64_t n = 0;
    (*this)(n);
    if (n > m_in.size() - m_at) throw std::runtime_error("the stages spool is corrupt");
    return n;
  }
  std::string_view m_in;
  std::size_t m_at = 0;
};

std::string failure(const char* what) {
  return std::string("cannot ") + what + " the temporary file of the stages analysis: " + std::strerror(errno);
}

/// An unnamed temporary file in the temporary folder the user set (TMPDIR, as
/// std::filesystem::temp_directory_path reads it; std::tmpfile() ignores it and uses /tmp, often
/// small on a cluster node): made with a name, which is removed at once, so the system removes
/// the file when the process ends, even when it is killed. -1 when that fails.
int unnamed_temporary_file() {
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) return -1;
  std::string name = (dir / "rapport-stages-XXXXXX").string();
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

/// Writes all of `bytes` at `offset`; false (errno set) when the disk is full or the write fails.
bool write_all(int fd, std::string_view bytes, std::uint64_t offset) {
  while (!bytes.empty()) {
    const ssize_t n = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
  }
  return true;
}

/// Reads `out.size()` bytes at `offset`; false (errno set, or a short file) otherwise.
bool read_all(int fd, std::string& out, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

CodedSpool::CodedSpool(Spool where) {
  // Without a temporary file the codings stay in memory (a few KB each): the run goes on, only
  // its memory grows with the project.
  if (where == Spool::temporary_file) m_fd = unnamed_temporary_file();
}

CodedSpool::~CodedSpool() {
  if (m_fd >= 0) ::close(m_fd);
}

bool CodedSpool::move_to_memory(std::string_view last) {
  std::string all(m_end, '\0');
  if (!read_all(m_fd, all, 0)) return false;
  all.append(last);
  ::close(m_fd);
  m_fd = -1;
  m_bytes = std::move(all);
  return true;
}

CodedSpool::Ref CodedSpool::put(const FileSessions::Coded& coded) {
  if (!m_error.empty()) return {};
  if (m_fd >= 0) m_bytes.clear();
  const std::size_t start = m_bytes.size();
  Writer writer(m_bytes);
  writer(coded);
  const Ref ref{m_end, m_bytes.size() - start};
  // A full temporary folder does not end the run: what the file holds moves to memory, where
  // the codings of the rest of the project go too.
  if (m_fd >= 0 && !write_all(m_fd, m_bytes, m_end)) {
    errno = 0;
    if (!move_to_memory(m_bytes)) {
      m_error = failure("read back");
      return {};
    }
  }
  m_end += ref.size;
  return ref;
}

FileSessions::Coded CodedSpool::get(const Ref& ref) {
  if (!m_error.empty()) return {};
  std::string_view bytes;
  if (m_fd >= 0) {
    m_bytes.resize(ref.size);
    if (!read_all(m_fd, m_bytes, ref.offset)) {
      m_error = failure("read");
      return {};
    }
    bytes = m_bytes;
  } else {
    bytes = std::string_view(m_bytes).substr(ref.offset, ref.size);
  }
  FileSessions::Coded coded;
  Reader reader(bytes);
  reader(coded);
  // Only a bug can make a record read back differently: not a user's error.
  if (!reader.done()) throw std::runtime_error("the stages spool is corrupt");
  return coded;
}

}  // namespace rapport::stages::detail
