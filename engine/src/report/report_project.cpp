// SPDX-License-Identifier: MIT
// The lab report's pipeline (lab_project.hpp): shard assignment, reading files into digests with
// a bounded number of documents alive, and the one place where the digests of a project become
// the check, agreement and stages documents.
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>

#include "rapport/check/binding.hpp"
#include "rapport/reliability/report.hpp"
#include "rapport/report/check_json.hpp"
#include "rapport/report/lab_project.hpp"
#include "rapport/report/stages_report.hpp"
#include "rapport/stages/session_stages.hpp"

namespace rapport::report {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

check::BindOverrides overrides_for(const std::string& file, const codebook::Project* project) {
  check::BindOverrides overrides;
  if (project) {
    if (const auto* entry = project->find(file)) {
      overrides.session = entry->session;
      overrides.coder = entry->coder;
    }
    if (project->coder_identification) overrides.coder_identification = &*project->coder_identification;
  }
  return overrides;
}

/// Whether a transcript line and an episode share time; an episode of no length (a single
/// point) takes the lines around it.
bool overlaps(eaf::Millis line_start, eaf::Millis line_end, eaf::Millis start, eaf::Millis end) {
  if (start == end) return line_start <= start && line_end >= start;
  return line_start < end && line_end > start;
}

}  // namespace

std::string file_list_hash(const std::vector<fs::path>& files) {
  std::uint64_t h = 1469598103934665603ULL;
  const auto mix = [&](unsigned char c) {
    h ^= c;
    h *= 1099511628211ULL;
  };
  for (const auto& f : files) {
    for (const char c : f.generic_string()) mix(static_cast<unsigned char>(c));
    mix('\n');
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string shard_key(const fs::path& file, const codebook::Codebook& codebook, const codebook::Project* project) {
  if (project)
    if (const auto* entry = project->find(file); entry && entry->session) return *entry->session;
  const auto& ident =
      project && project->coder_identification ? *project->coder_identification : codebook.coder_identification;
  const std::string stem = file.stem().string();
  if (ident.file_name_separator)
    if (const auto split = check::split_file_stem(stem, *ident.file_name_separator)) return split->first;
  return stem;
}

std::vector<std::size_t> shard_files(const std::vector<fs::path>& files, std::size_t k, std::size_t n,
                                     const codebook::Codebook& codebook, const codebook::Project* project) {
  std::vector<std::string> keys;
  keys.reserve(files.size());
  for (const auto& f : files) keys.push_back(shard_key(f, codebook, project));
  std::vector<std::string> distinct = keys;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto rank =
        static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), keys[i]) - distinct.begin());
    if (rank % n == k - 1) out.push_back(i);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading

struct DigestMaker::Pending {
  FileDigest digest;
  std::optional<eaf::Document> document;  ///< for the checker, which needs file order
  std::exception_ptr error;
};

DigestMaker::DigestMaker(const codebook::Codebook& codebook, const codebook::Project* project, bool include_transcript)
    : m_codebook(codebook),
      m_project(project),
      m_include_transcript(include_transcript),
      m_checker(codebook, project),
      m_builder(codebook, project),
      m_stages(codebook, project, {}) {}

DigestMaker::Pending DigestMaker::reduce(std::size_t index, const fs::path& file,
                                         const eaf::ReadOptions& reading) const {
  Pending p;
  p.document = eaf::read_eaf_file(file, reading);
  const eaf::Document& doc = *p.document;
  p.digest.index = index;
  p.digest.file = doc.file;
  p.digest.codings = m_builder.reduce(doc);
  p.digest.sessions = m_stages.reduce(doc);
  if (!m_include_transcript) return p;
  // The transcript lines that overlap an episode of some coder of the file: the only ones the
  // report shows, so the only ones kept.
  std::vector<std::pair<eaf::Millis, eaf::Millis>> episodes;
  for (const auto& coded : p.digest.sessions.sessions)
    for (const auto& e : stages::analyse_session(coded.data, m_codebook, {}).episodes)
      episodes.emplace_back(e.start_ms, e.end_ms);
  if (episodes.empty()) return p;
  const check::Binding binding = check::bind(doc, m_codebook, overrides_for(doc.file, m_project));
  std::vector<const eaf::Tier*> seen;
  for (const auto& session : binding.sessions)
    for (const auto& bound : session.tiers) {
      if (bound.rule->content != codebook::TierContent::transcript || bound.rule->per_coder) continue;
      if (std::find(seen.begin(), seen.end(), bound.tier) != seen.end()) continue;
      seen.push_back(bound.tier);
      for (const auto& a : bound.tier->annotations) {
        if (!a.time_resolved || a.value.empty()) continue;
        if (std::none_of(episodes.begin(), episodes.end(),
                         [&](const auto& e) { return overlaps(a.start_ms, a.end_ms, e.first, e.second); }))
          continue;
        p.digest.transcript.push_back(
            {bound.tier->id, bound.rule->participant.value_or(bound.tier->id), a.start_ms, a.end_ms, a.value});
      }
    }
  std::stable_sort(p.digest.transcript.begin(), p.digest.transcript.end(),
                   [](const TranscriptLine& a, const TranscriptLine& b) {
                     return std::tie(a.start_ms, a.end_ms) < std::tie(b.start_ms, b.end_ms);
                   });
  return p;
}

