// SPDX-License-Identifier: MIT
// Episode matching and agreement measures (see episode_agreement.hpp).
#include "rapport/stages/episode_agreement.hpp"

#include <algorithm>
#include <tuple>

#include "rapport/stats/cohen_kappa.hpp"
#include "rapport/stats/krippendorff_alpha.hpp"
#include "rapport/stats/percent_agreement.hpp"
#include "rapport/stats/rating_table.hpp"

namespace rapport::stages {
namespace {

Millis overlap(const Episode& x, const Episode& y) {
  return std::min(x.end_ms, y.end_ms) - std::max(x.start_ms, y.start_ms);
}

bool touches(const std::vector<Episode>& episodes, const EpisodeSegment& seg) {
  return std::any_of(episodes.begin(), episodes.end(), [&](const Episode& e) {
    return std::any_of(e.segments.begin(), e.segments.end(),
                       [&](const EpisodeSegment& s) { return s.start_ms == seg.start_ms && s.end_ms == seg.end_ms; });
  });
}

int highest_rank(const Episode& e) {
  const StagePlacement* p = e.primary();
  return p ? p->highest_rank : 0;
}

std::optional<double> rank_value(int rank) {
  if (rank == 0) return std::nullopt;
  return static_cast<double>(rank);
}

stats::RatingTable named(stats::RatingTable table, const std::string& a, const std::string& b) {
  table.raters = {a, b};
  return table;
}

}  // namespace

std::vector<EpisodeMatch> match_episodes(const std::vector<Episode>& a, const std::vector<Episode>& b) {
  std::vector<std::tuple<Millis, std::size_t, std::size_t>> candidates;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j)
      if (const Millis o = overlap(a[i], b[j]); o > 0) candidates.emplace_back(o, i, j);
  std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
    if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) > std::get<0>(y);
    return std::make_pair(std::get<1>(x), std::get<2>(x)) < std::make_pair(std::get<1>(y), std::get<2>(y));
  });
  std::vector<bool> used_a(a.size()), used_b(b.size());
  std::vector<EpisodeMatch> out;
  for (const auto& [o, i, j] : candidates) {
    if (used_a[i] || used_b[j]) continue;
    used_a[i] = used_b[j] = true;
    out.push_back({i, j, o, a[i].id, b[j].id});
  }
  std::sort(out.begin(), out.end(), [](const EpisodeMatch& x, const EpisodeMatch& y) { return *x.a < *y.a; });
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!used_a[i]) out.push_back({i, std::nullopt, 0, a[i].id, {}});
  for (std::size_t j = 0; j < b.size(); ++j)
    if (!used_b[j]) out.push_back({std::nullopt, j, 0, {}, b[j].id});
  return out;
}

void EpisodeUnits::add(const SessionStages& sa, const SessionStages& sb) {
  if (m_counts.sessions.empty()) {
    m_counts.coder_a = sa.coder;
    m_counts.coder_b = sb.coder;
  }
  m_counts.sessions.push_back(sa.session);
  m_counts.episodes_a += sa.episodes.size();
  m_counts.episodes_b += sb.episodes.size();
  std::vector<EpisodeMatch> matches = match_episodes(sa.episodes, sb.episodes);
  for (const auto& m : matches) {
    if (!m.a || !m.b) continue;
    ++m_counts.matched;
    const Episode& ea = sa.episodes[*m.a];
    const Episode& eb = sb.episodes[*m.b];
    m_matched.push_back({ea.type, eb.type, ea.outcome, eb.outcome, highest_rank(ea), highest_rank(eb)});
    for (const Episode* e : {&ea, &eb})
      if (const StagePlacement* p = e->primary()) m_stage_count = std::max(m_stage_count, p->stage_count);
  }
  if (m_counts.sessions.size() == 1) m_counts.matches = std::move(matches);
  // Segment presence over the segments of A (the segment tier is the same for every coder of
  // a session; B's are used when A has none).
  const std::vector<EpisodeSegment>& segments = sa.segments.empty() ? sb.segments : sa.segments;
  for (const auto& seg : segments) m_presence.emplace_back(touches(sa.episodes, seg), touches(sb.episodes, seg));
}

EpisodeAgreement episode_agreement(const std::vector<std::pair<const SessionStages*, const SessionStages*>>& pairs) {
  EpisodeUnits units;
  for (const auto& [a, b] : pairs) units.add(*a, *b);
  return units.agreement();
}

EpisodeAgreement EpisodeUnits::agreement() const {
  EpisodeAgreement out = m_counts;
  if (out.sessions.size() != 1) out.matches.clear();
  // The rating rows of rapport/stats, rebuilt from the units in the order they came.
  std::vector<std::vector<std::string>> presence_rows, type_rows, outcome_rows;
  std::vector<std::vector<std::optional<double>>> stage_rows;
  for (const auto& [a, b] : m_presence) presence_rows.push_back({a ? "episode" : "none", b ? "episode" : "none"});
  for (const auto& m : m_matched) {
    type_rows.push_back({std::string(to_string(m.type_a)), std::string(to_string(m.type_b))});
    outcome_rows.push_back({std::string(to_string(m.outcome_a)), std::string(to_string(m.outcome_b))});
    stage_rows.push_back({rank_value(m.rank_a), rank_value(m.rank_b)});
  }
  const std::size_t total = out.episodes_a + out.episodes_b;
  if (total > 0) out.positive_agreement = 2.0 * static_cast<double>(out.matched) / static_cast<double>(total);

  using stats::Weighting;
  const auto nominal = [&](const std::vector<std::vector<std::string>>& rows, const std::string& what) {
    std::vector<stats::Measure> m;
    if (rows.empty()) {
      m.push_back(stats::undefined_measure("percent_agreement", "no " + what, 0, 2));
      m.push_back(stats::undefined_measure("cohen_kappa", "no " + what, 0, 2));
      return m;
    }
    const stats::RatingTable t = named(stats::make_label_table(rows), out.coder_a, out.coder_b);
    m.push_back(stats::percent_agreement(t));
    m.push_back(stats::cohen_kappa(t, Weighting::identity));
    return m;
  };
  out.presence = nominal(presence_rows, "segments");
  out.type = nominal(type_rows, "matched episodes");
  out.outcome = nominal(outcome_rows, "matched episodes");
  if (stage_rows.empty()) {
    for (const char* name :
         {"percent_agreement", "cohen_kappa_linear", "cohen_kappa_quadratic", "krippendorff_alpha_ordinal"})
      out.highest_stage.push_back(stats::undefined_measure(name, "no matched episodes", 0, 2));
  } else {
    // The ranks of the stage model (1-5 on the Safran & Muran paths) are the declared scale, so
    // the weights use the model's range, not only the ranks the coders happened to use.
    std::vector<double> scale;
    for (int r = 1; r <= m_stage_count; ++r) scale.push_back(r);
    const stats::RatingTable t = named(stats::make_numeric_table(stage_rows, scale), out.coder_a, out.coder_b);
    out.highest_stage.push_back(stats::percent_agreement(t));
    out.highest_stage.push_back(stats::cohen_kappa(t, Weighting::linear));
    out.highest_stage.push_back(stats::cohen_kappa(t, Weighting::quadratic));
    out.highest_stage.push_back(stats::krippendorff_alpha(t, stats::Level::ordinal));
  }
  return out;
}

}  // namespace rapport::stages
