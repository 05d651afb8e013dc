// SPDX-License-Identifier: MIT
// Stage placement (3rs.md §3 and §5.3). The order of stages is never enforced: Muran et al.
// (2023) found the stages of Safran & Muran's rational model but not its sequences, so the
// sequence is reported as observed, with its skips and repeats, and the highest stage reached.
#include "rapport/stages/stage_placement.hpp"

#include <algorithm>

namespace rapport::stages {
namespace {

using codebook::RuptureType;
using codebook::StageModel;

int rank_of(const StageModel& model, std::string_view stage) {
  for (std::size_t i = 0; i < model.stages.size(); ++i)
    if (model.stages[i].id == stage) return static_cast<int>(i) + 1;
  return 0;
}

/// Whether a model applies to an episode: its rupture type is `any` or that of one of the
/// episode's markers. Keeps a withdrawal episode off the confrontation path.
bool applies(const StageModel& model, const Episode& episode) {
  if (model.rupture_type == RuptureType::any || model.rupture_type == RuptureType::none) return true;
  return std::any_of(episode.markers.begin(), episode.markers.end(),
                     [&](const EpisodeMarker& m) { return m.type == model.rupture_type; });
}

/// The model an annotated stage belongs to: the primary model when it has the stage (S1-S5 are
/// shared by SM-W and SM-C), else the first model in codebook order that has it and applies.
const StageModel* owner(const std::string& stage, const StageModel* primary, const Episode& episode,
                        const codebook::Codebook& cb) {
  if (primary && rank_of(*primary, stage) > 0) return primary;
  for (const auto& m : cb.stage_models)
    if (rank_of(m, stage) > 0 && applies(m, episode)) return &m;
  for (const auto& m : cb.stage_models)
    if (rank_of(m, stage) > 0) return &m;
  return nullptr;
}

std::vector<StageEntry> infer(const StageModel& model, const Episode& episode, const codebook::Codebook& cb) {
  std::vector<StageEntry> out;
  for (const auto& rule : cb.stage_inference) {
    if (std::find(rule.models.begin(), rule.models.end(), model.id) == rule.models.end()) continue;
    const int rank = rank_of(model, rule.stage);
    if (rank == 0) continue;
    auto matches = [&](const std::string& code, const std::string& family) {
      return std::find(rule.codes.begin(), rule.codes.end(), code) != rule.codes.end() ||
             std::find(rule.families.begin(), rule.families.end(), family) != rule.families.end();
    };
    for (const auto& m : episode.markers)
      if (matches(m.code, m.family)) out.push_back({rule.stage, rank, m.start_ms, m.end_ms, true, m.code});
    for (const auto& s : episode.strategies) {
      const codebook::Code* code = cb.find_code(s.code);
      if (matches(s.code, code ? code->family : std::string()))
        out.push_back({rule.stage, rank, s.start_ms, s.end_ms, true, s.code});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const StageEntry& a, const StageEntry& b) {
    return a.start_ms < b.start_ms || (a.start_ms == b.start_ms && a.rank < b.rank);
  });
  // Several codes that signal the same stage in a row are one entry into it, not a repeat.
  out.erase(
      std::unique(out.begin(), out.end(), [](const StageEntry& a, const StageEntry& b) { return a.stage == b.stage; }),
      out.end());
  return out;
}

}  // namespace

const StageModel* primary_model(const Episode& episode, const codebook::Codebook& cb) {
  if (episode.markers.empty()) return nullptr;
  const RuptureType first = episode.markers.front().type;
  for (const auto& m : cb.stage_models)
    if (m.rupture_type == first) return &m;
  return nullptr;
}

void summarise_sequence(StagePlacement& p, const StageModel& model) {
  p.stage_count = static_cast<int>(model.stages.size());
  p.highest_rank = 0;
  p.highest_stage.clear();
  p.highest_stage_ms.reset();
  p.skipped.clear();
  p.repeated.clear();
  for (const auto& e : p.sequence)
    if (e.rank > p.highest_rank) {
      p.highest_rank = e.rank;
      p.highest_stage = e.stage;
      p.highest_stage_ms = e.start_ms;
    }
  for (int r = 1; r < p.highest_rank; ++r) {
    const std::string& id = model.stages[static_cast<std::size_t>(r - 1)].id;
    if (std::none_of(p.sequence.begin(), p.sequence.end(), [&](const StageEntry& e) { return e.stage == id; }))
      p.skipped.push_back(id);
  }
  // Repeated: entered again after another stage (S3 S4 S3, the cycling of 3rs.md §3.1), not two
  // annotations of the same stage in a row.
  for (std::size_t i = 1; i < p.sequence.size(); ++i) {
    const std::string& id = p.sequence[i].stage;
    if (p.sequence[i - 1].stage == id) continue;
    const bool before = std::any_of(p.sequence.begin(), p.sequence.begin() + static_cast<std::ptrdiff_t>(i - 1),
                                    [&](const StageEntry& e) { return e.stage == id; });
    if (before && std::find(p.repeated.begin(), p.repeated.end(), id) == p.repeated.end()) p.repeated.push_back(id);
  }
  p.reached_final = p.stage_count > 0 && p.highest_rank == p.stage_count;
}

void place_stages(Episode& episode, const codebook::Codebook& cb) {
  episode.placements.clear();
  const StageModel* primary = primary_model(episode, cb);

  std::vector<std::vector<StageEntry>> annotated(cb.stage_models.size());
  for (const auto& mark : episode.stage_marks) {
    const StageModel* model = owner(mark.stage, primary, episode, cb);
    if (!model) continue;  // not a stage of any model: `rapport check` reports it
    const auto index = static_cast<std::size_t>(model - cb.stage_models.data());
    annotated[index].push_back({mark.stage, rank_of(*model, mark.stage), mark.start_ms, mark.end_ms, false, {}});
  }

  auto place = [&](const StageModel& model, std::size_t index) {
    StagePlacement p;
    p.model = model.id;
    p.primary = &model == primary;
    if (!annotated[index].empty()) {
      p.sequence = std::move(annotated[index]);
      p.annotated = true;
    } else {
      if (applies(model, episode)) p.sequence = infer(model, episode, cb);
      p.annotated = false;
    }
    if (!p.primary && p.sequence.empty()) return;
    summarise_sequence(p, model);
    episode.placements.push_back(std::move(p));
  };
  if (primary) place(*primary, static_cast<std::size_t>(primary - cb.stage_models.data()));
  for (std::size_t i = 0; i < cb.stage_models.size(); ++i)
    if (&cb.stage_models[i] != primary) place(cb.stage_models[i], i);
}

}  // namespace rapport::stages
