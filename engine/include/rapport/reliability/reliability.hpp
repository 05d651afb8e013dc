// SPDX-License-Identifier: MIT
// 3RS reliability of a coding project, the way the papers report it (issue 7;
// ../shared/domain/3rs.md §2, ../shared/domain/statistics.md):
//  - segment level: presence of each code and each family per segment -> kappa, AC1, alpha,
//    percent agreement, with prevalence; segment ratings -> ICC(2,1) as the headline (two-way,
//    absolute agreement, single measures; Shrout & Fleiss 1979, McGraw & Wong's ICC(A,1)) with
//    the other ICC forms, quadratic-weighted kappa and ordinal alpha;
//  - session level: family frequencies and session ratings -> ICC across sessions;
//  - time-aligned level: ELAN's modified kappa, alpha_u and gamma on each family's tiers;
//  - more than two coders: Fleiss/Conger/alpha/ICC over all, plus every pair;
//  - disagreements, certification against a gold coder, and drift over sessions.
// Every number is a stats::Measure from the statistics component; nothing is recomputed here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rapport/codebook/codebook.hpp"
#include "rapport/diagnostic.hpp"
#include "rapport/intervals/gamma.hpp"
#include "rapport/reliability/project.hpp"
#include "rapport/reliability/tables.hpp"
#include "rapport/stats/measure.hpp"

namespace rapport::reliability {

/// Certification thresholds (3rs.md §2.3: no published 3RS threshold; labs train until ICCs with
/// expert codes reach about .70-.80; kappa .60 is "substantial", Landis & Koch 1977).
struct Thresholds {
  double min_kappa = 0.60;  ///< presence of a family's codes per segment (Cohen's kappa vs gold)
  double min_icc = 0.75;    ///< segment ratings, ICC(2,1) vs gold (Koo & Li 2016 "good")
  /// Judge the lower 95% bound instead of the estimate (Koo & Li 2016 judge on the CI).
  bool use_ci_low = false;
  std::string source = "defaults";  ///< where the thresholds came from, for the report
};

struct ReliabilityOptions {
  /// Measures beside the headline ones (empty: the defaults of each level). Names that do not
  /// apply to a variable's level or number of coders are skipped for it.
  std::vector<std::string> measures;
  std::size_t bootstrap = 0;  ///< Krippendorff alpha bootstrap draws (0: no alpha CI)
  std::uint64_t seed = 1;
  bool time_aligned = true;
  bool gamma = true;  ///< the costliest measure; off with --measures without gamma
  double elan_min_overlap = 0.60;
  intervals::GammaOptions gamma_options;
  /// Coders whose files hold consensus codes: left out of the reliability of independent codes
  /// (3rs.md §2.3: reliability is computed before consensus) and usable as gold.
  std::vector<std::string> consensus;
  std::optional<std::string> gold;  ///< certify every other coder against this one
  Thresholds thresholds;
  bool disagreements = true;
  bool drift = true;
  unsigned threads = 0;  ///< 0: one per core
  /// Called between phases with a short description, for progress lines on long runs.
  std::function<void(const std::string&)> progress;
};

/// A measure with the level and variable it belongs to.
struct TaggedMeasure {
  std::string level;     ///< "segment", "session", "time_aligned", "drift"
  std::string variable;  ///< "W3", "withdrawal", "SEG_WSIG", "withdrawal_segments", ...
  stats::Measure measure;
};

struct VariableResult {
  std::string level;  ///< "segment" or "session"
  std::string name;
  std::string family;
  VariableKind kind = VariableKind::presence;
  bool family_level = false;
  std::size_t units = 0;  ///< rows of its table
  std::optional<double> prevalence;
  std::string headline;  ///< the measure name reported first
  std::vector<stats::Measure> measures;

