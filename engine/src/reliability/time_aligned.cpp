// SPDX-License-Identifier: MIT
// Time-aligned level (issue 7 §4): the measures of the intervals component on each family's
// tier. ELAN's modified kappa compares the coders' tiers session by session (ELAN's
// across-files comparison, Holle & Rein 2015) and pools the matrices as ELAN does. alpha_u and
// gamma need one continuum: the sessions are laid end to end, [0, end) of each after the last,
// so a project gives one value per family (units never cross a session border, since every
// coder's units lie inside their session).
//
// Memory: a family's sessions go through ELAN's kappa one at a time (intervals::ElanPool keeps
// only the pooled matrix, and each session's disagreements are taken at once), so what a worker
// holds for a family is its units on the one continuum alpha_u and gamma need, each once: an
// interval of the continuum carries its code and times only (no source reference; the
// disagreements take theirs from the coded events).
#include <algorithm>
#include <set>

#include "rapport/intervals/interval_agreement.hpp"
#include "reliability/steps.hpp"

namespace rapport::reliability::detail {
namespace {

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

    intervals::ElanOptions elan;
    elan.min_overlap = options.elan_min_overlap;
    intervals::ElanPool pool(elan);
    // The distinct tier labels ELAN's kappa compared: its measures' number of raters.
    std::set<std::string> labels;
    const auto start = [](const IntervalDisagreement& d) { return d.first ? d.first->start_ms : d.second->start_ms; };

    // Per session: each coder's events of the family, for the coders that have the tier.
    struct Side {
      const CoderCoding* coding;
      std::vector<const check::CodedEvent*> events;
      std::vector<intervals::Interval> intervals;
    };
    std::vector<intervals::RaterIntervals> concatenated(coders.size());
    for (std::size_t c = 0; c < coders.size(); ++c) concatenated[c].rater = coders[c];
    eaf::Millis offset = 0;
    std::size_t left_out = 0;
    for (std::size_t si : sessions) {
      const SessionCoding s = project.load(project.sessions[si]);
      std::vector<Side> sides;
      std::vector<std::size_t> column;
      for (std::size_t c = 0; c < coders.size(); ++c) {
        const CoderCoding* coding = s.find(coders[c]);
        if (!coding || !coding->has_tier(tier)) continue;
        Side side{coding, {}, {}};
        for (const auto& e : coding->data.events)
          if (e.family == family.id) {
            side.events.push_back(&e);
            side.intervals.push_back({e.start_ms, e.end_ms, e.code, {}});
          }
        sides.push_back(std::move(side));
        column.push_back(c);
      }
      if (sides.size() < 2) continue;
      ++r.sessions;
      for (const auto& side : sides) r.annotations += side.intervals.size();
      for (std::size_t i = 0; i < sides.size(); ++i)
        for (std::size_t j = i + 1; j < sides.size(); ++j) {
          // The pair borrows the two sides' intervals for as long as it is linked.
          intervals::ElanTierPair pair{s.session, s.session + ":" + sides[i].coding->data.coder,
                                       s.session + ":" + sides[j].coding->data.coder, std::move(sides[i].intervals),
                                       std::move(sides[j].intervals)};
          const intervals::ElanPairResult res = pool.add(pair);
          labels.insert(std::move(pair.first_label));
          labels.insert(std::move(pair.second_label));
          sides[i].intervals = std::move(pair.first);
          sides[j].intervals = std::move(pair.second);
          if (!out) continue;
          const Side& a = sides[i];
          const Side& b = sides[j];
          const std::string& first = a.coding->data.coder;
          const std::string& second = b.coding->data.coder;
          std::vector<IntervalDisagreement> pair_found;
          for (const auto& link : res.links) {
            const auto* x = a.events[link.first];
            const auto* y = b.events[link.second];
            if (x->code == y->code) continue;
            pair_found.push_back({s.session, family.id, false, first, second, annotation(*x, *a.coding),
                                  annotation(*y, *b.coding), link.share});
          }
          for (std::size_t k : res.unmatched_first)
            pair_found.push_back({s.session, family.id, true, first, second, annotation(*a.events[k], *a.coding),
                                  std::nullopt, std::nullopt});
          for (std::size_t k : res.unmatched_second)
            pair_found.push_back({s.session, family.id, true, first, second, std::nullopt,
                                  annotation(*b.events[k], *b.coding), std::nullopt});
          std::stable_sort(pair_found.begin(), pair_found.end(),
                           [&](const auto& x, const auto& y) { return start(x) < start(y); });
          found[fi].insert(found[fi].end(), std::make_move_iterator(pair_found.begin()),
                           std::make_move_iterator(pair_found.end()));
        }
      // alpha_u and gamma compare every coder over the whole continuum: a session one coder
      // lacks would read as that coder leaving it blank, so it is left out of them.
      if (sides.size() == coders.size()) {
        for (std::size_t k = 0; k < sides.size(); ++k)
          for (auto& i : sides[k].intervals) {
            i.start_ms += offset;
            i.end_ms += offset;
            concatenated[column[k]].intervals.push_back(std::move(i));
          }
        offset += project.sessions[si].end_ms();
      } else {
        ++left_out;
      }
    }

    intervals::ElanKappaResult pooled = pool.finish();
    r.measures = intervals::elan_measures(pooled, elan.min_overlap, labels.size());
    r.notes = std::move(pooled.notes);
    labels.clear();

    if (offset > 0) {
      // Grown a session at a time; alpha_u and gamma keep the lists while they sample the
      // continuum, so without the doubling's spare room (up to half of each list).
      for (auto& c : concatenated) c.intervals.shrink_to_fit();
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
      intervals::IntervalAgreement more = intervals::compute_interval_agreement(std::move(concatenated), o);
      for (auto& m : more.measures) r.measures.push_back(std::move(m));
      for (auto& n : more.notes) r.notes.push_back(std::move(n));
    }
    if (left_out > 0)
      family_notes[fi].push_back(family.id + ": " + std::to_string(left_out) + " session(s) not coded on " + tier +
                                 " by every coder are left out of alpha_u and gamma (ELAN's kappa keeps them)");
  });

  for (std::size_t fi = 0; fi < families.size(); ++fi) {
    notes.insert(notes.end(), family_notes[fi].begin(), family_notes[fi].end());
    if (out)
      out->insert(out->end(), std::make_move_iterator(found[fi].begin()), std::make_move_iterator(found[fi].end()));
  }
  return results;
}

}  // namespace rapport::reliability::detail
