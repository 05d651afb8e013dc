// SPDX-License-Identifier: MIT
// Episode formation: one pass over the coder's markers, strategies and stage annotations in
// time order (3rs.md §1.9). See episodes.hpp for the rule.
#include "rapport/stages/episodes.hpp"

#include <algorithm>

#include "rapport/stages/outcome.hpp"

namespace rapport::stages {
namespace {

using codebook::FamilyKind;
using codebook::RuptureType;

enum class Kind { marker, stage, strategy };

/// One item of the timeline. At equal onsets markers come first, so that an S1 annotation that
/// coincides with its marker (the usual coding) falls inside the episode the marker opens.
struct Item {
  Kind kind;
  std::size_t index;  ///< into the session's events or stages
  Millis start_ms;
  Millis end_ms;
};

bool earlier(const Item& a, const Item& b) {
  if (a.start_ms != b.start_ms) return a.start_ms < b.start_ms;
  if (a.kind != b.kind) return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  return a.end_ms < b.end_ms;
}

/// The final stage ids of the codebook's models: entering one is a resolution point.
std::vector<std::string> final_stages(const codebook::Codebook& cb) {
  std::vector<std::string> out;
  for (const auto& m : cb.stage_models)
    if (!m.stages.empty()) out.push_back(m.stages.back().id);
  return out;
}

EpisodeType type_of(const std::vector<EpisodeMarker>& markers) {
  bool w = false, c = false;
  for (const auto& m : markers) {
    w = w || m.type == RuptureType::withdrawal;
    c = c || m.type == RuptureType::confrontation;
  }
  if (w && c) return EpisodeType::mixed;
  return c ? EpisodeType::confrontation : EpisodeType::withdrawal;
}

}  // namespace

Thresholds thresholds(const codebook::Codebook& codebook, const ThresholdOverrides& overrides) {
  Thresholds t;
  t.gap_max_ms = overrides.gap_max_ms.value_or(codebook.episodes.gap_max_ms);
  t.quiet_min_ms = overrides.quiet_min_ms.value_or(codebook.episodes.quiet_min_ms);
  return t;
}

Formed form_episodes(const check::CodedSessionData& session, const codebook::Codebook& cb, const Thresholds& limits,
                     const codebook::RepairTypology* typology) {
  Formed out;
  std::vector<Item> items;
  for (std::size_t i = 0; i < session.events.size(); ++i) {
    const check::CodedEvent& e = session.events[i];
    if (!e.known) continue;
    const codebook::Family* family = cb.find_family(e.family);
    if (!family) continue;
    if (family->kind == FamilyKind::rupture_marker)
      items.push_back({Kind::marker, i, e.start_ms, e.end_ms});
    else if (family->kind == FamilyKind::resolution_strategy)
      items.push_back({Kind::strategy, i, e.start_ms, e.end_ms});
  }
  for (std::size_t i = 0; i < session.stages.size(); ++i)
    items.push_back({Kind::stage, i, session.stages[i].start_ms, session.stages[i].end_ms});
  std::stable_sort(items.begin(), items.end(), earlier);

  const std::vector<std::string> finals = final_stages(cb);
  const codebook::OutcomeRule rule = outcome_rule(cb);

  std::optional<Episode> open;
  Millis reach = 0;                   // latest end of what the open episode holds
  std::optional<Millis> repaired_at;  // earliest resolution point of the open episode

  auto close = [&] {
    if (!open) return;
    // Segments touched, and resolution points from segment ratings are settled at the close.
    for (const auto& seg : session.segments)
      if (seg.start_ms < open->end_ms && open->start_ms < seg.end_ms)
        open->segments.push_back({seg.label, seg.start_ms, seg.end_ms, seg.ratings});
    // A point-like episode (markers of zero length) still lies in the segment holding it.
    if (open->segments.empty())
      for (const auto& seg : session.segments)
        if (seg.start_ms <= open->start_ms && open->start_ms < seg.end_ms)
          open->segments.push_back({seg.label, seg.start_ms, seg.end_ms, seg.ratings});
    open->type = type_of(open->markers);
    open->id = "E" + std::to_string(out.episodes.size() + 1);
    out.episodes.push_back(std::move(*open));
    open.reset();
    repaired_at.reset();
  };

  // A segment rated resolved (>= resolved_min) repairs what happened in it by its end.
  auto segment_repair = [&](Millis t) -> std::optional<Millis> {
    for (const auto& seg : session.segments) {
      if (!(seg.start_ms < reach && open->start_ms < seg.end_ms)) continue;
      auto it = seg.ratings.find(rule.scale);
      if (it != seg.ratings.end() && it->second.value && *it->second.value >= rule.resolved_min && seg.end_ms <= t)
        return seg.end_ms;
    }
    return std::nullopt;
  };

  for (const Item& item : items) {
    if (open && item.start_ms - reach > limits.gap_max_ms) close();
    if (open && item.kind == Kind::marker) {
      std::optional<Millis> point = repaired_at;
      if (auto seg_point = segment_repair(item.start_ms); seg_point && (!point || *seg_point < *point))
        point = seg_point;
      if (point && *point <= item.start_ms && item.start_ms - *point >= limits.quiet_min_ms) close();
    }
    if (!open) {
      if (item.kind == Kind::marker) {
        open.emplace();
        open->start_ms = item.start_ms;
        reach = item.end_ms;
      } else if (item.kind == Kind::strategy) {
        out.unattached_strategies.push_back(session.events[item.index]);
        continue;
      } else {
        out.unattached_stages.push_back(session.stages[item.index]);
        continue;
      }
    }
    reach = std::max(reach, item.end_ms);
    open->end_ms = reach;
    switch (item.kind) {
      case Kind::marker: {
        const check::CodedEvent& e = session.events[item.index];
        const codebook::Family* family = cb.find_family(e.family);
        open->markers.push_back(
            {e.code, e.family, family ? family->rupture_type : RuptureType::none, e.start_ms, e.end_ms, e.where});
        break;
      }
      case Kind::strategy: {
        const check::CodedEvent& e = session.events[item.index];
        EpisodeStrategy s{e.code, e.start_ms, e.end_ms, {}, {}, {}, e.where};
        if (const codebook::Code* code = cb.find_code(e.code)) {
          s.strategy_class = std::string(code->attribute("class").value_or(""));
          s.directness = std::string(code->attribute("directness").value_or(""));
        }
        if (typology)
          for (const auto& it : typology->items)
            if (std::find(it.codes.begin(), it.codes.end(), e.code) != it.codes.end())
              s.typology_items.push_back(it.id);
        open->strategies.push_back(std::move(s));
        break;
      }
      case Kind::stage: {
        const check::StageMark& mark = session.stages[item.index];
        open->stage_marks.push_back(mark);
        if (std::find(finals.begin(), finals.end(), mark.stage) != finals.end() &&
            (!repaired_at || mark.start_ms < *repaired_at))
          repaired_at = mark.start_ms;
        break;
      }
    }
  }
  close();
  return out;
}

}  // namespace rapport::stages
