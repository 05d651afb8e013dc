// SPDX-License-Identifier: MIT
// `rapport stages` output: the JSON document of ../shared/DESIGN.md, a text report for people,
// and a tidy CSV table (one row per episode, RFC 4180) for R, SPSS and Python.
#pragma once

#include <boost/json/value.hpp>
#include <iosfwd>
#include <string>
#include <string_view>

#include "rapport/stages/stages.hpp"

namespace rapport::report {

/// {"codebook", "parameters", "sessions": [{"session", "coder", "file", "patient", "therapist",
///  "episodes": [{"id", "type", "start_ms", "end_ms", "markers", "strategies", "stage_model",
///  "stages", "highest_stage", "outcome", ...}], "summary": {...}}], "aggregates",
///  "agreement", "diagnostics"}.
boost::json::object stages_to_json(const stages::StagesResult& result);

/// Per session and coder: each episode with its markers, strategies, stage sequence, outcome and
/// latencies; the session summary; then the summaries per coder/therapist/patient and agreement.
void write_stages_text(std::ostream& os, const stages::StagesResult& result);

/// One row per episode with a header row; fields quoted per RFC 4180, CRLF line ends. Lists
/// (markers, strategies, stages) are space separated inside one field.
void write_stages_csv(std::ostream& os, const stages::StagesResult& result);

/// A field quoted per RFC 4180 when it holds a comma, a double quote, CR or LF.
std::string csv_field(std::string_view text);

/// "m:ss.s" (or "h:mm:ss.s") for a time in ms, as ELAN shows it.
std::string clock_time(std::int64_t ms);

}  // namespace rapport::report
