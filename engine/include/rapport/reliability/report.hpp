// SPDX-License-Identifier: MIT
// `rapport agree PATHS...` output: the JSON document (../shared/DESIGN.md: a "measures" list of
// stats measures with stable names, each tagged with its level and variable) and a text report
// laid out the way 3RS papers report reliability.
#pragma once

#include <boost/json/value.hpp>
#include <iosfwd>
#include <string>
#include <vector>

#include "rapport/reliability/project.hpp"
#include "rapport/reliability/reliability.hpp"
#include "rapport/report/agree_report.hpp"

namespace rapport::reliability {

/// What was asked, for the header of the report.
struct ReportInput {
  std::vector<std::string> paths;
  std::string codebook;  ///< codebook id
  std::size_t files = 0;
  double elan_min_overlap = 0.60;
};

/// {"input", "sessions", "unpaired", "variables", "measures", "time_aligned", "pairwise",
///  "disagreements": {"segments", "intervals"}, "certification" (with a gold coder), "drift",
///  "notes", "diagnostics"}.
boost::json::object reliability_document(const ReportInput& input, const Project& project, const Reliability& result);

/// The document without the lists of "disagreements" (their member is there, its two lists
/// empty): the part that does not grow with every disagreement of the project.
boost::json::object reliability_document_frame(const ReportInput& input, const Project& project,
                                               const Reliability& result);
/// One element of "disagreements"."segments" / ."intervals"; `coders` names the values.
boost::json::object disagreement_json(const SegmentDisagreement& d, const std::vector<std::string>& coders);
boost::json::object disagreement_json(const IntervalDisagreement& d);
/// The lists of "disagreements" made one element at a time (disagreement_json); `result` must
/// outlive them.
report::StreamedList segment_disagreement_list(const Reliability& result);
report::StreamedList interval_disagreement_list(const Reliability& result);

/// Writes what report::write_pretty_json(os, reliability_document(...)) writes, byte for byte,
/// making each disagreement's object only as it is written: a project's disagreements as JSON
/// objects were most of the document (2.1 of 2.7 MB of text at 500 sessions).
void write_reliability_document(std::ostream& os, const ReportInput& input, const Project& project,
                                const Reliability& result);

struct TextOptions {
  bool explain = false;       ///< a paragraph per measure
  bool disagreements = true;  ///< list every disagreement
};

/// The text report: per level a table with the headline measure, its CI and band, then the
/// pairwise matrix, certification, drift, disagreements and what could not be paired.
void write_reliability_text(std::ostream& os, const ReportInput& input, const Project& project,
                            const Reliability& result, const TextOptions& options = {});

}  // namespace rapport::reliability
