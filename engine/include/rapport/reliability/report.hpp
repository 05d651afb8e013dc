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

struct TextOptions {
  bool explain = false;       ///< a paragraph per measure
  bool disagreements = true;  ///< list every disagreement
};

/// The text report: per level a table with the headline measure, its CI and band, then the
/// pairwise matrix, certification, drift, disagreements and what could not be paired.
void write_reliability_text(std::ostream& os, const ReportInput& input, const Project& project,
                            const Reliability& result, const TextOptions& options = {});

}  // namespace rapport::reliability
