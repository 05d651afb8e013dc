// SPDX-License-Identifier: MIT
// Checking a stream of documents: reader diagnostics, binding, per-session rules, and the one
// rule that spans files (a session and coder coming from two files).
#include <algorithm>

#include "rapport/check/check.hpp"

namespace rapport::check {

void Checker::add(const eaf::Document& doc) {
  ++m_result.file_count;
  const std::size_t first = m_result.diagnostics.size();
  auto& out = m_result.diagnostics;
  out.insert(out.end(), doc.diagnostics.begin(), doc.diagnostics.end());

  BindOverrides overrides;
  if (m_project) {
    if (const auto* entry = m_project->find(doc.file)) {
      overrides.session = entry->session;
      overrides.coder = entry->coder;
    }
    if (m_project->coder_identification) overrides.coder_identification = &*m_project->coder_identification;
  }
  Binding binding = bind(doc, m_codebook, overrides);
  out.insert(out.end(), binding.diagnostics.begin(), binding.diagnostics.end());
  if (!binding.recognised_any) {
    m_result.files.push_back({doc.file, std::nullopt, std::nullopt});
    // Info, not error: a real non-3RS ELAN file must not become an error storm.
    if (doc.complete || !doc.tiers.empty()) {
      Diagnostic d;
      d.severity = Severity::info;
      d.rule = "tiers-unrecognised";
      d.file = doc.file;
      d.message = "none of the " + std::to_string(doc.tiers.size()) + " tiers matches the tier layout of codebook '" +
                  m_codebook.id + "'; the file was not checked as " + m_codebook.instrument + " coding";
      out.push_back(std::move(d));
    }
  } else {
    for (const auto& session : binding.sessions) {
      m_result.files.push_back({doc.file, session.session,
                                session.coder.empty() ? std::nullopt : std::optional<std::string>(session.coder)});
      if (!session.coder.empty()) {
        auto it = std::find_if(m_seen.begin(), m_seen.end(),
                               [&](const Seen& s) { return s.session == session.session && s.coder == session.coder; });
        if (it != m_seen.end()) {
          Diagnostic d;
          d.severity = Severity::error;
          d.rule = "coder-identified-twice";
          d.file = doc.file;
          if (!session.tiers.empty()) {
            d.line = session.tiers.front().tier->pos.line;
            d.column = session.tiers.front().tier->pos.column;
            d.tier = session.tiers.front().tier->id;
          }
          d.message = "session '" + session.session + "' of coder '" + session.coder + "' was already read from " +
                      it->file + "; one of the two files is a copy or names the wrong coder";
          out.push_back(std::move(d));
        } else {
          m_seen.push_back({session.session, session.coder, doc.file});
        }
      }
      // After a fatal XML error the document stops at the cut: tiers and ratings "missing" after
      // it are artefacts of the cut, and the reader's one XML error says it all (as it does for
      // its own follow-on findings).
      if (doc.complete) check_session(doc, session, m_codebook, out);
    }
    for (const eaf::Tier* tier : binding.unrecognised) {
      Diagnostic d;
      d.severity = Severity::info;
      d.rule = "tier-unrecognised";
      d.file = doc.file;
      d.line = tier->pos.line;
      d.column = tier->pos.column;
      d.tier = tier->id;
      d.message = "tier '" + tier->id + "' matches no tier of codebook '" + m_codebook.id + "' and is not checked";
      out.push_back(std::move(d));
    }
  }
  // The reader's generic overlap and zero-length findings are restated by the coding rules with
  // the 3RS meaning (annotation-overlap, segment-overlap, annotation-zero-length); keep one.
  struct Place {
    std::int64_t line, column;
    std::optional<std::string> tier;
  };
  std::vector<Place> coding_places;
  for (auto it = out.begin() + static_cast<std::ptrdiff_t>(first); it != out.end(); ++it)
    if (it->rule == "annotation-overlap" || it->rule == "segment-overlap" || it->rule == "annotation-zero-length")
      coding_places.push_back({it->line, it->column, it->tier});
  auto restated = [&](const Diagnostic& d) {
    if (d.rule != "eaf-overlap-in-tier" && d.rule != "eaf-zero-length-annotation") return false;
    return std::any_of(coding_places.begin(), coding_places.end(),
                       [&](const Place& p) { return p.line == d.line && p.column == d.column && p.tier == d.tier; });
  };
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), restated), out.end());
  // Within a file, print in file order (file-level diagnostics, line 0, first).
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.line < b.line || (a.line == b.line && a.column < b.column);
                   });
}

CheckResult check_documents(const std::vector<eaf::Document>& documents, const codebook::Codebook& codebook) {
  Checker checker(codebook);
  for (const auto& doc : documents) checker.add(doc);
  return checker.take();
}

}  // namespace rapport::check