void DigestMaker::run(const std::vector<fs::path>& files, const std::vector<std::size_t>& indices,
                      const eaf::ReadOptions& reading, unsigned threads, const std::function<void(FileDigest&&)>& sink,
                      const std::function<void(std::size_t)>& progress) {
  const std::size_t total = indices.size();
  if (total == 0) return;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, total));
  // Documents alive at once: read ahead by at most two per reader, handed over in file order.
  const std::size_t window = 2 * static_cast<std::size_t>(threads);
  std::vector<std::optional<Pending>> ring(window);
  std::mutex mutex;
  std::condition_variable ready, space;
  std::size_t next = 0, consumed = 0;
  bool stop = false;

  auto work = [&] {
    for (;;) {
      std::size_t j = 0;
      {
        std::unique_lock lock(mutex);
        space.wait(lock, [&] { return stop || next >= total || next < consumed + window; });
        if (stop || next >= total) return;
        j = next++;
      }
      Pending p;
      try {
        p = reduce(indices[j], files[indices[j]], reading);
      } catch (...) {
        p.error = std::current_exception();
      }
      {
        const std::lock_guard lock(mutex);
        ring[j % window] = std::move(p);
      }
      ready.notify_all();
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  const auto halt = [&] {
    {
      const std::lock_guard lock(mutex);
      stop = true;
    }
    space.notify_all();
  };
  try {
    for (std::size_t j = 0; j < total; ++j) {
      Pending p;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return ring[j % window].has_value(); });
        p = std::move(*ring[j % window]);
        ring[j % window].reset();
        consumed = j + 1;
      }
      space.notify_all();
      if (p.error) std::rethrow_exception(p.error);
      // The checker's one cross-file rule (a session and coder read twice) needs file order.
      const auto& so_far = m_checker.result();
      const std::size_t first_file = so_far.files.size(), first_diagnostic = so_far.diagnostics.size();
      m_checker.add(*p.document);
      p.document.reset();
      const auto& now = m_checker.result();
      p.digest.checked.assign(now.files.begin() + static_cast<std::ptrdiff_t>(first_file), now.files.end());
      p.digest.check_diagnostics.assign(now.diagnostics.begin() + static_cast<std::ptrdiff_t>(first_diagnostic),
                                        now.diagnostics.end());
      sink(std::move(p.digest));
      if (progress) progress(j + 1);
    }
  } catch (...) {
    halt();
    throw;
  }
  halt();
}

// ---------------------------------------------------------------------------------------------
// Assembling

LabAccumulator::LabAccumulator(const codebook::Codebook& codebook)
    : m_codebook(codebook),
      m_builder(codebook, nullptr, Spool::temporary_file),
      m_stages(codebook, nullptr, {}, Spool::temporary_file) {}

void LabAccumulator::add(FileDigest digest) {
  ++m_files;
  ++m_checked.file_count;
  for (auto& f : digest.checked) m_checked.files.push_back(std::move(f));
  for (auto& d : digest.check_diagnostics) m_checked.diagnostics.push_back(std::move(d));
  m_builder.add(std::move(digest.codings));
  m_stages.add(std::move(digest.sessions));
  if (!digest.transcript.empty()) m_transcript[digest.file] = std::move(digest.transcript);
}

LabOutcome LabAccumulator::finish(const LabSettings& settings, const reliability::ReliabilityOptions& options,
                                  LabReportWriter& writer) {
  LabOutcome out;
  // Each analysis is turned into its JSON document, written and dropped before the next one
  // runs. Stages go before the agreement (report.json's order is the writer's business): the
  // agreement's analysis is the largest, and this way it runs with nothing of the stages beside
  // it but their spool's small index.
  {
    const check::CheckResult checked = std::move(m_checked);
    writer.add_check(check_to_json(checked));
    for (const auto& d : checked.diagnostics) {
      if (d.severity == Severity::error) out.errors.push_back(d);
      if (d.rule.starts_with("io-")) out.io_problem = true;
    }
    out.findings = checked.diagnostics;
  }
  if (options.progress) options.progress("episodes and stages");
  {
    // With the transcript, each episode carries the lines of its file that overlap it.
    const auto transcript = [&](json::object& session) {
      const auto it = m_transcript.find(std::string(session["file"].as_string()));
      for (auto& e : session["episodes"].as_array()) {
        auto& episode = e.as_object();
        const auto start = episode["start_ms"].to_number<eaf::Millis>();
        const auto end = episode["end_ms"].to_number<eaf::Millis>();
        json::array lines;
        if (it != m_transcript.end())
          for (const auto& l : it->second)
            if (overlaps(l.start_ms, l.end_ms, start, end))
              lines.push_back(json::object{{"tier", l.tier},
                                           {"speaker", l.speaker},
                                           {"start_ms", l.start_ms},
                                           {"end_ms", l.end_ms},
                                           {"text", l.text}});
        episode["transcript"] = std::move(lines);
      }
    };
    // The sessions are analysed as they are written, one session at a time.
    if (settings.include_transcript)
      writer.add_stages(m_stages, transcript);
    else
      writer.add_stages(m_stages);
    m_transcript.clear();
  }
  {
    const reliability::Project paired = m_builder.finish();
    const reliability::Reliability agreement = reliability::analyse(paired, m_codebook, options);
    reliability::ReportInput agree_input;
    agree_input.paths = settings.paths;
    agree_input.codebook = m_codebook.id;
    agree_input.files = m_files;
    agree_input.elan_min_overlap = options.elan_min_overlap;
    writer.add_agreement(reliability::reliability_document_frame(agree_input, paired, agreement),
                         reliability::segment_disagreement_list(agreement),
                         reliability::interval_disagreement_list(agreement));
    out.findings.insert(out.findings.end(), agreement.diagnostics.begin(), agreement.diagnostics.end());
  }
  return out;
}

}  // namespace rapport::report
