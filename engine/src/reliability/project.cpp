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

/// The latest end over `coders` (CoderCoding or CoderEntry).
template <class Coders>
eaf::Millis latest_end(const Coders& coders) noexcept {
  eaf::Millis end = 0;
  for (const auto& c : coders) end = std::max(end, c.end_ms);
  return end;
}

}  // namespace

bool CoderCoding::has_tier(std::string_view base_name) const noexcept {
  return std::find(tiers.begin(), tiers.end(), base_name) != tiers.end();
}

bool CoderEntry::has_tier(std::string_view base_name) const noexcept {
  return std::find(tiers.begin(), tiers.end(), base_name) != tiers.end();
}

const CoderCoding* SessionCoding::find(std::string_view coder) const noexcept {
  for (const auto& c : coders)
    if (c.data.coder == coder) return &c;
  return nullptr;
}

const CoderEntry* SessionEntry::find(std::string_view coder) const noexcept {
  for (const auto& c : coders)
    if (c.coder == coder) return &c;
  return nullptr;
}

eaf::Millis SessionCoding::end_ms() const noexcept { return latest_end(coders); }

eaf::Millis SessionEntry::end_ms() const noexcept { return latest_end(coders); }

std::optional<std::string> SessionEntry::date() const {
  std::optional<std::string> earliest;
  for (const auto& c : coders) {
    if (!c.date || c.date->empty()) return std::nullopt;
    if (!earliest || *c.date < *earliest) earliest = c.date;
  }
  return earliest;
}

SessionCoding Project::load(const SessionEntry& session) const {
  SessionCoding s{session.session, {}};
  s.coders.reserve(session.coders.size());
  for (const auto& entry : session.coders) {
    CoderCoding& c = s.coders.emplace_back();
    c.data.file = entry.file;
    c.data.session = session.session;
    c.data.coder = entry.coder;
    codings.unpack(entry.packed, c.data);
    c.tiers = entry.tiers;
    c.date = entry.date;
    c.end_ms = entry.end_ms;
  }
  return s;
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

void ProjectBuilder::add(FileCodings file) {
  m_files.push_back(std::move(file.file));
  for (auto& d : file.diagnostics) m_diagnostics.push_back(std::move(d));
  // Kept until finish() for every file of the project: packed, without the stage marks
  // reliability never reads (the stages analysis has its own copy).
  for (auto& c : file.codings) {
    const std::size_t packed = m_packed.add(c.data);
    c.tiers.shrink_to_fit();
    m_added.push_back(
        {std::move(c.data.session),
         {std::move(c.data.file), std::move(c.data.coder), std::move(c.tiers), std::move(c.date), c.end_ms, packed}});
  }
}

Project ProjectBuilder::finish() {
  Project p;
  p.files = std::move(m_files);
  p.diagnostics = std::move(m_diagnostics);
  std::map<std::string, std::vector<CoderEntry>, NaturalLess> by_session;
  for (auto& added : m_added) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in the lambda below.
    const std::string& session = added.session;
    CoderEntry& coding = added.entry;
    auto& list = by_session[session];
    const auto twin =
        std::find_if(list.begin(), list.end(), [&](const CoderEntry& c) { return c.coder == coding.coder; });
    if (twin != list.end()) {
      p.diagnostics.push_back(problem(Severity::error, "reliability-coded-twice", coding.file,
                                      "session '" + session + "' of coder '" + coding.coder +
                                          "' was already read from " + twin->file +
                                          "; only the first is used (one of the files is a copy or names the wrong "
                                          "coder)"));
      continue;
    }
    if (std::find(p.coders.begin(), p.coders.end(), coding.coder) == p.coders.end()) p.coders.push_back(coding.coder);
    list.push_back(std::move(coding));
  }
  m_added.clear();
  p.codings = std::move(m_packed);
  std::sort(p.coders.begin(), p.coders.end(), NaturalLess{});

  for (auto& [name, list] : by_session) {
    std::sort(list.begin(), list.end(),
              [](const CoderEntry& a, const CoderEntry& b) { return NaturalLess{}(a.coder, b.coder); });
    SessionEntry s{name, std::move(list)};
    if (s.coders.size() < 2) {
      p.diagnostics.push_back(problem(Severity::warning, "reliability-session-coded-once", s.coders.front().file,
                                      "session '" + name + "' is coded by '" + s.coders.front().coder +
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
            if (o.has_tier(tier)) others += (others.empty() ? "'" : ", '") + o.coder + "'";
          Diagnostic d =
              problem(Severity::warning, "reliability-tier-unpaired", c.file,
                      "session '" + name + "': coder '" + c.coder + "' has no tier " + tier + " (" + others +
                          " has it); what it carries is missing for '" + c.coder + "' and left out of the agreement");
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
