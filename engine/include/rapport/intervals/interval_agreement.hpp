// SPDX-License-Identifier: MIT
// `rapport agree --intervals`: every time-aligned measure on one set of codings, as stats::Measure
// values with the stable names of ../shared/DESIGN.md (krippendorff_alpha_u, gamma, gamma_cat,
// gamma_k, elan_kappa_ipf, elan_kappa_excluding_unmatched), plus the ELAN links for the
// disagreement list.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "rapport/intervals/elan_kappa.hpp"
#include "rapport/intervals/gamma.hpp"
#include "rapport/intervals/interval_set.hpp"
#include "rapport/intervals/unitizing_alpha.hpp"
#include "rapport/stats/measure.hpp"

namespace rapport::intervals {

struct IntervalAgreementOptions {
  std::optional<Continuum> continuum;  ///< default: earliest start to latest end
  ElanOptions elan;
  GammaOptions gamma;
  std::vector<std::string> measures;  ///< empty: all
};

struct IntervalAgreement {
  Continuum continuum;
  std::vector<ElanTierPair> elan_pairs;  ///< what the ELAN kappa compared (links index into these)
  ElanKappaResult elan;
  std::optional<UnitizingAlpha> alpha_u;
  std::optional<GammaResult> gamma;
  std::vector<stats::Measure> measures;
  std::vector<std::string> notes;
  std::vector<Diagnostic> diagnostics;
};

/// The measure names, in output order.
std::vector<std::string_view> interval_measure_names();
bool is_interval_measure(std::string_view name);

/// ELAN-style pairs of raters: every combination i < j (ELAN compares groups of more than two
/// tiers pairwise), all in `group`.
std::vector<ElanTierPair> rater_pairs(const std::vector<RaterIntervals>& raters, const std::string& group);

/// Computes the requested measures. Intervals outside an explicit continuum are diagnostics
/// (errors) and make alpha_u and gamma undefined.
IntervalAgreement compute_interval_agreement(const std::vector<RaterIntervals>& raters,
                                             const IntervalAgreementOptions& options);
/// The same on intervals the caller gives up: alpha_u and gamma work on them in place instead of
/// on a copy (a project's continuum can be large).
IntervalAgreement compute_interval_agreement(std::vector<RaterIntervals>&& raters,
                                             const IntervalAgreementOptions& options);

/// The same from ELAN tier pairs (EAF input): ELAN kappa over the given pairs; alpha_u and gamma
/// per pair are left to the caller (they need one continuum per pair).
IntervalAgreement compute_elan_agreement(std::vector<ElanTierPair> pairs, const ElanOptions& options);

/// The ELAN measures (elan_kappa_ipf, elan_kappa_excluding_unmatched) of a result.
std::vector<stats::Measure> elan_measures(const ElanKappaResult& elan, double min_overlap, std::size_t raters);

}  // namespace rapport::intervals
