// SPDX-License-Identifier: MIT
// The `rapport stages` JSON document (../shared/DESIGN.md). Keys keep insertion order, so the
// document is deterministic; optional numbers are null, never made up.
#include <boost/json.hpp>

#include "rapport/report/agree_report.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/report/stages_report.hpp"

namespace rapport::report {
namespace {

namespace json = boost::json;
using namespace rapport::stages;

template <class T>
json::value opt(const std::optional<T>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value opt_text(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

template <class Map>
json::object count_map(const Map& m) {
  json::object o;
  for (const auto& [k, n] : m) o[k] = n;
  return o;
}

json::value rating(const check::Rating& r) {
  if (r.value) return *r.value;
  return r.na ? json::value("NA") : json::value(nullptr);
}

json::object placement(const StagePlacement& p) {
  json::array seq;
  for (const auto& e : p.sequence) {
    json::object s{
        {"stage", e.stage}, {"rank", e.rank}, {"start_ms", e.start_ms}, {"end_ms", e.end_ms}, {"inferred", e.inferred}};
    if (e.inferred) s["inferred_from"] = e.inferred_from;
    seq.push_back(std::move(s));
  }
  return json::object{{"stage_model", p.model},
                      {"stages_source", p.sequence.empty() ? "none"
                                        : p.annotated      ? "annotated"
                                                           : "inferred"},
                      {"stages", std::move(seq)},
                      {"highest_stage", opt_text(p.highest_stage)},
                      {"highest_stage_rank", p.highest_rank},
                      {"stage_count", p.stage_count},
                      {"reached_last_stage", p.reached_final},
                      {"skipped_stages", strings(p.skipped)},
                      {"repeated_stages", strings(p.repeated)}};
}

json::object episode(const Episode& e) {
  json::object o;
  o["id"] = e.id;
  o["type"] = to_string(e.type);
  o["start_ms"] = e.start_ms;
  o["end_ms"] = e.end_ms;
  o["duration_ms"] = e.duration_ms();
  json::array markers;
  for (const auto& m : e.markers)
    markers.push_back(json::object{{"code", m.code},
                                   {"type", codebook::to_string(m.type)},
                                   {"start_ms", m.start_ms},
                                   {"end_ms", m.end_ms},
                                   {"tier", m.where.tier}});
  o["markers"] = std::move(markers);
  json::array strategies;
  for (const auto& s : e.strategies)
    strategies.push_back(json::object{{"code", s.code},
                                      {"start_ms", s.start_ms},
                                      {"end_ms", s.end_ms},
                                      {"class", opt_text(s.strategy_class)},
                                      {"directness", opt_text(s.directness)},
                                      {"repair_strategies", strings(s.typology_items)}});
  o["strategies"] = std::move(strategies);
  // The primary placement's fields sit in the episode itself (the DESIGN.md contract); the
  // other models with stages follow in "other_stage_models".
  json::array others;
  for (const auto& p : e.placements) {
    if (!p.primary) {
      others.push_back(placement(p));
      continue;
    }
    for (auto& [k, v] : placement(p)) o[k] = v;
  }
  if (!e.primary()) {
    o["stage_model"] = nullptr;
    o["stages"] = json::array{};
    o["highest_stage"] = nullptr;
  }
  o["other_stage_models"] = std::move(others);
  o["outcome"] = to_string(e.outcome);
  o["outcome_reason"] = e.outcome_reason;
  json::array segments;
  for (const auto& s : e.segments) {
    json::object ratings;
    for (const auto& [scale, r] : s.ratings) ratings[scale] = rating(r);
    segments.push_back(json::object{
        {"segment", s.label}, {"start_ms", s.start_ms}, {"end_ms", s.end_ms}, {"ratings", std::move(ratings)}});
  }
  o["segments"] = std::move(segments);
  o["max_resolution"] = opt(e.max_resolution);
  o["max_withdrawal_significance"] = opt(e.max_withdrawal_significance);
  o["max_confrontation_significance"] = opt(e.max_confrontation_significance);
  o["latency_first_strategy_ms"] = opt(e.latency_first_strategy_ms);
  o["latency_highest_stage_ms"] = opt(e.latency_highest_stage_ms);
  o["immediate"] = e.immediate;
  o["exploratory"] = e.exploratory;
  return o;
}

json::object counts(const EpisodeCounts& c) {
  json::object highest;
  for (const auto& [model, stages] : c.highest_stage) highest[model] = count_map(stages);
  return json::object{{"episodes", c.episodes},
                      {"withdrawal", c.withdrawal},
                      {"confrontation", c.confrontation},
                      {"mixed", c.mixed},
                      {"resolved", c.resolved},
                      {"partial", c.partial},
                      {"unresolved", c.unresolved},
                      {"not_addressed", c.not_addressed},
                      {"resolution_rate", opt(c.resolution_rate())},
                      {"highest_stage", std::move(highest)},
                      {"strategies", count_map(c.strategies)},
                      {"strategies_total", c.strategies_total},
                      {"immediate", c.immediate},
                      {"exploratory", c.exploratory},
                      {"repair_strategies", count_map(c.typology)},
                      {"mean_latency_first_strategy_ms", opt(c.mean_latency_first_strategy_ms())},
                      {"mean_latency_highest_stage_ms", opt(c.mean_latency_highest_stage_ms())}};
}

json::object session_json(const SessionStages& s) {
  json::array episodes;
  for (const auto& e : s.episodes) episodes.push_back(episode(e));
  json::object summary = counts(s.summary.counts);
  summary["segments"] = s.summary.segments;
  summary["segments_with_episode"] = s.summary.segments_with_episode;
  summary["unattached_strategies"] = s.summary.unattached_strategies;
  summary["unattached_stages"] = s.summary.unattached_stages;
  json::object globals;
  for (const auto& [scale, r] : s.summary.session_ratings) globals[scale] = rating(r);
  summary["session_ratings"] = std::move(globals);
  return json::object{{"session", s.session},
                      {"coder", s.coder},
                      {"file", s.file},
                      {"patient", opt(s.participants.patient)},
                      {"therapist", opt(s.participants.therapist)},
                      {"episodes", std::move(episodes)},
                      {"summary", std::move(summary)}};
}

json::array aggregates(const std::vector<Aggregate>& groups) {
  json::array a;
  for (const auto& g : groups) {
    json::object o{{std::string(to_string(g.by)), g.key}, {"sessions", g.sessions}};
    o["episodes_per_session"] = opt(g.episodes_per_session());
    for (auto& [k, v] : counts(g.counts)) o[k] = v;
    a.push_back(std::move(o));
  }
  return a;
}

json::array measures(const std::vector<stats::Measure>& ms) {
  json::array a;
  for (const auto& m : ms) a.push_back(to_json(m));
  return a;
}

json::object agreement(const EpisodeAgreement& g) {
  json::object o{{"sessions", strings(g.sessions)},
                 {"coders", json::array{json::value(g.coder_a), json::value(g.coder_b)}},
                 {"episodes_a", g.episodes_a},
                 {"episodes_b", g.episodes_b},
                 {"matched", g.matched},
                 {"positive_agreement", opt(g.positive_agreement)}};
  if (g.sessions.size() == 1) {
    json::array matches;
    for (const auto& m : g.matches)
      matches.push_back(json::object{{"a", m.a ? json::value(m.a_id) : json::value(nullptr)},
                                     {"b", m.b ? json::value(m.b_id) : json::value(nullptr)},
                                     {"overlap_ms", m.overlap_ms}});
    o["matches"] = std::move(matches);
  }
  o["presence"] = measures(g.presence);
  o["type"] = measures(g.type);
  o["highest_stage"] = measures(g.highest_stage);
  o["outcome"] = measures(g.outcome);
  return o;
}

}  // namespace

json::object stages_session_to_json(const SessionStages& s) { return session_json(s); }

json::object stages_agreement_to_json(const EpisodeAgreement& g) { return agreement(g); }

json::object stages_frame_to_json(const StagesResult& r) {
  json::object doc;
  doc["codebook"] = r.codebook;
  doc["parameters"] =
      json::object{{"gap_max_ms", r.thresholds.gap_max_ms},
                   {"quiet_min_ms", r.thresholds.quiet_min_ms},
                   {"outcome_rule", json::object{{"scale", r.outcome_rule.scale},
                                                 {"resolved_min", r.outcome_rule.resolved_min},
                                                 {"partial_min", r.outcome_rule.partial_min},
                                                 {"final_stage_resolves", r.outcome_rule.final_stage_resolves}}},
                   {"repair_typology", opt_text(r.typology)}};
  doc["sessions"] = json::array();
  doc["aggregates"] = json::object{
      {"note",
       "Descriptive counts and rates. Sessions are nested within patients and therapists: compare groups with "
       "a multilevel model, not by pooling these rates."},
      {"by_coder", aggregates(r.by_coder)},
      {"by_therapist", aggregates(r.by_therapist)},
      {"by_patient", aggregates(r.by_patient)}};
  json::array pooled;
  for (const auto& g : r.pooled_agreement) pooled.push_back(agreement(g));
  doc["agreement"] = json::object{{"sessions", json::array()}, {"pooled", std::move(pooled)}};
  doc["diagnostics"] = to_json(r.diagnostics);
  return doc;
}

json::object stages_to_json(const StagesResult& r) {
  json::object doc = stages_frame_to_json(r);
  auto& sessions = doc["sessions"].as_array();
  sessions.reserve(r.sessions.size());
  for (const auto& s : r.sessions) sessions.push_back(session_json(s));
  auto& per_session = doc["agreement"].as_object()["sessions"].as_array();
  per_session.reserve(r.agreement.size());
  for (const auto& g : r.agreement) per_session.push_back(agreement(g));
  return doc;
}

}  // namespace rapport::report
