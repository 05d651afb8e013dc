// SPDX-License-Identifier: MIT
// `rapport agree --intervals` output: the DESIGN.md JSON document (measures through
// report::to_json) with the ELAN detail and the disagreement list, and a text report.
#pragma once

#include <boost/json/value.hpp>
#include <iosfwd>
#include <string>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "rapport/intervals/interval_agreement.hpp"

namespace rapport::intervals {

/// What was read, for the header of the report.
struct IntervalsInput {
  std::string file;
  std::size_t raters = 0;
  std::size_t intervals = 0;
  std::vector<std::string> categories;
  bool continuum_declared = false;
};

/// Every link and every unmatched annotation of the ELAN comparison:
/// [{"pair", "first_tier", "second_tier", "kind": "link"|"unmatched", "agree": bool,
///   "overlap_share": x|null, "first": {"start_ms","end_ms","value","ref"}|null, "second": ...}].
boost::json::array links_json(const IntervalAgreement& agreement);

/// {"input": {...}, "measures": [...], "elan": {...}, "links": [...], "notes": [...], "diagnostics": [...]}.
boost::json::object intervals_agree_document(const IntervalsInput& input, const IntervalAgreement& agreement,
                                             const std::vector<Diagnostic>& diagnostics);

/// The text report: measures, per-category values, ELAN's table and matrix, and the
/// disagreements (every link with different values and every unmatched annotation; with
/// `all_links` every link).
void write_intervals_agree_text(std::ostream& os, const IntervalsInput& input, const IntervalAgreement& agreement,
                                bool explain, bool all_links);

}  // namespace rapport::intervals
