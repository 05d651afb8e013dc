// SPDX-License-Identifier: MIT
// `rapport agree --review DIR`: for each paired session, a copy of one of its .eaf files with
// added tiers, so the consensus meeting opens it in ELAN and steps through the disagreements
// (issue 7 §6). The copy keeps every element of the original untouched (it is the original's
// DOM with elements appended); the input is never written.
//
// Added tiers (top level, linguistic type "rapport-review", no CV), for each family tier T
// (3RS_W, ...) and each other coder O compared with the file's coder F:
//   T@O                    O's annotations, when O's coding is in another file
//   REVIEW_T_agree         ELAN links with the same code:   "W2 (F, O)"
//   REVIEW_T_disagree      ELAN links with different codes: "W3 by F | W4 by O"
//   REVIEW_T_unmatched     annotations without a partner:   "W2 only by O"
//   REVIEW_segments        per segment: "agree", or what differs: "W3 F 1, O 0; SEG_WSIG F 3, O 2"
// With more than one other coder the REVIEW tiers end in "_vs_O".
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rapport/reliability/project.hpp"
#include "rapport/reliability/reliability.hpp"

namespace rapport::reliability {

struct ReviewOptions {
  double elan_min_overlap = 0.60;  ///< the same linking as the time-aligned level
  /// The coder whose file is copied; default the gold coder when it coded the session, else
  /// the first coder.
  std::optional<std::string> base_coder;
};

struct ReviewResult {
  std::vector<std::filesystem::path> files;  ///< written, one per session: DIR/<session>_review.eaf
  std::vector<std::string> errors;           ///< sessions that could not be written, and why
};

/// Writes the review copies into `dir` (created when missing). Each file goes to a temporary
/// name in `dir` and is renamed, so a killed run leaves no half-written file. A target that
/// is one of the inputs is refused.
ReviewResult write_review_files(const Project& project, const Reliability& result, const std::filesystem::path& dir,
                                const ReviewOptions& options = {});

/// The review copy of one session as EAF text (exposed for tests).
std::string review_xml(const SessionCoding& session, const Reliability& result, const ReviewOptions& options,
                       std::string& error);

}  // namespace rapport::reliability
