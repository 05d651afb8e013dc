// SPDX-License-Identifier: MIT
// `rapport report`: the lab report over a whole coding project. It is built from the three JSON
// documents that `rapport check`, `rapport agree PATHS` and `rapport stages` print with
// --format json (one source of truth), and written into a folder as report.json, tidy CSV
// tables and a self-contained report.html, each file atomically (atomic_file.hpp).
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/stages/stages.hpp"

namespace rapport::report {

struct LabReportInput {
  boost::json::object check;      ///< report::check_to_json
  boost::json::object agreement;  ///< reliability::reliability_document
  boost::json::object stages;     ///< report::stages_to_json
  std::vector<std::string> paths;
  std::string codebook;
  std::string generated_at;  ///< ISO 8601 UTC
  std::string version;       ///< Rapport's version
  bool include_transcript = false;
};

/// One headline figure of the summary: a family's presence agreement or a rating's ICC.
struct HeadlineFigure {
  std::string label;    ///< "withdrawal markers", "SEG_WSIG ratings"
  std::string measure;  ///< "fleiss_kappa", "icc_2_1", ...
  std::optional<double> value, ci_low, ci_high, prevalence;
  std::string interpretation;  ///< the measure's band, e.g. "Landis & Koch: almost perfect"
  std::string reason;          ///< why value is null
  double threshold = 0;        ///< the bar the summary judges against
};

/// Thresholds of the plain-words verdict: rapport agree's certification defaults.
inline constexpr double summary_min_kappa = 0.60;
inline constexpr double summary_min_icc = 0.75;

/// Family presence (segment level) and segment-rating headline measures, in report order.
std::vector<HeadlineFigure> headline_figures(const boost::json::object& agreement);

/// The plain-words verdict and a few lines of counts, for the terminal and the HTML summary.
std::vector<std::string> summary_lines(const LabReportInput& input);

/// {"report": {"generated_at","rapport_version","paths","codebook","transcript_included",
///  "files"}, "check": {...}, "agreement": {...}, "stages": {...}}
boost::json::object lab_report_json(const LabReportInput& input, const std::vector<std::string>& files);

// Tidy CSV tables (header row, RFC 4180 quoting, CRLF line ends).
/// agreement.csv: one row per variable and measure (level, variable, family, kind, prevalence,
/// headline, measure, value, se, ci_low, ci_high, n_units, n_raters, interpretation, reason).
void write_agreement_csv(std::ostream& os, const boost::json::object& agreement);
/// sessions.csv: one row per session and coder with episode counts and the check findings.
void write_sessions_csv(std::ostream& os, const boost::json::object& stages, const boost::json::object& check);
/// disagreements.csv: long form, one row per disagreement and coder.
void write_disagreements_csv(std::ostream& os, const boost::json::object& agreement);
/// diagnostics.csv: one row per diagnostic of check, agreement and stages.
void write_diagnostics_csv(std::ostream& os, const LabReportInput& input);

/// `text` with &, <, >, " and ' replaced by entities: safe in element content and attributes.
std::string html_escape(std::string_view text);

/// The self-contained HTML page (inline CSS and SVG; no script, no external reference).
void write_report_html(std::ostream& os, const LabReportInput& input);

/// The files of a report, in the order they are written.
std::vector<std::string> lab_report_files();

/// Writes every file of the report into `dir` (created if missing), each atomically. Returns ""
/// or the first error; files already renamed into place stay, none is ever half-written.
/// `input`'s documents are moved into report.json's value and back while it is written (no
/// copy of the largest data); they are unchanged on return.
std::string write_lab_report(const std::filesystem::path& dir, LabReportInput& input,
                             const stages::StagesResult& stages);

}  // namespace rapport::report
