// SPDX-License-Identifier: MIT
// The packed form of a project's codings (packed_codings.hpp).
#include "rapport/reliability/packed_codings.hpp"

#include <cstring>
#include <stdexcept>
#include <type_traits>

#include "io/temporary_spool.hpp"

namespace rapport::reliability {
namespace {

template <class T>
void append(std::string& out, const std::vector<T>& items) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(items.data()), items.size() * sizeof(T));
}

template <class T>
void append(std::string& out, const T& item) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&item), sizeof(T));
}

/// Copies `count` items of T from `bytes` at `at` into `out`, and moves `at` past them. Only a
/// bug can make a record shorter than its counts: not a user's error.
template <class T>
void take(std::string_view bytes, std::size_t& at, std::size_t count, T* out) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (count > (bytes.size() - at) / sizeof(T)) throw std::runtime_error("the agreement's packed codings are corrupt");
  if (count > 0) std::memcpy(out, bytes.data() + at, count * sizeof(T));
  at += count * sizeof(T);
}

}  // namespace

PackedCodings::PackedCodings(Spool where)
    : m_spool(std::make_unique<io::TemporarySpool>(where, "the agreement analysis", "rapport-agreement-")) {}
PackedCodings::~PackedCodings() = default;
PackedCodings::PackedCodings(PackedCodings&&) noexcept = default;
PackedCodings& PackedCodings::operator=(PackedCodings&&) noexcept = default;

bool PackedCodings::in_file() const noexcept { return m_spool->in_file(); }

std::uint32_t PackedCodings::intern(const std::string& text) {
  if (const auto it = m_numbers.find(text); it != m_numbers.end()) return it->second;
  const auto number = static_cast<std::uint32_t>(m_texts.size());
  m_numbers.emplace(m_texts.emplace_back(text), number);
  return number;
}

std::size_t PackedCodings::add(const check::CodedSessionData& d) {
  std::vector<Event> events;
  events.reserve(d.events.size());
  for (const auto& e : d.events)
    events.push_back({e.start_ms, e.end_ms, e.where.line, e.where.column, intern(e.code), intern(e.family),
                      intern(e.where.tier), e.known});
  std::vector<Segment> segments;
  segments.reserve(d.segments.size());
  std::vector<Rating> ratings;
  for (const auto& s : d.segments) {
    segments.push_back({s.start_ms, s.end_ms, s.where.line, s.where.column, intern(s.label), intern(s.where.tier),
                        static_cast<std::uint32_t>(s.ratings.size())});
    // In the map's (key) order, so that unpack() builds the same map.
    for (const auto& [scale, rating] : s.ratings) ratings.push_back({rating.value, intern(scale), rating.na});
  }
  for (const auto& [scale, rating] : d.session_ratings) ratings.push_back({rating.value, intern(scale), rating.na});

  m_scratch.clear();
  append(m_scratch, Counts{events.size(), segments.size(), ratings.size()});
  append(m_scratch, events);
  append(m_scratch, segments);
  append(m_scratch, ratings);
  const io::TemporarySpool::Ref ref = m_spool->put(m_scratch);
  if (!m_spool->error().empty()) throw std::runtime_error(m_spool->error());
  m_records.push_back({ref.offset, ref.size});
  return m_records.size() - 1;
}

void PackedCodings::unpack(std::size_t index, check::CodedSessionData& d) const {
  const Record& record = m_records.at(index);
  std::string bytes;
  if (std::string why = m_spool->get({record.offset, record.size}, bytes); !why.empty()) throw std::runtime_error(why);
  std::size_t at = 0;
  Counts counts;
  take(bytes, at, 1, &counts);
  std::vector<Event> events(counts.events);
  take(bytes, at, events.size(), events.data());
  std::vector<Segment> segments(counts.segments);
  take(bytes, at, segments.size(), segments.data());
  std::vector<Rating> ratings(counts.ratings);
  take(bytes, at, ratings.size(), ratings.data());
  if (at != bytes.size()) throw std::runtime_error("the agreement's packed codings are corrupt");

  d.events.clear();
  d.events.reserve(events.size());
  for (const auto& e : events)
    d.events.push_back(
        {m_texts[e.code], m_texts[e.family], e.known, e.start_ms, e.end_ms, {m_texts[e.tier], e.line, e.column}});
  d.segments.clear();
  d.segments.reserve(segments.size());
  std::size_t r = 0;
  for (const auto& s : segments) {
    check::CodedSegment segment{m_texts[s.label], s.start_ms, s.end_ms, {}, {m_texts[s.tier], s.line, s.column}};
    segment.ratings.reserve(s.ratings);
    for (std::uint32_t i = 0; i < s.ratings && r < ratings.size(); ++i, ++r)
      segment.ratings.emplace(m_texts[ratings[r].scale], check::Rating{ratings[r].value, ratings[r].na});
    d.segments.push_back(std::move(segment));
  }
  d.session_ratings.clear();
  for (; r < ratings.size(); ++r)
    d.session_ratings.emplace(m_texts[ratings[r].scale], check::Rating{ratings[r].value, ratings[r].na});
}

}  // namespace rapport::reliability
