// SPDX-License-Identifier: MIT
// Gamma (Mathet, Widlöcher & Métivier 2015, "The Unified and Holistic Method Gamma for
// Inter-Annotator Agreement Measure and Alignment", Computational Linguistics 41(3):437-479).
//
// Dissimilarities (§4.2, pygamma-agreement's defaults): positional-sporadic
//   d_pos(u,v) = ((|s_u - s_v| + |e_u - e_v|) / (len_u + len_v))^2 * delta_empty,
// categorical d_cat(u,v) = delta_empty * [c_u != c_v], combined d = alpha*d_pos + beta*d_cat,
// and delta_empty for any pair with an empty unit. A unitary alignment holds at most one unit
// per annotator; its disorder is the sum of its pairwise dissimilarities over C(m,2) (eq. 4).
// The best alignment partitions all units into unitary alignments with minimal total disorder
// (§4.3). Observed disorder = total / mean units per annotator (eq. 5). Expected disorder =
// mean observed disorder of sampled continua (§5.2); gamma = 1 - observed / expected (eq. 1).
//
// The alignment is exact. Two annotators: a sparse assignment problem (shortest augmenting
// paths, Jonker & Volgenant 1987 / Crouse 2016) over the pairs that can beat leaving both units
// unaligned. More annotators: the candidate unitary alignments of §5.1.1 (disorder no larger
// than leaving their units unaligned) and an exact set-partition search per connected
// component (dynamic programming over time-ordered units, branch and bound as a fallback).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rapport/intervals/interval_set.hpp"

namespace rapport::intervals {

enum class GammaSampler {
  shuffle,      ///< Mathet et al. 2015 §5.2: each sampled annotator is a real one, rotated by a random pivot
  statistical,  ///< pygamma's default: counts, gaps, lengths from normal laws, categories by frequency
};

struct GammaOptions {
  double alpha = 1.0;  ///< positional weight
  double beta = 1.0;   ///< categorical weight
  double delta_empty = 1.0;
  std::size_t samples = 30;
  std::uint64_t seed = 1;
  GammaSampler sampler = GammaSampler::shuffle;
  unsigned threads = 0;  ///< 0: one per core; the result does not depend on it
};

/// One unitary alignment: for each annotator, the index of its unit or nullopt (empty unit).
struct UnitaryAlignment {
  std::vector<std::optional<std::size_t>> units;
  double disorder = 0;
};

struct GammaAlignment {
  std::vector<UnitaryAlignment> unitary;  ///< sorted by earliest start
  double total_disorder = 0;              ///< sum of unitary disorders
  double disorder = 0;                    ///< observed disorder: total / mean units per annotator
};

struct GammaValue {
  std::optional<double> value;
  double observed = 0;
  double expected = 0;
  std::string reason;
};

struct GammaCategoryValue {
  std::string category;
  GammaValue value;
};

struct GammaResult {
  GammaValue gamma;
  GammaValue gamma_cat;
  std::vector<GammaCategoryValue> gamma_k;
  GammaAlignment alignment;
  std::vector<double> sample_disorders;  ///< one per sample, in sample order
  std::size_t annotators = 0;
  std::size_t units = 0;
};

/// d(u, v) for two real units (the combined dissimilarity).
double gamma_dissimilarity(const Interval& u, const Interval& v, const GammaOptions& options);

/// The best alignment of all raters' units. Intervals must have positive length.
GammaAlignment gamma_best_alignment(const std::vector<RaterIntervals>& raters, const GammaOptions& options);

/// The gamma-cat (category = nullopt) or gamma-k disorder of an alignment (Mathet 2015 §4.2.5
/// as implemented by pygamma: categorical dissimilarities of aligned pairs, weighted by
/// max(0, 1 - alpha*d_pos) and 1/(units in the unitary alignment - 1)).
double gamma_k_disorder(const std::vector<RaterIntervals>& raters, const GammaAlignment& alignment,
                        const GammaOptions& options, const std::optional<std::string>& category);

/// Gamma, gamma-cat and gamma-k. `continuum` bounds the sampled continua.
GammaResult gamma_agreement(const std::vector<RaterIntervals>& raters, const Continuum& continuum,
                            const GammaOptions& options);

/// One sampled continuum (exposed for tests): deterministic in (seed, sample index).
std::vector<RaterIntervals> gamma_sample_continuum(const std::vector<RaterIntervals>& raters,
                                                   const Continuum& continuum, const GammaOptions& options,
                                                   std::size_t sample_index);

}  // namespace rapport::intervals
