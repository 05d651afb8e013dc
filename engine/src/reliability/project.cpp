// SPDX-License-Identifier: MIT
// Pairing (issue 7 §1): sessions matched across coders by the binding's session and coder.
#include "rapport/reliability/project.hpp"

#include <algorithm>
#include <map>

#include "rapport/check/binding.hpp"
#include "reliability/natural_order.hpp"

namespace rapport::reliability {
namespace {

Diagnostic problem(Severity severity, std::string rule, std::string file, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.rule = std::move(rule);
  d.file = std::move(file);
  d.message = std::move(message);
  return d;
}

}  // namespace

bool CoderCoding::has_tier(std::string_view base_name) const noexcept {
  return std::find(tiers.begin(), tiers.end(), base_name) != tiers.end();
}

const CoderCoding* SessionCoding::find(std::string_view coder) const noexcept {
  for (const auto& c : coders)
    if (c.data.coder == coder) return &c;
  return nullptr;
}

eaf::Millis SessionCoding::end_ms() const noexcept {
  eaf::Millis end = 0;
  for (const auto& c : coders) end = std::max(end, c.end_ms);
  return end;
}

std::optional<std::string> SessionCoding::date() const {
  std::optional<std::string> earliest;
  for (const auto& c : coders) {
    if (!c.date || c.date->empty()) return std::nullopt;
    if (!earliest || *c.date < *earliest) earliest = c.date;
  }
  return earliest;
}

std::optional<std::string> tier_of_family(const codebook::Codebook& cb, std::string_view family) {
  for (const auto& rule : cb.tiers)
    if (rule.content == codebook::TierContent::codes && rule.family && *rule.family == family) return rule.name;
  return std::nullopt;
}

std::optional<std::string> tier_of_scale(const codebook::Codebook& cb, std::string_view scale) {
  for (const auto& rule : cb.tiers)
    if (rule.content == codebook::TierContent::segment_rating && rule.scale && *rule.scale == scale) return rule.name;
  return std::nullopt;
}

FileCodings ProjectBuilder::reduce(const eaf::Document& doc) const {
  FileCodings out;
  out.file = doc.file;
  // A file that could not be read is part of the project's story: say so beside the results.
  for (const auto& d : doc.diagnostics)
    if (d.severity == Severity::error && (d.rule.starts_with("io-") || d.rule == "xml-not-well-formed"))
      out.diagnostics.push_back(d);

  check::BindOverrides overrides;
  if (m_project) {
    if (const auto* entry = m_project->find(doc.file)) {
      overrides.session = entry->session;
      overrides.coder = entry->coder;
    }
    if (m_project->coder_identification) overrides.coder_identification = &*m_project->coder_identification;
  }
  const check::Binding binding = check::bind(doc, m_codebook, overrides);
  for (const auto& d : binding.diagnostics)
    if (d.rule == "tier-duplicate") out.diagnostics.push_back(d);
  if (!binding.recognised_any) {
    if (doc.complete)
      out.diagnostics.push_back(problem(Severity::warning, "reliability-file-unrecognised", doc.file,
                                        "no tier matches the tier layout of codebook '" + m_codebook.id +
                                            "'; the file takes no part in the reliability"));
    return out;
  }
  for (const auto& session : binding.sessions) {
    if (session.coder.empty()) {
      out.diagnostics.push_back(problem(
          Severity::warning, "reliability-coder-unknown", doc.file,
          "the coded tiers of session '" + session.session +
              "' name no coder (no tier affix, ANNOTATOR or file name part) and cannot be paired with another coder"));
      continue;
    }
    CoderCoding coding;
    coding.data = check::extract(session, m_codebook);
    for (const auto& bound : session.tiers)
      if (bound.rule->per_coder) coding.tiers.push_back(bound.rule->name);
    coding.date = doc.date;
    for (const auto& s : coding.data.segments) coding.end_ms = std::max(coding.end_ms, s.end_ms);
    for (const auto& e : coding.data.events) coding.end_ms = std::max(coding.end_ms, e.end_ms);
    out.codings.push_back(std::move(coding));
  }
  return out;
}

std::uint32_t ProjectBuilder::intern(const std::string& text) {
  const auto [it, added] = m_text_numbers.try_emplace(text, static_cast<std::uint32_t>(m_texts.size()));
  if (added) m_texts.push_back(text);
  return it->second;
}

ProjectBuilder::Kept ProjectBuilder::keep(CoderCoding coding) {
  Kept k;
  auto& d = coding.data;
  k.file = std::move(d.file);
  k.session = std::move(d.session);
  k.coder = std::move(d.coder);
  k.events.reserve(d.events.size());
  for (const auto& e : d.events)
    k.events.push_back({e.start_ms, e.end_ms, e.where.line, e.where.column, intern(e.code), intern(e.family),
                        intern(e.where.tier), e.known});
  k.segments.reserve(d.segments.size());
  for (const auto& s : d.segments) {
    k.segments.push_back({s.start_ms, s.end_ms, s.where.line, s.where.column, intern(s.label), intern(s.where.tier),
                          static_cast<std::uint32_t>(s.ratings.size())});
    // In the map's (key) order, so that restore() builds the same map.
    for (const auto& [scale, rating] : s.ratings) k.ratings.push_back({rating.value, intern(scale), rating.na});
  }
  for (const auto& [scale, rating] : d.session_ratings) k.ratings.push_back({rating.value, intern(scale), rating.na});
  k.ratings.shrink_to_fit();
  k.tiers = std::move(coding.tiers);
  k.tiers.shrink_to_fit();
  k.date = std::move(coding.date);
  k.end_ms = coding.end_ms;
  return k;
}

CoderCoding ProjectBuilder::restore(Kept k) const {
  CoderCoding c;
  auto& d = c.data;
  d.file = std::move(k.file);
  d.session = std::move(k.session);
  d.coder = std::move(k.coder);
  d.events.reserve(k.events.size());
  for (const auto& e : k.events)
    d.events.push_back(
        {m_texts[e.code], m_texts[e.family], e.known, e.start_ms, e.end_ms, {m_texts[e.tier], e.line, e.column}});
  d.segments.reserve(k.segments.size());
  std::size_t r = 0;
  for (const auto& s : k.segments) {
    check::CodedSegment segment{m_texts[s.label], s.start_ms, s.end_ms, {}, {m_texts[s.tier], s.line, s.column}};
    segment.ratings.reserve(s.ratings);
    for (std::uint32_t i = 0; i < s.ratings; ++i, ++r)
      segment.ratings.emplace(m_texts[k.ratings[r].scale], check::Rating{k.ratings[r].value, k.ratings[r].na});
    d.segments.push_back(std::move(segment));
  }
  for (; r < k.ratings.size(); ++r)
    d.session_ratings.emplace(m_texts[k.ratings[r].scale], check::Rating{k.ratings[r].value, k.ratings[r].na});
  c.tiers = std::move(k.tiers);
  c.date = std::move(k.date);
  c.end_ms = k.end_ms;
  return c;
}

void ProjectBuilder::add(FileCodings file) {
  m_files.push_back(std::move(file.file));
  for (auto& d : file.diagnostics) m_diagnostics.push_back(std::move(d));
  // Kept until finish() for every file of the project: compact, without the stage marks
  // reliability never reads (the stages analysis has its own copy).
  for (auto& c : file.codings) m_codings.push_back(keep(std::move(c)));
}

Project ProjectBuilder::finish() {
  Project p;
  p.files = std::move(m_files);
  p.diagnostics = std::move(m_diagnostics);
  std::map<std::string, std::vector<CoderCoding>, NaturalLess> by_session;
  for (auto& kept : m_codings) {
    CoderCoding coding = restore(std::move(kept));
    auto& list = by_session[coding.data.session];
    const auto twin =
        std::find_if(list.begin(), list.end(), [&](const CoderCoding& c) { return c.data.coder == coding.data.coder; });
    if (twin != list.end()) {
      p.diagnostics.push_back(problem(Severity::error, "reliability-coded-twice", coding.data.file,
                                      "session '" + coding.data.session + "' of coder '" + coding.data.coder +
                                          "' was already read from " + twin->data.file +
                                          "; only the first is used (one of the files is a copy or names the wrong "
                                          "coder)"));
      continue;
    }
    if (std::find(p.coders.begin(), p.coders.end(), coding.data.coder) == p.coders.end())
      p.coders.push_back(coding.data.coder);
    list.push_back(std::move(coding));
  }
  m_codings.clear();
  m_texts.clear();
  m_text_numbers.clear();
  std::sort(p.coders.begin(), p.coders.end(), NaturalLess{});

  for (auto& [name, list] : by_session) {
    std::sort(list.begin(), list.end(),
              [](const CoderCoding& a, const CoderCoding& b) { return NaturalLess{}(a.data.coder, b.data.coder); });
    SessionCoding s{name, std::move(list)};
    if (s.coders.size() < 2) {
      p.diagnostics.push_back(problem(Severity::warning, "reliability-session-coded-once", s.coders.front().data.file,
                                      "session '" + name + "' is coded by '" + s.coders.front().data.coder +
                                          "' only; it takes no part in the agreement"));
      p.unpaired.push_back(std::move(s));
      continue;
    }
    // A tier one coder has and another lacks: that coder's variables on it are missing, not
    // "never coded" (which would count as disagreement).
    std::vector<std::string> all;
    for (const auto& c : s.coders)
      for (const auto& t : c.tiers)
        if (std::find(all.begin(), all.end(), t) == all.end()) all.push_back(t);
    for (const auto& tier : all)
      for (const auto& c : s.coders)
        if (!c.has_tier(tier)) {
          std::string others;
          for (const auto& o : s.coders)
            if (o.has_tier(tier)) others += (others.empty() ? "'" : ", '") + o.data.coder + "'";
          Diagnostic d = problem(Severity::warning, "reliability-tier-unpaired", c.data.file,
                                 "session '" + name + "': coder '" + c.data.coder + "' has no tier " + tier + " (" +
                                     others + " has it); what it carries is missing for '" + c.data.coder +
                                     "' and left out of the agreement");
          d.tier = tier;
          p.diagnostics.push_back(std::move(d));
        }
    p.sessions.push_back(std::move(s));
  }
  return p;
}

Project build_project(const std::vector<eaf::Document>& documents, const codebook::Codebook& codebook,
                      const codebook::Project* project) {
  ProjectBuilder builder(codebook, project);
  for (const auto& d : documents) builder.add(d);
  return builder.finish();
}

}  // namespace rapport::reliability
