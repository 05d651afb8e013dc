// SPDX-License-Identifier: MIT
// Coder agreement on episodes (issue 8, item 5). Episodes of two coders of the same session are
// matched one to one by temporal overlap; then:
//  - presence: matched / only-A / only-B counts and positive agreement 2m / (nA + nB) (Dice),
//    plus Cohen's kappa on segment presence (does the coder have an episode touching the
//    segment?), which has the true negatives episode matching lacks;
//  - type and outcome over matched pairs: percent agreement and Cohen's kappa (nominal);
//  - highest stage of the primary path over matched pairs, ordinal (S1 < ... < S5): linear and
//    quadratic weighted kappa (Cohen 1968) and Krippendorff's ordinal alpha (2011).
// Every coefficient comes from rapport/stats, so undefined values carry their reason.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rapport/stages/session_stages.hpp"
#include "rapport/stats/measure.hpp"

namespace rapport::stages {

/// One row of the matching: an episode of A, of B, or both (indices into the sessions' episodes,
/// and their ids, so the row can be reported once the sessions are gone).
struct EpisodeMatch {
  std::optional<std::size_t> a;
  std::optional<std::size_t> b;
  Millis overlap_ms = 0;
  std::string a_id;  ///< "" without an episode of A
  std::string b_id;
};

/// Pairs by overlap, largest first (ties: earlier A episode, then earlier B episode), each
/// episode at most once; pairs need an overlap > 0. Then A's and B's unmatched episodes, in time
/// order. Greedy largest-overlap-first is the pairing ELAN's own comparison uses for annotations.
std::vector<EpisodeMatch> match_episodes(const std::vector<Episode>& a, const std::vector<Episode>& b);

/// Agreement of two coders over one or more sessions (pooled: the units of all sessions).
struct EpisodeAgreement {
  std::vector<std::string> sessions;
  std::string coder_a;
  std::string coder_b;
  std::size_t episodes_a = 0;
  std::size_t episodes_b = 0;
  std::size_t matched = 0;
  std::optional<double> positive_agreement;  ///< 2 matched / (episodes_a + episodes_b)
  std::vector<EpisodeMatch> matches;         ///< single session only
  std::vector<stats::Measure> presence;      ///< segment presence: percent_agreement, cohen_kappa
  std::vector<stats::Measure> type;          ///< percent_agreement, cohen_kappa
  std::vector<stats::Measure>
      highest_stage;  ///< percent_agreement, cohen_kappa_linear, _quadratic, krippendorff_alpha_ordinal
  std::vector<stats::Measure> outcome;  ///< percent_agreement, cohen_kappa
};

/// The units of one coder pair's episode agreement, gathered a session pair at a time: counts,
/// and per segment and matched episode the few bytes the measures need (presence, type, outcome,
/// highest rank), so that a session's results can be dropped once added and the pooled
/// agreement of a whole project is still computed over every unit, in the order they came.
class EpisodeUnits {
 public:
  /// Adds a session pair (the same session; A's coding first).
  void add(const SessionStages& a, const SessionStages& b);
  /// The agreement over the pairs added so far (the matches only when there is one pair).
  EpisodeAgreement agreement() const;

 private:
  struct Matched {
    EpisodeType type_a, type_b;
    Outcome outcome_a, outcome_b;
    int rank_a, rank_b;  ///< highest rank on the primary model; 0: none
  };
  EpisodeAgreement m_counts;  ///< sessions, coders, episode counts and the first pair's matches
  std::vector<Matched> m_matched;
  std::vector<std::pair<bool, bool>> m_presence;  ///< per segment: an episode of A, of B touches it
  int m_stage_count = 0;
};

/// Agreement of coder A and coder B over the given session pairs (same session, A first).
EpisodeAgreement episode_agreement(const std::vector<std::pair<const SessionStages*, const SessionStages*>>& pairs);

}  // namespace rapport::stages
