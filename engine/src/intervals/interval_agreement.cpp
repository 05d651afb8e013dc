// SPDX-License-Identifier: MIT
#include "rapport/intervals/interval_agreement.hpp"

#include <algorithm>
#include <cmath>

#include "rapport/stats/interpretation.hpp"

namespace rapport::intervals {
namespace {

bool wanted(const IntervalAgreementOptions& options, std::string_view name) {
  return options.measures.empty() ||
         std::find(options.measures.begin(), options.measures.end(), name) != options.measures.end();
}

void add_statistic(stats::Measure& m, std::string key, std::optional<double> value) {
  m.statistics.push_back({std::move(key), value});
}

stats::ConfusionMatrix confusion(const ElanMatrix& matrix, bool with_unmatched) {
  stats::ConfusionMatrix c;
  c.row_rater = "first";
  c.column_rater = "second";
  c.categories = matrix.values;
  const std::size_t k = matrix.values.size() + (with_unmatched ? 1 : 0);
  if (with_unmatched) c.categories.push_back(elan_unmatched_label(matrix.values));
  for (std::size_t i = 0; i < k; ++i) {
    std::vector<double> row;
    for (std::size_t j = 0; j < k; ++j) row.push_back(static_cast<double>(matrix.counts[i][j]));
    c.counts.push_back(std::move(row));
  }
  return c;
}

std::string kappa_band(const std::optional<double>& v) {
  return v ? std::string(stats::landis_koch(*v)) : std::string();
}

}  // namespace

std::vector<std::string_view> interval_measure_names() {
  return {"krippendorff_alpha_u", "gamma", "gamma_cat", "gamma_k", "elan_kappa_ipf", "elan_kappa_excluding_unmatched"};
}

bool is_interval_measure(std::string_view name) {
  const auto names = interval_measure_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<ElanTierPair> rater_pairs(const std::vector<RaterIntervals>& raters, const std::string& group) {
  std::vector<ElanTierPair> pairs;
  for (std::size_t i = 0; i < raters.size(); ++i)
    for (std::size_t j = i + 1; j < raters.size(); ++j)
      pairs.push_back({group, raters[i].rater, raters[j].rater, raters[i].intervals, raters[j].intervals});
  return pairs;
}

std::vector<stats::Measure> elan_measures(const ElanKappaResult& elan, double min_overlap, std::size_t raters) {
  std::vector<stats::Measure> out;
  const ElanSummary& g = elan.global;
  const auto n = static_cast<std::size_t>(g.annotations);
  {
    stats::Measure m;
    m.name = "elan_kappa_ipf";
    m.value = g.kappa_ipf;
    m.n_units = n;
    m.n_raters = raters;
    if (!m.value)
      m.reason = g.annotations == 0 ? "no annotations to compare" : "the IPF chance agreement is 1 (ELAN prints NaN)";
    add_statistic(m, "raw_agreement", g.raw_agreement);
    add_statistic(m, "kappa_max", g.kappa_max);
    add_statistic(m, "chance_agreement_ipf", g.chance_agreement_ipf);
    add_statistic(m, "min_overlap_percent", min_overlap * 100);
    add_statistic(m, "linked_annotations", static_cast<double>(g.linked_annotations));
    for (const auto& v : g.per_value) m.per_category.push_back({v.value, v.kappa});
    if (!g.matrix.values.empty()) m.matrix = confusion(g.matrix, true);
    m.interpretation = kappa_band(m.value);
    m.explanation =
        "ELAN's modified kappa (Holle & Rein 2015): annotations of two coders are linked when they overlap by at "
        "least the threshold share of the longer one; unlinked annotations count as 'Unmatched', linked cells count "
        "twice, and the chance term comes from iterative proportional fitting. It rewards finding the same events "
        "and giving them the same code. Computed as ELAN 6.9 does; negative values are shown as negative (ELAN "
        "prints 0).";
    out.push_back(std::move(m));
  }
  {
    stats::Measure m;
    m.name = "elan_kappa_excluding_unmatched";
    m.value = g.kappa_excluding_unmatched;
    m.n_units = static_cast<std::size_t>(g.linked_annotations);
    m.n_raters = raters;
    if (!m.value)
      m.reason = g.linked_annotations == 0 ? "no linked annotations"
                                           : "all linked annotations carry one value (chance agreement is 1)";
    add_statistic(m, "raw_agreement", g.raw_agreement_excluding_unmatched);
    add_statistic(m, "kappa_max", g.kappa_max_excluding_unmatched);
    add_statistic(m, "min_overlap_percent", min_overlap * 100);
    if (!g.matrix.values.empty()) m.matrix = confusion(g.matrix, false);
    m.interpretation = kappa_band(m.value);
    m.explanation =
        "Cohen's kappa on the linked annotations only (ELAN's 'excl. unlinked/unmatched'): do the coders give the "
        "same code to the events both of them marked? Linked pairs count twice, as in ELAN.";
    out.push_back(std::move(m));
  }
  return out;
}

IntervalAgreement compute_elan_agreement(std::vector<ElanTierPair> pairs, const ElanOptions& options) {
  IntervalAgreement r;
  r.elan_pairs = std::move(pairs);
  r.elan = elan_modified_kappa(r.elan_pairs, options);
  std::vector<std::string> raters;
  for (const auto& p : r.elan_pairs)
    for (const auto* l : {&p.first_label, &p.second_label})
      if (std::find(raters.begin(), raters.end(), *l) == raters.end()) raters.push_back(*l);
  r.measures = elan_measures(r.elan, options.min_overlap, raters.size());
  r.notes = r.elan.notes;
  return r;
}

namespace {

bool wants_elan(const IntervalAgreementOptions& options) {
  return wanted(options, "elan_kappa_ipf") || wanted(options, "elan_kappa_excluding_unmatched");
}

/// compute_interval_agreement on `raters`; `owned`, when given, is `raters` itself, given up by
/// the caller: the zero-length intervals are removed from it instead of from a copy (then the
/// ELAN measures, which keep them, must not be wanted).
IntervalAgreement compute(const std::vector<RaterIntervals>& raters, std::vector<RaterIntervals>* owned,
                          const IntervalAgreementOptions& options) {
  IntervalAgreement r;
  const auto covering = covering_continuum(raters);
  r.continuum = options.continuum ? *options.continuum : covering.value_or(Continuum{});
  const std::size_t n_raters = raters.size();
  const std::size_t n_units = interval_count(raters);

  bool outside = false;
  if (options.continuum)
    for (const auto& rr : raters)
      for (const auto& i : rr.intervals)
        if (i.start_ms < r.continuum.start_ms || i.end_ms > r.continuum.end_ms) {
          outside = true;
          Diagnostic d;
          d.severity = Severity::error;
          d.rule = "intervals-outside-continuum";
          d.tier = rr.rater;
          d.start_ms = i.start_ms;
          d.end_ms = i.end_ms;
          d.message = "the interval (" + i.ref + ") lies outside the continuum " +
                      std::to_string(r.continuum.start_ms) + "-" + std::to_string(r.continuum.end_ms) + " ms";
          r.diagnostics.push_back(std::move(d));
        }
  // Zero-length intervals cannot be units of alpha_u or gamma.
  std::vector<RaterIntervals> copy;
  if (!owned) copy = raters;
  std::vector<RaterIntervals>& positive = owned ? *owned : copy;
  std::size_t dropped = 0;
  for (auto& rr : positive) {
    const auto before = rr.intervals.size();
    std::erase_if(rr.intervals, [](const Interval& i) { return i.length() <= 0; });
    dropped += before - rr.intervals.size();
  }
  if (dropped > 0)
    r.notes.push_back(std::to_string(dropped) +
                      " interval(s) of zero length are left out of alpha_u and gamma (ELAN's kappa keeps them).");

  if (wanted(options, "krippendorff_alpha_u")) {
    stats::Measure m;
    m.name = "krippendorff_alpha_u";
    m.n_units = n_units - dropped;
    m.n_raters = n_raters;
    if (outside) {
      m.reason = "intervals lie outside the continuum";
    } else {
      r.alpha_u = krippendorff_alpha_u(positive, r.continuum);
      m.value = r.alpha_u->alpha;
      m.reason = r.alpha_u->reason;
      add_statistic(m, "observed_disorder", r.alpha_u->observed);
      add_statistic(m, "expected_disorder", r.alpha_u->expected);
      for (const auto& c : r.alpha_u->per_category) m.per_category.push_back({c.category, c.alpha});
    }
    add_statistic(m, "continuum_start_ms", static_cast<double>(r.continuum.start_ms));
    add_statistic(m, "continuum_end_ms", static_cast<double>(r.continuum.end_ms));
    if (m.value) m.interpretation = std::string(stats::krippendorff_band(*m.value));
    m.explanation =
        "Krippendorff's alpha for unitizing (1995/2004): per code, each coder's record divides the continuum into "
        "that code's stretches and gaps; disagreement is the squared boundary shifts of overlapping stretches and "
        "the squared length of a stretch the other coder left blank, against what chance placement would give. "
        "Pooled over codes. It depends on the continuum bounds and on the 1 ms grid.";
    r.measures.push_back(std::move(m));
  }

  const bool want_gamma = wanted(options, "gamma") || wanted(options, "gamma_cat") || wanted(options, "gamma_k");
  if (want_gamma) {
    auto describe = [&](stats::Measure& m, const GammaValue& v) {
      m.value = v.value;
      m.reason = v.reason;
      m.n_units = n_units - dropped;
      m.n_raters = n_raters;
      add_statistic(m, "observed_disorder", v.observed);
      add_statistic(m, "expected_disorder", v.expected);
      add_statistic(m, "alpha", options.gamma.alpha);
      add_statistic(m, "beta", options.gamma.beta);
      add_statistic(m, "delta_empty", options.gamma.delta_empty);
      add_statistic(m, "samples", static_cast<double>(options.gamma.samples));
      m.labels.push_back({"sampler", options.gamma.sampler == GammaSampler::shuffle ? "shuffle" : "statistical"});
      m.labels.push_back({"seed", std::to_string(options.gamma.seed)});
    };
    std::optional<GammaResult> g;
    std::string why;
    if (outside) {
      why = "intervals lie outside the continuum";
    } else {
      g = gamma_agreement(positive, r.continuum, options.gamma);
    }
    if (wanted(options, "gamma")) {
      stats::Measure m;
      m.name = "gamma";
      describe(m, g ? g->gamma : GammaValue{std::nullopt, 0, 0, why});
      if (g) add_statistic(m, "unitary_alignments", static_cast<double>(g->alignment.unitary.size()));
      m.explanation =
          "Gamma (Mathet et al. 2015): the best alignment of all coders' units by position and code, its disorder "
          "(observed_disorder, exact and the same for any seed), against the mean disorder of randomly resampled "
          "continua (expected_disorder, Monte Carlo: it varies slightly with --seed). 1 is perfect agreement, 0 is "
          "chance.";
      r.measures.push_back(std::move(m));
    }
    if (wanted(options, "gamma_cat")) {
      stats::Measure m;
      m.name = "gamma_cat";
      describe(m, g ? g->gamma_cat : GammaValue{std::nullopt, 0, 0, why});
      m.explanation =
          "Gamma-cat: agreement on the codes of the units the best alignment pairs up, each pair weighted by how "
          "well the two units coincide in time.";
      r.measures.push_back(std::move(m));
    }
    if (wanted(options, "gamma_k")) {
      stats::Measure m;
      m.name = "gamma_k";
      describe(m, GammaValue{std::nullopt, 0, 0, "gamma-k is given per category (per_category)"});
      m.statistics.clear();
      add_statistic(m, "alpha", options.gamma.alpha);
      add_statistic(m, "beta", options.gamma.beta);
      if (g) {
        for (const auto& k : g->gamma_k) {
          m.per_category.push_back({k.category, k.value.value});
          add_statistic(m, "observed_disorder." + k.category, k.value.observed);
          add_statistic(m, "expected_disorder." + k.category, k.value.expected);
        }
      } else {
        m.reason = why;
      }
      m.explanation = "Gamma-k: gamma-cat restricted to the pairs in which at least one unit has code k.";
      r.measures.push_back(std::move(m));
    }
    r.gamma = std::move(g);
  }

  if (wants_elan(options)) {
    r.elan_pairs = rater_pairs(raters, "");
    r.elan = elan_modified_kappa(r.elan_pairs, options.elan);
    for (auto& m : elan_measures(r.elan, options.elan.min_overlap, n_raters))
      if (wanted(options, m.name)) r.measures.push_back(std::move(m));
    r.notes.insert(r.notes.end(), r.elan.notes.begin(), r.elan.notes.end());
    if (n_raters > 2)
      r.notes.push_back("ELAN's kappa compares raters pairwise (" + std::to_string(r.elan_pairs.size()) +
                        " pairs) and pools the matrices, as ELAN does for groups of more than two tiers.");
  }
  return r;
}

}  // namespace

IntervalAgreement compute_interval_agreement(const std::vector<RaterIntervals>& raters,
                                             const IntervalAgreementOptions& options) {
  return compute(raters, nullptr, options);
}

IntervalAgreement compute_interval_agreement(std::vector<RaterIntervals>&& raters,
                                             const IntervalAgreementOptions& options) {
  // ELAN's kappa keeps the zero-length intervals that alpha_u and gamma leave out: it needs the
  // intervals as given, beside the ones without them.
  if (wants_elan(options)) return compute(raters, nullptr, options);
  return compute(raters, &raters, options);
}

}  // namespace rapport::intervals
