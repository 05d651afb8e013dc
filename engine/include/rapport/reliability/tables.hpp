// SPDX-License-Identifier: MIT
// The rating tables 3RS reliability is computed on (../shared/domain/3rs.md §2.1-2.2):
//  - segment level: units are the codebook's segments (300 s for 3RS-2015) of every paired
//    session; per code and per family, 1 when the coder marked it in the segment and 0 when not;
//    per segment scale (significance, resolution), the coder's rating;
//  - session level: units are sessions; per family the frequency 3RS papers report (segments
//    with a marker for rupture-marker families, number of annotations for strategy families)
//    and every session rating.
// A variable is missing for a coder whose file lacks the tier that carries it, and a rating is
// missing when it is N/A or not given: nothing is imputed (Krippendorff 2011; Gwet 2014 ch. 2).
#pragma once

#include <string>
#include <vector>

#include "rapport/codebook/codebook.hpp"
#include "rapport/eaf/document.hpp"
#include "rapport/reliability/project.hpp"
#include "rapport/stats/rating_table.hpp"

namespace rapport::reliability {

/// One unit of the segment level: the `index`-th segment (0-based) of `session`.
struct SegmentUnit {
  std::size_t session = 0;  ///< index into Project::sessions
  std::size_t index = 0;
  eaf::Millis start_ms = 0;
  eaf::Millis end_ms = 0;
};

enum class VariableKind { presence, rating, frequency };
std::string_view to_string(VariableKind kind) noexcept;

/// One variable with its units x coders table.
struct Variable {
  std::string name;    ///< a code ("W3"), a family ("withdrawal"), a scale ("SEG_WSIG"), "withdrawal_segments"
  std::string family;  ///< the family it belongs to (empty for session ratings)
  VariableKind kind = VariableKind::presence;
  bool family_level = false;  ///< presence of any code of the family
  stats::Level level = stats::Level::nominal;
  stats::RatingTable table;
  /// Presence: share of the non-missing cells that are 1 (how common the code is; kappa is
  /// unstable for rare codes, Feinstein & Cicchetti 1990).
  std::optional<double> prevalence;
};

struct ReliabilityTables {
  std::vector<std::string> coders;    ///< the table columns
  std::vector<std::size_t> sessions;  ///< indices into Project::sessions that hold >= 2 of the coders
  eaf::Millis segment_ms = 0;         ///< 0: whole sessions
  /// Rows of the segment-level tables, which leave their units unnamed (segment_unit_name names
  /// one from here).
  std::vector<SegmentUnit> segments;
  std::vector<Variable> codes;     ///< presence per code, codebook order
  std::vector<Variable> families;  ///< presence of any code of each family
  std::vector<Variable> segment_ratings;
  std::vector<Variable> session_variables;  ///< family frequencies, then session ratings
};

/// Indices into Project::sessions of the sessions that hold at least two of `coders` (all of the
/// project's when empty): the sessions build_tables() and the time-aligned level work on.
std::vector<std::size_t> paired_sessions(const Project& project, const std::vector<std::string>& coders = {});

/// Builds every table for `coders` (all of the project's when empty) over the sessions in which
/// at least two of them coded. A marker counts in every segment it overlaps (3RS codes ruptures
/// that span a border in each segment; 3rs.md §1.9); a zero-length one in the segment of its
/// start. A coder's segment rating belongs to the grid segment its segment overlaps most.
ReliabilityTables build_tables(const Project& project, const codebook::Codebook& codebook,
                               const std::vector<std::string>& coders = {});

/// "S01#3": the unit name of the third segment of session S01 (1-based, as coders count).
std::string segment_unit_name(const std::string& session, std::size_t index);

}  // namespace rapport::reliability
