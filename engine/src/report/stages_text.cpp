// SPDX-License-Identifier: MIT
// The `rapport stages` text report: what happened in each coded session, episode by episode
// (3rs.md §3.7), for a researcher reading it at a terminal.
#include <cmath>
#include <cstdio>
#include <ostream>

#include "rapport/diagnostic.hpp"
#include "rapport/report/stages_report.hpp"

namespace rapport::report {
namespace {

using namespace rapport::stages;

std::string percent(std::optional<double> v) {
  if (!v) return "-";
  return std::to_string(static_cast<int>(std::lround(*v * 100))) + "%";
}

std::string seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", ms / 1000.0);
  return buf;
}

std::string fixed2(std::optional<double> v) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *v);
  return buf;
}

void write_placement(std::ostream& os, const StagePlacement& p, const Episode& e) {
  os << "      " << p.model << std::string(p.model.size() < 10 ? 10 - p.model.size() : 1, ' ');
  if (p.sequence.empty()) {
    os << "no stage\n";
    return;
  }
  bool first = true;
  for (const auto& s : p.sequence) {
    os << (first ? "" : " > ") << s.stage << (s.inferred ? "*" : "") << ' ' << clock_time(s.start_ms);
    first = false;
  }
  os << "\n                highest " << p.highest_stage << " (" << p.highest_rank << " of " << p.stage_count << ")";
  if (p.highest_stage_ms) os << " at +" << seconds(static_cast<double>(*p.highest_stage_ms - e.start_ms));
  os << (p.annotated ? ", annotated" : ", inferred from codes (*)");
  if (!p.skipped.empty()) {
    os << "; skipped";
    for (const auto& s : p.skipped) os << ' ' << s;
  }
  if (!p.repeated.empty()) {
    os << "; repeated";
    for (const auto& s : p.repeated) os << ' ' << s;
  }
  os << '\n';
}

void write_episode(std::ostream& os, const Episode& e, const std::string& resolution_scale) {
  os << "  " << e.id << "  " << to_string(e.type) << "  " << clock_time(e.start_ms) << "-" << clock_time(e.end_ms)
     << " (" << seconds(static_cast<double>(e.duration_ms())) << ")  " << to_string(e.outcome) << ": "
     << e.outcome_reason << '\n';
  os << "      markers   ";
  for (std::size_t i = 0; i < e.markers.size(); ++i)
    os << (i ? ", " : "") << e.markers[i].code << ' ' << clock_time(e.markers[i].start_ms);
  os << '\n';
  os << "      strategies";
  if (e.strategies.empty()) os << " none";
  for (std::size_t i = 0; i < e.strategies.size(); ++i) {
    const auto& s = e.strategies[i];
    os << (i ? ", " : " ") << s.code << ' ' << clock_time(s.start_ms);
    std::string tags = s.strategy_class;
    for (const auto& t : s.typology_items) tags += (tags.empty() ? "" : " ") + t;
    if (!tags.empty()) os << " (" << tags << ")";
  }
  os << '\n';
  if (e.latency_first_strategy_ms)
    os << "      first strategy after " << seconds(static_cast<double>(*e.latency_first_strategy_ms)) << "; "
       << e.immediate << " immediate, " << e.exploratory << " exploratory\n";
  for (const auto& p : e.placements) write_placement(os, p, e);
  os << "      segments  ";
  for (std::size_t i = 0; i < e.segments.size(); ++i) {
    const auto& s = e.segments[i];
    os << (i ? ", " : "") << s.label;
    if (auto it = s.ratings.find(resolution_scale); it != s.ratings.end())
      os << " (" << resolution_scale << ' ' << (it->second.value ? std::to_string(*it->second.value) : "NA") << ")";
  }
  os << '\n';
}

void write_counts(std::ostream& os, const EpisodeCounts& c, const std::string& indent) {
  os << indent << count_noun(c.episodes, "episode") << " (" << c.withdrawal << " withdrawal, " << c.confrontation
     << " confrontation, " << c.mixed << " mixed); resolved " << c.resolved << ", partial " << c.partial
     << ", unresolved " << c.unresolved << ", not addressed " << c.not_addressed << "; resolution rate "
     << percent(c.resolution_rate()) << '\n';
  if (c.strategies_total > 0) {
    os << indent << count_noun(c.strategies_total, "strategy use") << " (" << c.immediate << " immediate, "
       << c.exploratory << " exploratory):";
    for (const auto& [code, n] : c.strategies) os << ' ' << code << "x" << n;
    if (!c.typology.empty()) {
      os << "; repair strategies:";
      for (const auto& [item, n] : c.typology) os << ' ' << item << "x" << n;
    }
    os << '\n';
  }
  for (const auto& [model, stages] : c.highest_stage) {
    os << indent << "highest stage on " << model << ':';
    for (const auto& [stage, n] : stages) os << ' ' << stage << "x" << n;
    os << '\n';
  }
}

