// SPDX-License-Identifier: MIT
// `rapport report`: the lab report over a whole coding project. It is built from the three JSON
// documents that `rapport check`, `rapport agree PATHS` and `rapport stages` print with
// --format json (one source of truth), and written into a folder as report.json, tidy CSV
// tables and a self-contained report.html, each file atomically (atomic_file.hpp), by
// LabReportWriter as the documents come.
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/report/agree_report.hpp"
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
/// diagnostics.csv: one row per diagnostic of check, agreement and stages.
void write_diagnostics_csv(std::ostream& os, const LabReportInput& input);

/// `text` with &, <, >, " and ' replaced by entities: safe in element content and attributes.
std::string html_escape(std::string_view text);

/// The self-contained HTML page (inline CSS and SVG; no script, no external reference).
void write_report_html(std::ostream& os, const LabReportInput& input);

/// The files of a report, in the order they are written.
std::vector<std::string> lab_report_files();

/// Writes every file of the report into a folder while the project's results are produced, one
/// document at a time (check, agreement, then stages), so that no whole document needs to be
/// held: report.json and the CSV tables are streamed to temporaries in the folder as each
/// document comes, and what report.html shows per session goes to a spool file there, read back
/// one session at a time when the page is written. commit() renames the files into place, each
/// complete; a writer destroyed before that removes its temporaries (a killed run leaves them
/// for the next run to sweep). The bytes are those of the whole-document writers above.
class LabReportWriter {
 public:
  /// `header`: paths, codebook, generated_at, version and include_transcript (its documents are
  /// not used).
  LabReportWriter(std::filesystem::path dir, const LabReportInput& header);
  ~LabReportWriter();
  LabReportWriter(const LabReportWriter&) = delete;
  LabReportWriter& operator=(const LabReportWriter&) = delete;
  /// Creates the folder (sweeping a killed run's temporaries) and the temporaries. Returns "" or
  /// why not.
  std::string open();
  /// Then each document once, check first; stages and agreement in either order (report.json
  /// holds the agreement first: a stages member written before it waits in a spool file).
  void add_check(const boost::json::object& check);  ///< report::check_to_json
  /// The stages document (report::stages_to_json) as `run` finishes, a session at a time: each
  /// session's codings and agreement are written and dropped before the next session is
  /// analysed. `decorate` may add to each session's object before it is written (the episodes'
  /// transcript lines).
  void add_stages(stages::StagesRun& run, const std::function<void(boost::json::object& session)>& decorate = {});
  void add_agreement(const boost::json::object& agreement);  ///< reliability::reliability_document
  /// The same from the document without its disagreement lists
  /// (reliability::reliability_document_frame) and the lists, each disagreement made as it is
  /// written to report.json, disagreements.csv and the page's spool: they were most of the
  /// document, which the lab report held whole while writing it (21 MB at 2000 sessions).
  void add_agreement(const boost::json::object& frame, const StreamedList& segment_disagreements,
                     const StreamedList& interval_disagreements);
  /// Writes report.html and renames every file into place. Returns "" or the first error; files
  /// already renamed stay, none is ever half-written.
  std::string commit();
  /// summary_lines of the report, after commit().
  const std::vector<std::string>& summary() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> m;
};

}  // namespace rapport::report
