// SPDX-License-Identifier: MIT
// The whole `rapport stages` analysis over documents (see stages.hpp).
#include <algorithm>
#include <map>

#include "coded_spool.hpp"
#include "rapport/check/binding.hpp"
#include "rapport/check/coded_session.hpp"
#include "rapport/stages/outcome.hpp"
#include "rapport/stages/stages.hpp"

namespace rapport::stages {
namespace {

/// finish() without a visitor keeps every session's results: without the spare capacity their
/// lists grew while they were made (a vector doubles as it grows): 2.2 MB of the ~20 MB that 500
/// double-coded sessions keep.
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

StagesRun::StagesRun(const codebook::Codebook& codebook, const codebook::Project* project, StageOptions options,
                     Spool spool)
    : m_codebook(codebook),
      m_project(project),
      m_options(std::move(options)),
      m_spool(std::make_unique<detail::CodedSpool>(spool)) {
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

StagesRun::~StagesRun() = default;
StagesRun::StagesRun(StagesRun&&) noexcept = default;

const std::string& StagesRun::error() const noexcept { return m_spool->error(); }

void StagesRun::add(FileSessions file) {
  ++m_result.file_count;
  for (auto& d : file.diagnostics) m_result.diagnostics.push_back(std::move(d));
  for (const auto& coded : file.sessions) {
    const detail::CodedSpool::Ref ref = m_spool->put(coded);
    if (m_spool->error().empty()) m_index.push_back({coded.data.session, coded.data.coder, ref.offset, ref.size});
  }
}

StagesResult StagesRun::finish(const std::function<void(SessionGroup&)>& visit) {
  std::stable_sort(m_index.begin(), m_index.end(), [](const Indexed& a, const Indexed& b) {
    return std::tie(a.session, a.coder) < std::tie(b.session, b.coder);
  });
  Aggregates by_coder(GroupBy::coder), by_therapist(GroupBy::therapist), by_patient(GroupBy::patient);
  std::map<std::pair<std::string, std::string>, EpisodeUnits> pooled;
  for (std::size_t first = 0, end = 0; first < m_index.size(); first = end) {
    for (end = first + 1; end < m_index.size() && m_index[end].session == m_index[first].session;) ++end;
    SessionGroup group;
    for (std::size_t i = first; i < end; ++i) {
      FileSessions::Coded coded = m_spool->get({m_index[i].offset, m_index[i].size});
      SessionStages s = analyse_session(coded.data, m_codebook, m_options);
      s.participants = std::move(coded.participants);
      by_coder.add(s);
      by_therapist.add(s);
      by_patient.add(s);
      group.sessions.push_back(std::move(s));
    }
    // Every pair of coders of the session, in coder order; pooled per coder pair.
    const auto& sessions = group.sessions;
    for (std::size_t i = 0; i < sessions.size(); ++i)
      for (std::size_t j = i + 1; j < sessions.size(); ++j) {
        if (sessions[i].coder == sessions[j].coder) continue;
        group.agreement.push_back(episode_agreement({{&sessions[i], &sessions[j]}}));
        pooled[{sessions[i].coder, sessions[j].coder}].add(sessions[i], sessions[j]);
      }
    visit(group);
  }
  m_index.clear();
  m_result.by_coder = by_coder.list();
  m_result.by_therapist = by_therapist.list();
  m_result.by_patient = by_patient.list();
  for (const auto& [coders, units] : pooled) m_result.pooled_agreement.push_back(units.agreement());
  return std::move(m_result);
}

StagesResult StagesRun::finish() {
  std::vector<SessionStages> sessions;
  std::vector<EpisodeAgreement> agreement;
  StagesResult out = finish([&](SessionGroup& group) {
    for (auto& s : group.sessions) {
      fit(s);
      sessions.push_back(std::move(s));
    }
    for (auto& g : group.agreement) agreement.push_back(std::move(g));
  });
  out.sessions = std::move(sessions);
  out.agreement = std::move(agreement);
  return out;
}

}  // namespace rapport::stages
