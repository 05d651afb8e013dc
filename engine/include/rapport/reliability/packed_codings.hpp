// SPDX-License-Identifier: MIT
// Where a reliability::Project keeps the coded content of every coding between pairing and the
// analysis: each text (code, family, tier, segment label, scale id) a number into one table of
// texts, every rating of a coding in one list. A coded event takes 48 bytes here instead of 136
// (check::CodedEvent with its three strings), a rated segment about 100 bytes instead of about
// 430. The analysis unpacks one session at a time (Project::load), so the full form of a project
// is never in memory at once; what grows with the project is these bytes per coded unit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rapport/check/coded_session.hpp"

namespace rapport::reliability {

class PackedCodings {
 public:
  PackedCodings() = default;
  // Moves keep every interned text where it is (the views keying m_numbers stay valid); a copy
  // would not, and no caller needs one.
  PackedCodings(PackedCodings&&) noexcept = default;
  PackedCodings& operator=(PackedCodings&&) noexcept = default;
  PackedCodings(const PackedCodings&) = delete;
  PackedCodings& operator=(const PackedCodings&) = delete;

  /// Packs the events, segments, segment ratings and session ratings of `data` (not its file,
  /// session and coder names, nor its stage marks, which reliability never reads) and returns
  /// the number unpack() takes.
  std::size_t add(const check::CodedSessionData& data);

  /// Sets `data`'s events, segments and session ratings to those of coding `index`, exactly as
  /// they were given to add(). Const and without shared scratch: threads may unpack at once.
  void unpack(std::size_t index, check::CodedSessionData& data) const;

  std::size_t size() const noexcept { return m_codings.size(); }

 private:
  struct Event {
    std::int64_t start_ms = 0, end_ms = 0;
    std::int64_t line = 0, column = 0;
    std::uint32_t code = 0, family = 0, tier = 0;
    bool known = false;
  };
  struct Rating {
    std::optional<int> value;
    std::uint32_t scale = 0;
    bool na = false;
  };
  struct Segment {
    std::int64_t start_ms = 0, end_ms = 0;
    std::int64_t line = 0, column = 0;
    std::uint32_t label = 0, tier = 0;
    std::uint32_t ratings = 0;  ///< how many of the coding's `ratings`, after the previous segments'
  };
  struct Coding {
    std::vector<Event> events;
    std::vector<Segment> segments;
    std::vector<Rating> ratings;  ///< each segment's in turn, then the session ratings
  };

  std::uint32_t intern(const std::string& text);

  std::vector<Coding> m_codings;
  /// Interned texts by number; a deque, so that the views keying m_numbers stay valid as it grows.
  std::deque<std::string> m_texts;
  std::unordered_map<std::string_view, std::uint32_t> m_numbers;
};

}  // namespace rapport::reliability
