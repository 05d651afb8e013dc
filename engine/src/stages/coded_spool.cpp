// SPDX-License-Identifier: MIT
// The coding spool (coded_spool.hpp). Each record type lists its fields once, in fields(), and
// the writer and the reader both walk that list, so the two directions cannot disagree.
#include "coded_spool.hpp"

#include <concepts>
#include <cstring>
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

}  // namespace

CodedSpool::Ref CodedSpool::put(const FileSessions::Coded& coded) {
  if (!error().empty()) return {};
  m_bytes.clear();
  Writer writer(m_bytes);
  writer(coded);
  return m_spool.put(m_bytes);
}

FileSessions::Coded CodedSpool::get(const Ref& ref) {
  if (!error().empty()) return {};
  if (std::string why = m_spool.get(ref, m_bytes); !why.empty()) {
    m_error = std::move(why);
    return {};
  }
  const std::string_view bytes = m_bytes;
  FileSessions::Coded coded;
  Reader reader(bytes);
  reader(coded);
  // Only a bug can make a record read back differently: not a user's error.
  if (!reader.done()) throw std::runtime_error("the stages spool is corrupt");
  return coded;
}

}  // namespace rapport::stages::detail
