// SPDX-License-Identifier: MIT
// Time-aligned level (issue 7 §4): the measures of the intervals component on each family's
// tier. ELAN's modified kappa compares the coders' tiers session by session (ELAN's
// across-files comparison, Holle & Rein 2015) and pools the matrices as ELAN does. alpha_u and
// gamma need one continuum: the sessions are laid end to end, [0, end) of each after the last,
// so a project gives one value per family (units never cross a session border, since every
// coder's units lie inside their session).
#include <algorithm>

#include "rapport/intervals/interval_agreement.hpp"
#include "reliability/steps.hpp"

namespace rapport::reliability::detail {
namespace {

intervals::Interval to_interval(const check::CodedEvent& e, const std::string& session) {
  return {e.start_ms, e.end_ms, e.code, session + ":" + e.where.tier + ":" + std::to_string(e.where.line)};
}

CodedAnnotation annotation(const check::CodedEvent& e, const CoderCoding& c) {
  return {c.data.coder, e.code, e.start_ms, e.end_ms, c.data.file, e.where.tier, e.where.line};
}

}  // namespace

std::vector<TimeAlignedResult> time_aligned_level(const Project& project, const codebook::Codebook& cb,
                                                  const std::vector<std::string>& coders,
                                                  const std::vector<std::size_t>& sessions,
                                                  const ReliabilityOptions& options,
                                                  std::vector<IntervalDisagreement>* out,
                                                  std::vector<std::string>& notes) {
  std::vector<TimeAlignedResult> results;
  std::vector<const codebook::Family*> families;
  for (const auto& f : cb.families)
    if (!f.codes.empty() && tier_of_family(cb, f.id)) families.push_back(&f);
  results.resize(families.size());
  std::vector<std::vector<IntervalDisagreement>> found(families.size());
  std::vector<std::vector<std::string>> family_notes(families.size());

  // One family per job: the families are independent and gamma dominates the time.
  parallel_for(families.size(), options.threads, [&](std::size_t fi) {
    const codebook::Family& family = *families[fi];
    const std::string tier = *tier_of_family(cb, family.id);
    TimeAlignedResult& r = results[fi];
    r.family = family.id;
    r.tier = tier;

    // Per session: each coder's events of the family, for the coders that have the tier.
    struct Side {
      const CoderCoding* coding;
      std::vector<const check::CodedEvent*> events;
      std::vector<intervals::Interval> intervals;
    };
    std::vector<intervals::ElanTierPair> pairs;
    struct PairSource {
      const SessionCoding* session;
      Side a, b;
    };
    std::vector<PairSource> sources;
    std::vector<intervals::RaterIntervals> concatenated(coders.size());
    for (std::size_t c = 0; c < coders.size(); ++c) concatenated[c].rater = coders[c];
    eaf::Millis offset = 0;
    std::size_t left_out = 0;
    for (std::size_t si : sessions) {
      const SessionCoding& s = project.sessions[si];
      std::vector<Side> sides;
      std::vector<std::size_t> column;
      for (std::size_t c = 0; c < coders.size(); ++c) {
        const CoderCoding* coding = s.find(coders[c]);
        if (!coding || !coding->has_tier(tier)) continue;
        Side side{coding, {}, {}};
        for (const auto& e : coding->data.events)
          if (e.family == family.id) {
            side.events.push_back(&e);
            side.intervals.push_back(to_interval(e, s.session));
          }
        sides.push_back(std::move(side));
        column.push_back(c);
      }
      if (sides.size() < 2) continue;
      ++r.sessions;
      for (const auto& side : sides) r.annotations += side.intervals.size();
      for (std::size_t i = 0; i < sides.size(); ++i)
        for (std::size_t j = i + 1; j < sides.size(); ++j) {
          pairs.push_back({s.session, s.session + ":" + sides[i].coding->data.coder,
                           s.session + ":" + sides[j].coding->data.coder, sides[i].intervals, sides[j].intervals});
          sources.push_back({&s, sides[i], sides[j]});
        }
      // alpha_u and gamma compare every coder over the whole continuum: a session one coder
      // lacks would read as that coder leaving it blank, so it is left out of them.
      if (sides.size() == coders.size()) {
        for (std::size_t k = 0; k < sides.size(); ++k)
          for (auto i : sides[k].intervals) {
            i.start_ms += offset;
            i.end_ms += offset;
            concatenated[column[k]].intervals.push_back(std::move(i));
          }
        offset += s.end_ms();
      } else {
        ++left_out;
      }
    }

    intervals::ElanOptions elan;
    elan.min_overlap = options.elan_min_overlap;
    const intervals::IntervalAgreement agreement = intervals::compute_elan_agreement(pairs, elan);
    r.measures = agreement.measures;
    r.notes = agreement.notes;

    if (offset > 0) {
      intervals::sort_intervals(concatenated);
      intervals::IntervalAgreementOptions o;
      o.continuum = intervals::Continuum{0, offset};
      o.gamma = options.gamma_options;
      o.gamma.threads = 1;  // the families already run in parallel
      o.measures = {"krippendorff_alpha_u"};
      if (options.gamma) {
        o.measures.emplace_back("gamma");
        o.measures.emplace_back("gamma_cat");
      }
      intervals::IntervalAgreement more = intervals::compute_interval_agreement(concatenated, o);
      for (auto& m : more.measures) r.measures.push_back(std::move(m));
      for (auto& n : more.notes) r.notes.push_back(std::move(n));
    }
    if (left_out > 0)
      family_notes[fi].push_back(family.id + ": " + std::to_string(left_out) + " session(s) not coded on " + tier +
                                 " by every coder are left out of alpha_u and gamma (ELAN's kappa keeps them)");

    if (!out) return;
    const auto start = [](const IntervalDisagreement& d) { return d.first ? d.first->start_ms : d.second->start_ms; };
    for (std::size_t p = 0; p < pairs.size() && p < agreement.elan.pairs.size(); ++p) {
      const auto& res = agreement.elan.pairs[p];
      const auto& src = sources[p];
      const std::string& session = src.session->session;
      const std::string& first = src.a.coding->data.coder;
      const std::string& second = src.b.coding->data.coder;
      std::vector<IntervalDisagreement> pair_found;
      for (const auto& link : res.links) {
        const auto* a = src.a.events[link.first];
        const auto* b = src.b.events[link.second];
        if (a->code == b->code) continue;
        pair_found.push_back({session, family.id, false, first, second, annotation(*a, *src.a.coding),
                              annotation(*b, *src.b.coding), link.share});
      }
      for (std::size_t i : res.unmatched_first)
        pair_found.push_back({session, family.id, true, first, second, annotation(*src.a.events[i], *src.a.coding),
                              std::nullopt, std::nullopt});
      for (std::size_t j : res.unmatched_second)
        pair_found.push_back({session, family.id, true, first, second, std::nullopt,
                              annotation(*src.b.events[j], *src.b.coding), std::nullopt});
      std::stable_sort(pair_found.begin(), pair_found.end(),
                       [&](const auto& x, const auto& y) { return start(x) < start(y); });
      found[fi].insert(found[fi].end(), pair_found.begin(), pair_found.end());
    }
  });

  for (std::size_t fi = 0; fi < families.size(); ++fi) {
    notes.insert(notes.end(), family_notes[fi].begin(), family_notes[fi].end());
    if (out) out->insert(out->end(), found[fi].begin(), found[fi].end());
  }
  return results;
}

}  // namespace rapport::reliability::detail
