// SPDX-License-Identifier: MIT
// The packed form of a project's codings (packed_codings.hpp).
#include "rapport/reliability/packed_codings.hpp"

namespace rapport::reliability {

std::uint32_t PackedCodings::intern(const std::string& text) {
  if (const auto it = m_numbers.find(text); it != m_numbers.end()) return it->second;
  const auto number = static_cast<std::uint32_t>(m_texts.size());
  m_numbers.emplace(m_texts.emplace_back(text), number);
  return number;
}

std::size_t PackedCodings::add(const check::CodedSessionData& d) {
  Coding c;
  c.events.reserve(d.events.size());
  for (const auto& e : d.events)
    c.events.push_back({e.start_ms, e.end_ms, e.where.line, e.where.column, intern(e.code), intern(e.family),
                        intern(e.where.tier), e.known});
  c.segments.reserve(d.segments.size());
  std::size_t ratings = d.session_ratings.size();
  for (const auto& s : d.segments) ratings += s.ratings.size();
  c.ratings.reserve(ratings);
  for (const auto& s : d.segments) {
    c.segments.push_back({s.start_ms, s.end_ms, s.where.line, s.where.column, intern(s.label), intern(s.where.tier),
                          static_cast<std::uint32_t>(s.ratings.size())});
    // In the map's (key) order, so that unpack() builds the same map.
    for (const auto& [scale, rating] : s.ratings) c.ratings.push_back({rating.value, intern(scale), rating.na});
  }
  for (const auto& [scale, rating] : d.session_ratings) c.ratings.push_back({rating.value, intern(scale), rating.na});
  m_codings.push_back(std::move(c));
  return m_codings.size() - 1;
}

void PackedCodings::unpack(std::size_t index, check::CodedSessionData& d) const {
  const Coding& c = m_codings.at(index);
  d.events.clear();
  d.events.reserve(c.events.size());
  for (const auto& e : c.events)
    d.events.push_back(
        {m_texts[e.code], m_texts[e.family], e.known, e.start_ms, e.end_ms, {m_texts[e.tier], e.line, e.column}});
  d.segments.clear();
  d.segments.reserve(c.segments.size());
  std::size_t r = 0;
  for (const auto& s : c.segments) {
    check::CodedSegment segment{m_texts[s.label], s.start_ms, s.end_ms, {}, {m_texts[s.tier], s.line, s.column}};
    segment.ratings.reserve(s.ratings);
    for (std::uint32_t i = 0; i < s.ratings; ++i, ++r)
      segment.ratings.emplace(m_texts[c.ratings[r].scale], check::Rating{c.ratings[r].value, c.ratings[r].na});
    d.segments.push_back(std::move(segment));
  }
  d.session_ratings.clear();
  for (; r < c.ratings.size(); ++r)
    d.session_ratings.emplace(m_texts[c.ratings[r].scale], check::Rating{c.ratings[r].value, c.ratings[r].na});
}

}  // namespace rapport::reliability
