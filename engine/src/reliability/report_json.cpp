// SPDX-License-Identifier: MIT
// The JSON document of `rapport agree PATHS...`. Measures go through report::to_json so their
// names and fields are those of every other `rapport agree` mode.
#include <cmath>

#include "rapport/reliability/report.hpp"
#include "rapport/report/agree_report.hpp"
#include "rapport/report/json_writer.hpp"

namespace rapport::reliability {
namespace {

namespace json = boost::json;

json::value number(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

json::array strings(const std::vector<std::string>& list) {
  json::array a;
  for (const auto& s : list) a.emplace_back(s);
  return a;
}

json::object tagged(const TaggedMeasure& t) {
  json::object o;
  o["level"] = t.level;
  o["variable"] = t.variable;
  for (auto& [k, v] : report::to_json(t.measure)) o[k] = v;
  return o;
}

/// A short form for long per-session lists (drift): value, CI, n.
json::object compact(const TaggedMeasure& t) {
  const auto& m = t.measure;
  json::object o{{"variable", t.variable},       {"name", m.name},
                 {"value", number(m.value)},     {"ci_low", number(m.ci_low)},
                 {"ci_high", number(m.ci_high)}, {"n_units", m.n_units}};
  if (!m.value) o["reason"] = m.reason;
  return o;
}

json::value annotation(const std::optional<CodedAnnotation>& a) {
  if (!a) return nullptr;
  return json::object{{"coder", a->coder}, {"code", a->code}, {"start_ms", a->start_ms}, {"end_ms", a->end_ms},
                      {"file", a->file},   {"tier", a->tier}, {"line", a->line}};
}

json::object session_json(const SessionEntry& s) {
  json::array coders, files;
  for (const auto& c : s.coders) {
    coders.emplace_back(c.coder);
    files.emplace_back(c.file);
  }
  const auto date = s.date();
  return {{"session", s.session},
          {"coders", std::move(coders)},
          {"files", std::move(files)},
          {"end_ms", s.end_ms()},
          {"date", date ? json::value(*date) : json::value(nullptr)}};
}

json::object variable_json(const VariableResult& v) {
  return {{"level", v.level},
          {"variable", v.name},
          {"family", v.family.empty() ? json::value(nullptr) : json::value(v.family)},
          {"kind", to_string(v.kind)},
          {"family_level", v.family_level},
          {"units", v.units},
          {"prevalence", number(v.prevalence)},
          {"headline", v.headline}};
}

}  // namespace

json::object disagreement_json(const SegmentDisagreement& d, const std::vector<std::string>& coders) {
  json::object values;
  for (std::size_t c = 0; c < coders.size() && c < d.values.size(); ++c) values[coders[c]] = number(d.values[c]);
  return json::object{
      {"session", d.session},      {"segment", d.segment},
      {"start_ms", d.start_ms},    {"end_ms", d.end_ms},
      {"variable", d.variable},    {"family", d.family.empty() ? json::value(nullptr) : json::value(d.family)},
      {"kind", to_string(d.kind)}, {"values", std::move(values)}};
}

json::object disagreement_json(const IntervalDisagreement& d) {
  return json::object{{"session", d.session},
                      {"family", d.family},
                      {"kind", d.unmatched ? "unmatched" : "different_code"},
                      {"coders", json::array{json::value(d.first_coder), json::value(d.second_coder)}},
                      {"first", annotation(d.first)},
                      {"second", annotation(d.second)},
                      {"overlap_share", number(d.overlap_share)}};
}

json::object reliability_document(const ReportInput& input, const Project& project, const Reliability& r) {
  json::object doc = reliability_document_frame(input, project, r);
  json::array seg, intervals;
  for (const auto& d : r.segment_disagreements) seg.push_back(disagreement_json(d, r.coders));
  for (const auto& d : r.interval_disagreements) intervals.push_back(disagreement_json(d));
  doc["disagreements"] = json::object{{"segments", std::move(seg)}, {"intervals", std::move(intervals)}};
  return doc;
}

void write_reliability_document(std::ostream& os, const ReportInput& input, const Project& project,
                                const Reliability& r) {
  report::write_agreement_document_at(os, reliability_document_frame(input, project, r), 0,
                                      segment_disagreement_list(r), interval_disagreement_list(r));
  os << '\n';
}

report::StreamedList segment_disagreement_list(const Reliability& r) {
  return {r.segment_disagreements.size(),
          [&r](std::size_t i) { return disagreement_json(r.segment_disagreements[i], r.coders); }};
}

report::StreamedList interval_disagreement_list(const Reliability& r) {
  return {r.interval_disagreements.size(),
          [&r](std::size_t i) { return disagreement_json(r.interval_disagreements[i]); }};
}

json::object reliability_document_frame(const ReportInput& input, const Project& project, const Reliability& r) {
  json::object doc;
  doc["input"] = json::object{{"paths", strings(input.paths)},
                              {"codebook", input.codebook},
                              {"files", input.files},
                              {"coders", strings(r.coders)},
                              {"consensus", strings(r.consensus)},
                              {"data", "independent codes"},
                              {"sessions", r.sessions},
                              {"segments", r.segments},
                              {"segment_ms", r.segment_ms},
                              {"elan_min_overlap_percent", input.elan_min_overlap * 100}};
  json::array sessions, unpaired;
  for (const auto& s : project.sessions) sessions.push_back(session_json(s));
  for (const auto& s : project.unpaired) unpaired.push_back(session_json(s));
  doc["sessions"] = std::move(sessions);
  doc["unpaired"] = std::move(unpaired);

  json::array variables;
  for (const auto* list : {&r.segment_codes, &r.segment_families, &r.segment_ratings, &r.session_variables})
    for (const auto& v : *list) variables.push_back(variable_json(v));
  doc["variables"] = std::move(variables);
  json::array measures;
  for (const auto& t : r.all_measures()) measures.push_back(tagged(t));
  doc["measures"] = std::move(measures);

  json::array time_aligned;
  for (const auto& t : r.time_aligned)
    time_aligned.push_back(json::object{{"family", t.family},
                                        {"tier", t.tier},
                                        {"sessions", t.sessions},
                                        {"annotations", t.annotations},
                                        {"notes", strings(t.notes)}});
  doc["time_aligned"] = std::move(time_aligned);

  json::array pairwise;
  for (const auto& p : r.pairs) {
    json::array ms;
    for (const auto& t : p.measures) ms.push_back(tagged(t));
    pairwise.push_back(json::object{{"coders", json::array{json::value(p.first), json::value(p.second)}},
                                    {"sessions", p.sessions},
                                    {"segments", p.segments},
                                    {"measures", std::move(ms)}});
  }
  doc["pairwise"] = std::move(pairwise);

  // Listed by reliability_document, or written one at a time by write_reliability_document.
  doc["disagreements"] = json::object{{"segments", json::array()}, {"intervals", json::array()}};

  if (r.certification) {
    const auto& c = *r.certification;
    json::array coders;
    for (const auto& cc : c.coders) {
      json::array criteria;
      for (const auto& k : cc.criteria) {
        json::object o{{"group", k.group},           {"variable", k.variable},
                       {"measure", k.measure},       {"value", number(k.value)},
                       {"ci_low", number(k.ci_low)}, {"ci_high", number(k.ci_high)},
                       {"threshold", k.threshold},   {"pass", k.pass ? json::value(*k.pass) : json::value(nullptr)}};
        if (!k.pass) o["reason"] = k.reason;
        criteria.push_back(std::move(o));
      }
      coders.push_back(json::object{{"coder", cc.coder},
                                    {"sessions", cc.sessions},
                                    {"segments", cc.segments},
                                    {"pass", cc.pass ? json::value(*cc.pass) : json::value(nullptr)},
                                    {"criteria", std::move(criteria)}});
    }
    doc["certification"] =
        json::object{{"gold", c.gold},
                     {"thresholds", json::object{{"min_kappa", c.thresholds.min_kappa},
                                                 {"min_icc", c.thresholds.min_icc},
                                                 {"judged_on", c.thresholds.use_ci_low ? "ci_low" : "estimate"},
                                                 {"source", c.thresholds.source}}},
                     {"coders", std::move(coders)}};
  }

  if (r.drift) {
    json::array points, trends;
    for (const auto& p : r.drift->sessions) {
      json::array ms;
      for (const auto& t : p.measures) ms.push_back(compact(t));
      points.push_back(json::object{
          {"session", p.session}, {"date", p.date ? json::value(*p.date) : json::value(nullptr)}, {"measures", ms}});
    }
    for (const auto& t : r.drift->trends)
      trends.push_back(json::object{{"variable", t.variable},
                                    {"name", t.measure},
                                    {"sessions", t.sessions},
                                    {"slope_per_session", number(t.slope)},
                                    {"first_half_mean", number(t.first_half)},
                                    {"second_half_mean", number(t.second_half)}});
    doc["drift"] = json::object{{"order", r.drift->order}, {"sessions", std::move(points)}, {"trends", trends}};
  }
  doc["notes"] = strings(r.notes);
  doc["diagnostics"] = report::to_json(r.diagnostics);
  return doc;
}

}  // namespace rapport::reliability
