// SPDX-License-Identifier: MIT
// The pieces report.html, sessions.csv, diagnostics.csv and the summary are written from, shared
// by the whole-document writers (write_report_html, write_sessions_csv, ...) and LabReportWriter,
// which writes them one session at a time: one rendering, so both give the same bytes.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace rapport::report::detail {

/// summary_lines from the agreement document, check's "summary", and the totals of the stages
/// sessions' summaries (episodes and resolved, each session's count cast to an integer before it
/// is added) over `codings` sessions x coders.
std::vector<std::string> summary_lines(const boost::json::object& agreement, const boost::json::object& check_summary,
                                       std::size_t episodes, std::size_t resolved, std::size_t codings);

void write_sessions_csv_header(std::ostream& os);
/// One row of sessions.csv: a stages session and the check errors and warnings of its file.
void write_sessions_csv_row(std::ostream& os, const boost::json::object& session, std::size_t errors,
                            std::size_t warnings);

/// disagreements.csv: long form, one row per disagreement and coder; the header, then the rows.
void write_disagreements_csv_header(std::ostream& os);
/// The rows of disagreements.csv for one element of the agreement's "disagreements"."segments"
/// (one row per coder) or ."intervals" (one per side), numbered `id`.
void write_segment_disagreement_csv_rows(std::ostream& os, std::size_t id, const boost::json::object& disagreement);
void write_interval_disagreement_csv_rows(std::ostream& os, std::size_t id, const boost::json::object& disagreement);

void write_diagnostics_csv_header(std::ostream& os);
/// The rows of diagnostics.csv for the "diagnostics" of `doc`, with `source` in the first column.
void write_diagnostics_csv_rows(std::ostream& os, const char* source, const boost::json::object& doc);

// report.html, top to bottom.
void write_html_head(std::ostream& os, const std::string& codebook, const std::string& files,
                     const std::string& generated_at, const std::string& version, bool include_transcript);
void write_html_summary(std::ostream& os, const std::vector<std::string>& lines, const boost::json::object& agreement);
void write_html_agreement(std::ostream& os, const boost::json::object& agreement);
void write_html_sessions_head(std::ostream& os);
/// One session: its timeline and episode table. `agreement_end_ms`: the end_ms of the session in
/// the agreement document's "sessions" (0 when absent); `segment_disagreements` and
/// `interval_disagreements`: the session's elements of its "disagreements", in order.
void write_html_session(std::ostream& os, const std::string& session,
                        const std::vector<const boost::json::object*>& codings, double agreement_end_ms,
                        const std::vector<const boost::json::object*>& segment_disagreements,
                        const std::vector<const boost::json::object*>& interval_disagreements, bool include_transcript);
void write_html_sessions_tail(std::ostream& os);
/// How many findings the page lists at most; all are in diagnostics.csv.
inline constexpr std::size_t html_findings_shown = 500;
/// The validation section: `shown` are the first findings (check's, then the agreement's), of `total`.
void write_html_validation(std::ostream& os, const std::vector<const boost::json::object*>& shown, std::size_t total);
void write_html_tail(std::ostream& os);

}  // namespace rapport::report::detail
