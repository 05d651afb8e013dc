// SPDX-License-Identifier: MIT
// analyse(): the levels of issue 7 in report order, on the independent codes (consensus coders
// are left out, 3rs.md §2.3), then the pairwise matrix, certification and drift.
#include <algorithm>
#include <map>

#include "reliability/steps.hpp"

namespace rapport::reliability {
namespace {

void say(const ReliabilityOptions& o, const std::string& what) {
  if (o.progress) o.progress(what);
}

std::vector<VariableResult> evaluate_all(const std::vector<Variable>& variables, const std::string& level,
                                         const ReliabilityOptions& options) {
  std::vector<VariableResult> out(variables.size());
  detail::parallel_for(variables.size(), options.threads,
                       [&](std::size_t i) { out[i] = detail::evaluate(variables[i], level, options); });
  return out;
}

}  // namespace

Reliability analyse(const Project& project, const codebook::Codebook& cb, const ReliabilityOptions& options) {
  Reliability r;
  r.diagnostics = project.diagnostics;
  for (const auto& c : project.coders) {
    if (std::find(options.consensus.begin(), options.consensus.end(), c) != options.consensus.end())
      r.consensus.push_back(c);
    else
      r.coders.push_back(c);
  }
  for (const auto& c : options.consensus)
    if (std::find(project.coders.begin(), project.coders.end(), c) == project.coders.end())
      r.notes.push_back("consensus coder '" + c + "' coded no session");

  const std::vector<std::size_t> paired = paired_sessions(project, r.coders);
  r.sessions = paired.size();
  if (r.coders.size() < 2)
    r.notes.push_back("fewer than two coders: there is no agreement to compute");
  else if (r.sessions == 0)
    r.notes.push_back("no session is coded by two or more coders");

  // The time-aligned level first: its temporaries (every unit of a family on one continuum, per
  // worker thread) are gone before the segment and session tables are built, instead of beside
  // them.
  if (options.time_aligned && r.sessions > 0) {
    say(options, options.gamma ? "time-aligned level (ELAN kappa, alpha_u, gamma)" : "time-aligned level");
    r.time_aligned = detail::time_aligned_level(project, cb, r.coders, paired, options,
                                                options.disagreements ? &r.interval_disagreements : nullptr, r.notes);
  }

  say(options, "segment and session tables");
  const ReliabilityTables tables = build_tables(project, cb, r.coders);
  r.segments = tables.segments.size();
  r.segment_ms = tables.segment_ms;

  say(options, "segment level");
  r.segment_codes = evaluate_all(tables.codes, "segment", options);
  r.segment_families = evaluate_all(tables.families, "segment", options);
  r.segment_ratings = evaluate_all(tables.segment_ratings, "segment", options);
  say(options, "session level");
  r.session_variables = evaluate_all(tables.session_variables, "session", options);

  // Every pair of coders: the pairwise matrix beside the multi-rater values.
  say(options, "coder pairs");
  ReliabilityOptions pair_options = options;
  pair_options.measures = {"gwet_ac1"};
  for (std::size_t i = 0; i < r.coders.size(); ++i)
    for (std::size_t j = i + 1; j < r.coders.size(); ++j) {
      PairResult pr;
      pr.first = r.coders[i];
      pr.second = r.coders[j];
      const ReliabilityTables t =
          r.coders.size() == 2 ? ReliabilityTables{} : build_tables(project, cb, {pr.first, pr.second});
      const ReliabilityTables& use = r.coders.size() == 2 ? tables : t;
      pr.sessions = use.sessions.size();
      pr.segments = use.segments.size();
      if (pr.sessions == 0) {
        r.pairs.push_back(std::move(pr));
        continue;
      }
      for (const auto& f : use.families)
        for (auto& m : detail::evaluate(f, "segment", pair_options).measures)
          pr.measures.push_back({"segment", f.name, std::move(m)});
      for (const auto& s : use.segment_ratings) {
        auto v = detail::evaluate(s, "segment", pair_options);
        pr.measures.push_back({"segment", s.name, std::move(v.measures.front())});
      }
      r.pairs.push_back(std::move(pr));
    }

  if (options.disagreements) {
    r.segment_disagreements = detail::segment_disagreements(project, tables);
    // Session by session, in time within a session, whatever the family: the meeting's order.
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < project.sessions.size(); ++i) rank.emplace(project.sessions[i].session, i);
    const auto key = [&](const IntervalDisagreement& d) {
      return std::pair{rank[d.session], d.first ? d.first->start_ms : d.second->start_ms};
    };
    std::stable_sort(r.interval_disagreements.begin(), r.interval_disagreements.end(),
                     [&](const auto& a, const auto& b) { return key(a) < key(b); });
  }
  if (options.gold) {
    say(options, "certification against " + *options.gold);
    r.certification = detail::certify(project, cb, options, r.notes);
  }
  if (options.drift && r.sessions > 0) {
    say(options, "drift");
    r.drift = detail::drift(project, tables, options);
  }
  return r;
}

}  // namespace rapport::reliability
