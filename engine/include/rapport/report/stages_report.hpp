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
/// stages_to_json with "sessions" and "agreement"."sessions" empty arrays, for writing those
/// one element at a time (the lab report streams them: lab_report.hpp, LabReportWriter).
boost::json::object stages_frame_to_json(const stages::StagesResult& result);
/// The element of stages_to_json's "sessions" for one session and coder.
boost::json::object stages_session_to_json(const stages::SessionStages& session);
/// The element of stages_to_json's "agreement"."sessions" for `agreement` (one of
/// result.agreement).
boost::json::object stages_agreement_to_json(const stages::EpisodeAgreement& agreement);

/// Per session and coder: each episode with its markers, strategies, stage sequence, outcome and
/// latencies; the session summary; then the summaries per coder/therapist/patient and agreement.
void write_stages_text(std::ostream& os, const stages::StagesResult& result);

/// One row per episode with a header row; fields quoted per RFC 4180, CRLF line ends. Lists
/// (markers, strategies, stages) are space separated inside one field.
void write_stages_csv(std::ostream& os, const stages::StagesResult& result);
/// write_stages_csv in pieces: the header row, then the rows of each session and coder.
void write_stages_csv_header(std::ostream& os, const stages::StagesResult& result);
void write_stages_csv_rows(std::ostream& os, const stages::StagesResult& result, const stages::SessionStages& session);

/// A field quoted per RFC 4180 when it holds a comma, a double quote, CR or LF.
std::string csv_field(std::string_view text);

/// "m:ss.s" (or "h:mm:ss.s") for a time in ms, as ELAN shows it.
std::string clock_time(std::int64_t ms);

}  // namespace rapport::report
