// SPDX-License-Identifier: MIT
// ELAN's "modified kappa" (MOD_KAPPA) after Holle & Rein (2015), EasyDIAg, Behavior Research
// Methods 47:837-847, re-implemented from ../shared/domain/elan.md §2.4 (ELAN 6.9 behaviour):
// overlap share of the longer annotation, greedy linking, an Unmatched category, doubled linked
// cells, kappa_ipf by iterative proportional fitting, kappa excluding unmatched, per-value 2x2
// kappas. Deviations from ELAN, each reported in ElanKappaResult::notes when it matters:
//  - the Unmatched category is an index, never a string, so a real value "Unmatched" cannot
//    collide with it;
//  - a pair with 100% overlap never links an annotation twice (ELAN's tie rule can);
//  - every overlapping pair is considered (ELAN's windowed scan can miss pairs when a tier has
//    overlapping annotations of its own; for well-formed tiers the two agree);
//  - negative kappas stay negative (ELAN prints "0"); 0/0 is nullopt (ELAN prints "NaN");
//  - per-group (per-file) results are given beside the pooled ones.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "rapport/intervals/interval_set.hpp"

namespace rapport::intervals {

/// Two tiers (or two CSV raters) to compare. `first` gives the rows of the matrix.
struct ElanTierPair {
  std::string group;         ///< per-group results (the file, or the file pair)
  std::string first_label;   ///< e.g. "session1.eaf:rupture-R1"
  std::string second_label;  ///< e.g. "session1.eaf:rupture-R2"
  std::vector<Interval> first;
  std::vector<Interval> second;
};

struct ElanOptions {
  /// Minimal overlap as a share of the longer annotation (ELAN: 0.51-1.00, default 0.60).
  double min_overlap = 0.60;
};

/// One link: indices into ElanTierPair::first / second.
struct ElanLink {
  std::size_t first = 0;
  std::size_t second = 0;
  double share = 0;  ///< overlap / max(duration1, duration2)
  Millis overlap_ms = 0;
};

/// The agreement matrix: rows rater 1, columns rater 2, over `values` (sorted in Java String
/// order) and a last row/column for Unmatched. Cells outside the Unmatched row and column are
/// doubled (ELAN, after Holle & Rein), so the total is the number of annotations.
struct ElanMatrix {
  std::vector<std::string> values;
  std::vector<std::vector<long long>> counts;  ///< (values.size()+1)^2
  long long total() const noexcept;
};

/// Per-value 2x2 table (ELAN: a = M[i][i], b = rest of row i, c = rest of column i, d = N-a-b-c).
struct ElanValueAgreement {
  std::string value;
  long long a = 0, b = 0, c = 0, d = 0;
  std::optional<double> kappa, kappa_max, raw_agreement;
};

/// ELAN's GlobalCKappa on one matrix.
struct ElanSummary {
  ElanMatrix matrix;
  long long annotations = 0;                   ///< N, including unmatched
  std::optional<double> raw_agreement;         ///< incl. unmatched: diagonal / N
  std::optional<double> kappa_ipf;             ///< the headline number
  std::optional<double> chance_agreement_ipf;  ///< fitted diagonal (without Unmatched) / N
  std::optional<double> kappa_max;             ///< incl. unmatched, ordinary marginals
  std::optional<double> kappa_plain;           ///< incl. unmatched, ordinary chance term (ELAN computes, never prints)
  long long linked_annotations = 0;            ///< N of the matrix without Unmatched
  std::optional<double> raw_agreement_excluding_unmatched;
  std::optional<double> kappa_excluding_unmatched;
  std::optional<double> kappa_max_excluding_unmatched;
  std::vector<ElanValueAgreement> per_value;
};

struct ElanPairResult {
  std::vector<ElanLink> links;               ///< in the order they were made
  std::vector<std::size_t> unmatched_first;  ///< indices into first
  std::vector<std::size_t> unmatched_second;
  ElanSummary summary;
  bool skipped = false;  ///< both tiers empty: ELAN skips the pair with a warning
};

struct ElanGroupResult {
  std::string group;
  ElanSummary summary;
};

struct ElanKappaResult {
  std::vector<ElanPairResult> pairs;  ///< one per input pair, same order
  std::vector<ElanGroupResult> groups;
  ElanSummary global;  ///< the sum of all pairs' matrices (what ELAN reports)
  std::vector<std::string> notes;
};

/// The label of the Unmatched category for display: "Unmatched", or "(unmatched)" when a real
/// value is called "Unmatched".
std::string elan_unmatched_label(const std::vector<std::string>& values);

/// Links annotations of two tiers the way ELAN does (§2.4 "Linking"). `first` and `second`
/// must be sorted by (start, end). `double_link_avoided` is set when ELAN would have linked an
/// annotation twice (several exact 100% pairs on one annotation).
std::vector<ElanLink> elan_link(const std::vector<Interval>& first, const std::vector<Interval>& second,
                                double min_overlap, bool* double_link_avoided = nullptr);

/// ELAN's statistics on a matrix (already doubled).
ElanSummary elan_summarise(ElanMatrix matrix);

/// The whole MOD_KAPPA procedure over tier pairs.
ElanKappaResult elan_modified_kappa(const std::vector<ElanTierPair>& pairs, const ElanOptions& options = {});

/// MOD_KAPPA pooled over pairs that come one at a time (a project's sessions, one after the
/// other): only the pooled matrix is kept, so memory follows the largest pair, not the number of
/// pairs. For the same pairs in the same order, finish() gives elan_modified_kappa's `global` and
/// `notes` exactly (the pooled counts are integer sums; the summary is computed once, at the end).
class ElanPool {
 public:
  explicit ElanPool(ElanOptions options = {});
  /// Links `pair` and adds its matrix to the pool. The links and unmatched annotations of the
  /// pair, as elan_modified_kappa's `pairs` entry, without its summary (not computed).
  ElanPairResult add(const ElanTierPair& pair);
  /// The pooled summary (`global`) and the notes; `pairs` and `groups` are empty.
  ElanKappaResult finish();

 private:
  ElanOptions m_options;
  ElanMatrix m_pooled;
  std::vector<std::string> m_notes;
  bool m_double_link = false;
};

}  // namespace rapport::intervals
