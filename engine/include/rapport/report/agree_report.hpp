// SPDX-License-Identifier: MIT
// `rapport agree` output: the JSON document of ../shared/DESIGN.md and a readable text table.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "rapport/stats/measure.hpp"

namespace rapport::report {

/// What was read, for the header of the report.
struct AgreeInput {
  std::string file;
  std::string level;
  std::size_t units = 0;
  std::size_t raters = 0;
  std::size_t ratings = 0;  ///< non-missing ratings
  std::size_t missing = 0;  ///< rows with an empty value
  std::vector<std::string> categories;
};

/// {"name", "value", "reason" (when null), "se", "ci_low", "ci_high", "ci_method", "n_units",
///  "n_raters", labels (e.g. "mcgraw_wong"), statistics (e.g. "f", "df1", "df2", "p"),
///  "per_category", "matrix", "interpretation", "explanation", "note" (when a part is missing)}.
boost::json::object to_json(const stats::Measure& measure);

/// {"input": {...}, "measures": [...], "notes": [...], "diagnostics": [...]}.
boost::json::object agree_document(const AgreeInput& input, const std::vector<stats::Measure>& measures,
                                   const std::vector<std::string>& notes, const std::vector<Diagnostic>& diagnostics);

/// A list of JSON objects made one element at a time, as it is written.
struct StreamedList {
  std::size_t size = 0;
  std::function<boost::json::object(std::size_t)> element;
};

/// Writes the document of `rapport agree PATHS` as write_pretty_json_at(os, document, depth) would,
/// from `frame` (reliability::reliability_document_frame: the document with its "disagreements"
/// lists empty) and the lists, each disagreement made as it is written: a project's
/// disagreements are most of the document (2.1 of 2.7 MB of its text at 500 sessions).
void write_agreement_document_at(std::ostream& os, const boost::json::object& frame, int depth,
                                 const StreamedList& segment_disagreements, const StreamedList& interval_disagreements);

/// A table a lab manager can read: measure, value, SE, 95% CI, units, raters, interpretation;
/// then undefined measures with their reasons, notes and (with `explain`) one paragraph per measure.
void write_agree_text(std::ostream& os, const AgreeInput& input, const std::vector<stats::Measure>& measures,
                      const std::vector<std::string>& notes, bool explain);

}  // namespace rapport::report