const stats::Measure* find(const std::vector<stats::Measure>& ms, std::string_view name) {
  for (const auto& m : ms)
    if (m.name == name) return &m;
  return nullptr;
}

std::string value_of(const std::vector<stats::Measure>& ms, std::string_view name) {
  const stats::Measure* m = find(ms, name);
  return m ? fixed2(m->value) : "-";
}

void write_agreement(std::ostream& os, const EpisodeAgreement& g, std::string_view label) {
  os << "  " << label << ": episodes " << g.episodes_a << " / " << g.episodes_b << ", matched " << g.matched
     << ", positive agreement " << fixed2(g.positive_agreement) << '\n';
  os << "      segment presence  agreement " << value_of(g.presence, "percent_agreement") << ", kappa "
     << value_of(g.presence, "cohen_kappa") << '\n';
  os << "      type              agreement " << value_of(g.type, "percent_agreement") << ", kappa "
     << value_of(g.type, "cohen_kappa") << '\n';
  os << "      highest stage     agreement " << value_of(g.highest_stage, "percent_agreement") << ", kappa linear "
     << value_of(g.highest_stage, "cohen_kappa_linear") << ", quadratic "
     << value_of(g.highest_stage, "cohen_kappa_quadratic") << ", ordinal alpha "
     << value_of(g.highest_stage, "krippendorff_alpha_ordinal") << '\n';
  os << "      outcome           agreement " << value_of(g.outcome, "percent_agreement") << ", kappa "
     << value_of(g.outcome, "cohen_kappa") << '\n';
}

}  // namespace

std::string clock_time(std::int64_t ms) {
  const bool negative = ms < 0;
  std::int64_t t = negative ? -ms : ms;
  const std::int64_t tenths = (t % 1000) / 100;
  t /= 1000;
  const std::int64_t s = t % 60, m = (t / 60) % 60, h = t / 3600;
  char buf[48];
  if (h > 0)
    std::snprintf(buf, sizeof buf, "%s%lld:%02lld:%02lld.%lld", negative ? "-" : "", static_cast<long long>(h),
                  static_cast<long long>(m), static_cast<long long>(s), static_cast<long long>(tenths));
  else
    std::snprintf(buf, sizeof buf, "%s%lld:%02lld.%lld", negative ? "-" : "", static_cast<long long>(m),
                  static_cast<long long>(s), static_cast<long long>(tenths));
  return buf;
}

void write_stages_text(std::ostream& os, const StagesResult& r) {
  os << "rapport stages: " << count_noun(r.file_count, "file") << ", " << count_noun(r.sessions.size(), "coded session")
     << ", codebook " << r.codebook << " (gap_max " << seconds(static_cast<double>(r.thresholds.gap_max_ms))
     << ", quiet_min " << seconds(static_cast<double>(r.thresholds.quiet_min_ms)) << ")\n";
  for (const auto& s : r.sessions) {
    os << '\n' << s.session << "  coded by " << s.coder;
    if (s.participants.patient || s.participants.therapist)
      os << "  (patient " << s.participants.patient.value_or("?") << ", therapist "
         << s.participants.therapist.value_or("?") << ")";
    os << "  [" << s.file << "]\n";
    for (const auto& e : s.episodes) write_episode(os, e, r.outcome_rule.scale);
    if (s.episodes.empty()) os << "  no rupture episode\n";
    write_counts(os, s.summary.counts, "  = ");
    if (s.summary.unattached_strategies + s.summary.unattached_stages > 0)
      os << "  = outside every episode: " << count_noun(s.summary.unattached_strategies, "strategy") << ", "
         << count_noun(s.summary.unattached_stages, "stage annotation") << '\n';
  }
  const auto groups = [&](const std::vector<Aggregate>& gs, std::string_view title) {
    if (gs.empty()) return;
    os << '\n' << title << '\n';
    for (const auto& g : gs) {
      os << "  " << g.key << ": " << count_noun(g.sessions, "session") << '\n';
      write_counts(os, g.counts, "    ");
    }
  };
  groups(r.by_coder, "Per coder");
  groups(r.by_therapist, "Per therapist (sessions are nested within therapists: descriptive only)");
  groups(r.by_patient, "Per patient (sessions are nested within patients: descriptive only)");
  if (!r.agreement.empty()) {
    os << "\nCoder agreement on episodes\n";
    for (const auto& g : r.agreement) write_agreement(os, g, g.sessions.front() + " " + g.coder_a + " vs " + g.coder_b);
    for (const auto& g : r.pooled_agreement)
      if (g.sessions.size() > 1)
        write_agreement(os, g,
                        "all " + std::to_string(g.sessions.size()) + " sessions " + g.coder_a + " vs " + g.coder_b);
    os << "  (- : undefined for these data, e.g. a single matched episode or a single category; --format json "
          "gives the reason)\n";
  }
}

}  // namespace rapport::report
