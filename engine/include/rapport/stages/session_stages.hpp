// SPDX-License-Identifier: MIT
// The stage analysis of one coded session (one session, one coder): its episodes, each placed on
// the stage models with outcome and timing, and the session summary of 3rs.md §3.7 and §5.4
// (report_variables.session).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rapport/check/binding.hpp"
#include "rapport/check/coded_session.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/stages/episode.hpp"
#include "rapport/stages/episodes.hpp"

namespace rapport::stages {

/// Who the patient and the therapist are, when the files say it.
struct Participants {
  std::optional<std::string> patient;
  std::optional<std::string> therapist;
};

/// The ELAN PARTICIPANT attribute of the tiers whose codebook rule names the role ("patient",
/// "therapist"): marker, strategy and transcript tiers. A PARTICIPANT equal to the role itself
/// (PARTICIPANT="patient", the sample convention) names nobody and is ignored; the first other
/// value found wins.
Participants participants_of(const check::CodedSession& session);

/// Counts of one group of episodes (a session, or all sessions of a coder, therapist, patient).
struct EpisodeCounts {
  std::size_t episodes = 0;
  std::size_t withdrawal = 0;
  std::size_t confrontation = 0;
  std::size_t mixed = 0;
  std::size_t resolved = 0;
  std::size_t partial = 0;
  std::size_t unresolved = 0;
  std::size_t not_addressed = 0;
  /// model -> highest stage -> episodes ("none" for a placement with no stage)
  std::map<std::string, std::map<std::string, std::size_t>> highest_stage;
  std::map<std::string, std::size_t> strategies;  ///< code -> uses inside episodes
  std::size_t strategies_total = 0;
  std::size_t immediate = 0;
  std::size_t exploratory = 0;
  std::map<std::string, std::size_t> typology;  ///< repair typology item -> uses
  std::size_t with_strategy = 0;                ///< episodes with a latency to the first strategy
  double latency_first_strategy_sum_ms = 0;
  std::size_t with_highest_stage = 0;
  double latency_highest_stage_sum_ms = 0;

  void add(const Episode& episode);
  void add(const EpisodeCounts& other);
  /// resolved / episodes; nullopt without episodes.
  std::optional<double> resolution_rate() const;
  std::optional<double> mean_latency_first_strategy_ms() const;
  std::optional<double> mean_latency_highest_stage_ms() const;
};

struct SessionSummary {
  EpisodeCounts counts;
  std::size_t segments = 0;
  std::size_t segments_with_episode = 0;
  std::size_t unattached_strategies = 0;  ///< strategies coded outside every episode
  std::size_t unattached_stages = 0;      ///< stage annotations outside every episode
  check::Ratings session_ratings;         ///< the SES_* globals as coded
};

struct SessionStages {
  std::string file;
  std::string session;
  std::string coder;
  Participants participants;
  std::vector<Episode> episodes;
  std::vector<EpisodeSegment> segments;  ///< the coder's segments (for agreement on presence)
  SessionSummary summary;
};

struct StageOptions {
  ThresholdOverrides thresholds;
  /// The repair typology strategies are tagged with; empty: the codebook's first one.
  std::string typology;
};

/// The repair typology `options` select, or null when the codebook has none (or not that one).
const codebook::RepairTypology* selected_typology(const codebook::Codebook& codebook, const StageOptions& options);

/// Episodes, stages, outcomes and summary of one coded session.
SessionStages analyse_session(const check::CodedSessionData& data, const codebook::Codebook& codebook,
                              const StageOptions& options = {});

}  // namespace rapport::stages
