// SPDX-License-Identifier: MIT
// `rapport stages` over a set of ELAN files: bind each document to the codebook, extract each
// coder's coded session, analyse its episodes, then summarise per coder, therapist and patient
// and measure coder agreement on the episodes of sessions coded by two or more coders. Front
// ends (CLI, plugin) call this and only format the result.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "rapport/codebook/codebook.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/diagnostic.hpp"
#include "rapport/eaf/document.hpp"
#include "rapport/stages/aggregates.hpp"
#include "rapport/stages/episode_agreement.hpp"
#include "rapport/stages/episodes.hpp"
#include "rapport/stages/session_stages.hpp"

namespace rapport::stages {

struct StagesResult {
  std::string codebook;                     ///< codebook id
  Thresholds thresholds;                    ///< in force
  codebook::OutcomeRule outcome_rule;       ///< in force
  std::string typology;                     ///< id of the repair typology strategies are tagged with; may be empty
  std::vector<std::string> typology_items;  ///< its item ids, in codebook order
  std::vector<std::string> stage_models;    ///< the codebook's stage model ids, in order
  std::vector<SessionStages> sessions;      ///< sorted by session, then coder
  std::vector<Aggregate> by_coder;
  std::vector<Aggregate> by_therapist;
  std::vector<Aggregate> by_patient;
  std::vector<EpisodeAgreement> agreement;         ///< per session and coder pair
  std::vector<EpisodeAgreement> pooled_agreement;  ///< per coder pair over their shared sessions
  std::vector<Diagnostic> diagnostics;             ///< reader and binding diagnostics
  std::size_t file_count = 0;
};

/// What one document brings to the stages analysis: its reader and binding diagnostics and the
/// coded content of each of its sessions (one per coder) with the participants the tiers name.
/// Made by StagesRun::reduce, after which the document may be dropped.
struct FileSessions {
  struct Coded {
    check::CodedSessionData data;
    Participants participants;
  };
  std::string file;
  std::vector<Diagnostic> diagnostics;
  std::vector<Coded> sessions;
};

/// Analyses documents one at a time (a batch can stream through memory: only the small
/// per-session results are kept).
class StagesRun {
 public:
  /// `codebook` and `project` (optional) must outlive the run.
  explicit StagesRun(const codebook::Codebook& codebook, const codebook::Project* project = nullptr,
                     StageOptions options = {});
  void add(const eaf::Document& document) { add(reduce(document)); }
  /// The part of add() that reads the document; const, so reader threads may call it at once.
  FileSessions reduce(const eaf::Document& document) const;
  /// Analyses the episodes of a reduced file's sessions.
  void add(FileSessions file);
  /// Sorts the sessions and computes summaries and agreement.
  StagesResult finish();

 private:
  const codebook::Codebook& m_codebook;
  const codebook::Project* m_project;
  StageOptions m_options;
  StagesResult m_result;
};

}  // namespace rapport::stages
