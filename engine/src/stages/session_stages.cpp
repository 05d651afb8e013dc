// SPDX-License-Identifier: MIT
// One session: form the episodes, place them on the stage models, assess them, summarise.
#include "rapport/stages/session_stages.hpp"

#include <algorithm>

#include "rapport/stages/outcome.hpp"
#include "rapport/stages/stage_placement.hpp"

namespace rapport::stages {

const codebook::RepairTypology* selected_typology(const codebook::Codebook& cb, const StageOptions& options) {
  if (options.typology.empty()) return cb.repair_typologies.empty() ? nullptr : &cb.repair_typologies.front();
  return cb.find_repair_typology(options.typology);
}

SessionStages analyse_session(const check::CodedSessionData& data, const codebook::Codebook& cb,
                              const StageOptions& options) {
  SessionStages out;
  out.file = data.file;
  out.session = data.session;
  out.coder = data.coder;
  Formed formed = form_episodes(data, cb, thresholds(cb, options.thresholds), selected_typology(cb, options));
  out.episodes = std::move(formed.episodes);
  for (auto& e : out.episodes) {
    place_stages(e, cb);
    assess(e, cb);
    out.summary.counts.add(e);
  }
  for (const auto& seg : data.segments) out.segments.push_back({seg.label, seg.start_ms, seg.end_ms, seg.ratings});
  out.summary.segments = data.segments.size();
  out.summary.segments_with_episode = static_cast<std::size_t>(
      std::count_if(data.segments.begin(), data.segments.end(), [&](const check::CodedSegment& seg) {
        return std::any_of(out.episodes.begin(), out.episodes.end(), [&](const Episode& e) {
          return std::any_of(e.segments.begin(), e.segments.end(), [&](const EpisodeSegment& s) {
            return s.start_ms == seg.start_ms && s.end_ms == seg.end_ms;
          });
        });
      }));
  out.summary.unattached_strategies = formed.unattached_strategies.size();
  out.summary.unattached_stages = formed.unattached_stages.size();
  out.summary.session_ratings = data.session_ratings;
  return out;
}

}  // namespace rapport::stages
