// SPDX-License-Identifier: MIT
// The whole `rapport stages` analysis over documents (see stages.hpp).
#include <algorithm>
#include <map>

#include "rapport/check/binding.hpp"
#include "rapport/check/coded_session.hpp"
#include "rapport/stages/outcome.hpp"
#include "rapport/stages/stages.hpp"

namespace rapport::stages {
namespace {

/// A session's results are kept until finish() for every session of the run: without the spare
/// capacity their lists grew while they were made (a vector doubles as it grows): 2.2 MB of the
/// ~20 MB that 500 double-coded sessions keep.
template <class T>
void fit(std::vector<T>& list) {
  list.shrink_to_fit();
}

void fit(SessionStages& s) {
  for (auto& e : s.episodes) {
    fit(e.markers);
    for (auto& strategy : e.strategies) fit(strategy.typology_items);
    fit(e.strategies);
    fit(e.stage_marks);
    fit(e.segments);
    for (auto& p : e.placements) {
      fit(p.sequence);
      fit(p.skipped);
      fit(p.repeated);
    }
    fit(e.placements);
  }
  fit(s.episodes);
  fit(s.segments);
}

}  // namespace

StagesRun::StagesRun(const codebook::Codebook& codebook, const codebook::Project* project, StageOptions options)
    : m_codebook(codebook), m_project(project), m_options(std::move(options)) {
  m_result.codebook = codebook.id;
  m_result.thresholds = thresholds(codebook, m_options.thresholds);
  m_result.outcome_rule = outcome_rule(codebook);
  for (const auto& m : codebook.stage_models) m_result.stage_models.push_back(m.id);
  if (const codebook::RepairTypology* t = selected_typology(codebook, m_options)) {
    m_result.typology = t->id;
    for (const auto& item : t->items) m_result.typology_items.push_back(item.id);
  }
}

FileSessions StagesRun::reduce(const eaf::Document& doc) const {
  FileSessions out;
  out.file = doc.file;
  out.diagnostics = doc.diagnostics;
  check::BindOverrides overrides;
  if (m_project) {
    if (const auto* entry = m_project->find(doc.file)) {
      overrides.session = entry->session;
      overrides.coder = entry->coder;
    }
    if (m_project->coder_identification) overrides.coder_identification = &*m_project->coder_identification;
  }
  const check::Binding binding = check::bind(doc, m_codebook, overrides);
  out.diagnostics.insert(out.diagnostics.end(), binding.diagnostics.begin(), binding.diagnostics.end());
  for (const auto& session : binding.sessions)
    out.sessions.push_back({check::extract(session, m_codebook), participants_of(session)});
  return out;
}

void StagesRun::add(FileSessions file) {
  ++m_result.file_count;
  for (auto& d : file.diagnostics) m_result.diagnostics.push_back(std::move(d));
  for (const auto& coded : file.sessions) {
    SessionStages s = analyse_session(coded.data, m_codebook, m_options);
    s.participants = coded.participants;
    fit(s);
    m_result.sessions.push_back(std::move(s));
  }
}

StagesResult StagesRun::finish() {
  auto& sessions = m_result.sessions;
  std::stable_sort(sessions.begin(), sessions.end(), [](const SessionStages& a, const SessionStages& b) {
    return std::tie(a.session, a.coder) < std::tie(b.session, b.coder);
  });
  m_result.by_coder = aggregate(sessions, GroupBy::coder);
  m_result.by_therapist = aggregate(sessions, GroupBy::therapist);
  m_result.by_patient = aggregate(sessions, GroupBy::patient);

  // Every pair of coders of a session, in coder order; pooled per coder pair.
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<const SessionStages*, const SessionStages*>>>
      pooled;
  for (std::size_t i = 0; i < sessions.size(); ++i)
    for (std::size_t j = i + 1; j < sessions.size() && sessions[j].session == sessions[i].session; ++j) {
      if (sessions[i].coder == sessions[j].coder) continue;
      m_result.agreement.push_back(episode_agreement({{&sessions[i], &sessions[j]}}));
      pooled[{sessions[i].coder, sessions[j].coder}].push_back({&sessions[i], &sessions[j]});
    }
  for (const auto& [coders, pairs] : pooled) m_result.pooled_agreement.push_back(episode_agreement(pairs));
  return std::move(m_result);
}

}  // namespace rapport::stages
