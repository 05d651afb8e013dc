// SPDX-License-Identifier: MIT
// `rapport stages` over a set of ELAN files: bind each document to the codebook, extract each
// coder's coded session, analyse its episodes, then summarise per coder, therapist and patient
// and measure coder agreement on the episodes of sessions coded by two or more coders. Front
// ends (CLI, plugin, lab report) call this and only format the result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rapport/codebook/codebook.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/diagnostic.hpp"
#include "rapport/eaf/document.hpp"
#include "rapport/spool.hpp"
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

/// One session's codings analysed, with the agreement of each pair of its coders: what
/// StagesRun::finish hands over, a session at a time.
struct SessionGroup {
  std::vector<SessionStages> sessions;      ///< the session's codings, by coder
  std::vector<EpisodeAgreement> agreement;  ///< per pair of coders, in coder order
};

/// Where a StagesRun keeps each coding from add() to finish() (rapport/spool.hpp).
using Spool = rapport::Spool;

namespace detail {
class CodedSpool;
}

/// Analyses documents one at a time: add() keeps only the reduced input of each coding (spooled,
/// see Spool) and an index entry; finish() analyses the codings a session at a time.
class StagesRun {
 public:
  /// `codebook` and `project` (optional) must outlive the run.
  explicit StagesRun(const codebook::Codebook& codebook, const codebook::Project* project = nullptr,
                     StageOptions options = {}, Spool spool = Spool::memory);
  ~StagesRun();
  StagesRun(StagesRun&&) noexcept;
  void add(const eaf::Document& document) { add(reduce(document)); }
  /// The part of add() that reads the document; const, so reader threads may call it at once.
  FileSessions reduce(const eaf::Document& document) const;
  /// Spools a reduced file's codings.
  void add(FileSessions file);
  /// The parameters in force (codebook, thresholds, outcome rule, typology, stage models) and
  /// the diagnostics and files added so far; the sessions, summaries and agreement are empty.
  const StagesResult& parameters() const noexcept { return m_result; }
  /// Analyses the codings in (session, coder) order, one session at a time: each session's
  /// codings and their agreement go to `visit`, then are dropped. Returns the rest: everything
  /// but `sessions` and `agreement`, i.e. the summaries and the pooled agreement, which are
  /// gathered from each session as it passes. Call once.
  StagesResult finish(const std::function<void(SessionGroup& session)>& visit);
  /// The whole result, every session kept (finish(visit) collecting them): for a few files.
  StagesResult finish();
  /// Why the temporary file failed (not created, full disk: "cannot write ..."), or "". The
  /// codings it could not keep are missing from the result, so a report must fail.
  const std::string& error() const noexcept;

 private:
  struct Indexed {
    std::string session;
    std::string coder;
    std::uint64_t offset = 0, size = 0;  ///< in the spool
  };
  const codebook::Codebook& m_codebook;
  const codebook::Project* m_project;
  StageOptions m_options;
  StagesResult m_result;
  std::unique_ptr<detail::CodedSpool> m_spool;
  std::vector<Indexed> m_index;  ///< in the order added
};

}  // namespace rapport::stages
