// SPDX-License-Identifier: MIT
// Choosing the tiers to compare the way ELAN's "Calculate Inter-Annotator Reliability" wizard
// does (../shared/domain/elan.md §2.2, AbstractCompareCommand / TierAndFileMatcher), and
// extracting (value, begin, end) from them. This is the EAF-facing half of the intervals module.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "rapport/eaf/document.hpp"
#include "rapport/intervals/elan_kappa.hpp"

namespace rapport::intervals {

enum class AffixMatching {
  manual,     ///< two tier names given by hand
  same_name,  ///< across files only: tiers with the same name
  prefix,     ///< "R1_rupture" ~ "R2_rupture": key = rest from the first separator, included
  suffix,     ///< "rupture-R1" ~ "rupture-R2": key = head up to the last separator, included
};

struct TierPairing {
  bool across_files = false;  ///< each rater in their own file (ELAN's ACROSS_FILES)
  AffixMatching tiers = AffixMatching::suffix;
  std::string separators = "-_";  ///< tried in this order (ELAN's default)
  std::string manual_first, manual_second;
  /// Across files: file names (without .eaf) are grouped by this affix rule; two files are
  /// always paired with each other.
  AffixMatching files = AffixMatching::suffix;
  std::string file_separators = "-_";
};

struct TierRef {
  std::size_t document = 0;
  std::size_t tier = 0;
};

struct PairedTiers {
  TierRef first, second;
  std::string group;  ///< the file, or "fileA | fileB"
};

/// ELAN's affix key of a name, or nullopt when no separator qualifies. Prefix: the first
/// separator (in list order) present past index 0; the key is the rest of the name from its
/// first occurrence. Suffix: the last occurrence, neither first nor last character; the key is
/// the head including the separator.
std::optional<std::string> affix_key(std::string_view name, AffixMatching mode, std::string_view separators);

/// ELAN's grouping: each name with a key takes every later unconsumed name sharing it; groups of
/// one are dropped. Returns indices into `names`.
std::vector<std::vector<std::size_t>> group_by_affix(const std::vector<std::string>& names, AffixMatching mode,
                                                     std::string_view separators);

/// The tier pairs to compare (groups of more than two are compared pairwise, i < j). Dropped
/// groups and unpaired tiers are info diagnostics.
std::vector<PairedTiers> pair_tiers(const std::vector<eaf::Document>& documents, const TierPairing& pairing,
                                    std::vector<Diagnostic>& diagnostics);

/// All annotations of a tier as intervals (begin/end as ELAN shows them, interpolated times
/// included; the value verbatim; ref = annotation id). Annotations without a resolved time are
/// left out.
std::vector<Interval> tier_intervals(const eaf::Tier& tier);

/// ELAN kappa input from paired tiers; labels are "file:tier".
std::vector<ElanTierPair> elan_tier_pairs(const std::vector<eaf::Document>& documents,
                                          const std::vector<PairedTiers>& pairs);

}  // namespace rapport::intervals