  const stats::Measure* find(std::string_view measure) const noexcept;
};

struct TimeAlignedResult {
  std::string family;
  std::string tier;
  std::size_t sessions = 0;     ///< sessions compared
  std::size_t annotations = 0;  ///< intervals over every coder
  std::vector<stats::Measure> measures;
  std::vector<std::string> notes;
};

struct PairResult {
  std::string first, second;
  std::size_t sessions = 0;
  std::size_t segments = 0;
  std::vector<TaggedMeasure> measures;  ///< family presence kappa and AC1, segment rating ICC(2,1)
};

/// A segment where the coders' values of a variable differ.
struct SegmentDisagreement {
  std::string session;
  std::size_t segment = 0;  ///< 1-based
  eaf::Millis start_ms = 0, end_ms = 0;
  std::string variable;
  std::string family;
  VariableKind kind = VariableKind::presence;
  std::vector<std::optional<double>> values;  ///< per coder of Reliability::coders (missing: nullopt)
};

/// One side of an interval disagreement: the annotation as coded.
struct CodedAnnotation {
  std::string coder;
  std::string code;
  eaf::Millis start_ms = 0, end_ms = 0;
  std::string file;
  std::string tier;
  std::int64_t line = 0;
};

/// An ELAN link whose codes differ, or an annotation the other coder has no partner for.
struct IntervalDisagreement {
  std::string session;
  std::string family;
  bool unmatched = false;
  std::string first_coder, second_coder;
  std::optional<CodedAnnotation> first, second;
  std::optional<double> overlap_share;
};

struct Criterion {
  std::string group;     ///< the family, or "segment ratings"
  std::string variable;  ///< "withdrawal" (presence) or a scale
  std::string measure;   ///< "cohen_kappa" or "icc_2_1"
  std::optional<double> value, ci_low, ci_high;
  double threshold = 0;
  std::optional<bool> pass;  ///< nullopt: undefined for the data (see reason)
  std::string reason;
};

struct CoderCertification {
  std::string coder;
  std::size_t sessions = 0;
  std::size_t segments = 0;
  std::vector<Criterion> criteria;
  std::optional<bool> pass;  ///< every criterion passes; nullopt when one is undefined and none fails
};

struct Certification {
  std::string gold;
  Thresholds thresholds;
  std::vector<CoderCertification> coders;
};

struct DriftPoint {
  std::string session;
  std::optional<std::string> date;
  std::vector<TaggedMeasure> measures;
};

struct DriftTrend {
  std::string variable;
  std::string measure;
  std::size_t sessions = 0;                       ///< sessions with a value
  std::optional<double> slope;                    ///< least-squares change per session, in time order
  std::optional<double> first_half, second_half;  ///< means of the earlier and the later half
};

struct Drift {
  std::string order;  ///< "date" (files' DATE) or "name"
  std::vector<DriftPoint> sessions;
  std::vector<DriftTrend> trends;
};

struct Reliability {
  std::vector<std::string> coders;     ///< the coders of the independent reliability
  std::vector<std::string> consensus;  ///< left out of it
  std::size_t sessions = 0;            ///< sessions with >= 2 of the coders
  std::size_t segments = 0;
  eaf::Millis segment_ms = 0;
  std::vector<VariableResult> segment_codes;     ///< presence per code
  std::vector<VariableResult> segment_families;  ///< presence of any code of the family
  std::vector<VariableResult> segment_ratings;
  std::vector<VariableResult> session_variables;
  std::vector<TimeAlignedResult> time_aligned;
  std::vector<PairResult> pairs;  ///< every pair of coders (one pair with two coders)
  std::vector<SegmentDisagreement> segment_disagreements;
  std::vector<IntervalDisagreement> interval_disagreements;
  std::optional<Certification> certification;
  std::optional<Drift> drift;
  std::vector<std::string> notes;
  std::vector<Diagnostic> diagnostics;

  /// Every measure with its level and variable, in report order (the DESIGN.md "measures" list).
  std::vector<TaggedMeasure> all_measures() const;
};

/// Default measures of each kind of variable (after the headline), for two coders or more.
std::vector<std::string> default_measures(VariableKind kind, std::size_t coders);
/// The headline measure: cohen_kappa (two coders) or fleiss_kappa for presence, icc_2_1 otherwise.
std::string headline_measure(VariableKind kind, std::size_t coders);

/// The whole analysis of a paired project. Never throws for data problems: they are notes and
/// diagnostics in the result (a gold coder that coded nothing, a session without segments).
Reliability analyse(const Project& project, const codebook::Codebook& codebook, const ReliabilityOptions& options);

}  // namespace rapport::reliability
