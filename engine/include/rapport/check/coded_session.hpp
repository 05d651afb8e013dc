// SPDX-License-Identifier: MIT
// The coded content of one bound session, as reliability and stage analysis read it: events
// (code, start, end, tier, source location), segments with their ratings, session ratings and
// stage annotations. Values are taken as coded; whether they are valid is `rapport check`'s
// question, so an invalid rating is simply absent here (and reported there).
#pragma once

#include <boost/container/flat_map.hpp>
#include <optional>
#include <string>
#include <vector>

#include "rapport/check/binding.hpp"

namespace rapport::check {

struct SourceLocation {
  std::string tier;
  std::int64_t line = 0;
  std::int64_t column = 0;
};

struct CodedEvent {
  std::string code;    ///< the value as written
  std::string family;  ///< the family of the tier it is on
  bool known = false;  ///< the value is a code of that family
  eaf::Millis start_ms = 0;
  eaf::Millis end_ms = 0;
  SourceLocation where;
};

/// A rating: a point of its scale, or N/A (`value` empty and `na` true). Invalid values are
/// left out.
struct Rating {
  std::optional<int> value;
  bool na = false;
};

/// Scale id → rating, in scale id order. A sorted vector, not a std::map: a segment has a few
/// ratings, and a project's analysis holds every segment of every coding at once (a map node
/// per rating was 80 bytes, 11 MB at 2000 sessions; here 48 bytes, in one block per segment).
using Ratings = boost::container::flat_map<std::string, Rating>;

struct CodedSegment {
  std::string label;  ///< the segment tier's value ("1", "2", ...)
  eaf::Millis start_ms = 0;
  eaf::Millis end_ms = 0;
  Ratings ratings;  ///< scale id → rating (first one when duplicated)
  SourceLocation where;
};

struct StageMark {
  std::string stage;
  eaf::Millis start_ms = 0;
  eaf::Millis end_ms = 0;
  SourceLocation where;
};

struct CodedSessionData {
  std::string file;
  std::string session;
  std::string coder;
  std::vector<CodedEvent> events;      ///< markers and strategies, by start time
  std::vector<CodedSegment> segments;  ///< by start time
  Ratings session_ratings;
  std::vector<StageMark> stages;  ///< by start time
};

/// Extracts the coded content of `session` (a session of bind(document, codebook); the
/// Document must still be alive).
CodedSessionData extract(const CodedSession& session, const codebook::Codebook& codebook);

/// Parses a session-ratings value `KEY=V;KEY=V` into (key, value) pairs, trimmed, in order;
/// parts without '=' get an empty key. Shared by the rules and extract().
std::vector<std::pair<std::string, std::string>> split_session_value(std::string_view value);

}  // namespace rapport::check
