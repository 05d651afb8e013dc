// SPDX-License-Identifier: MIT
// The text report of `rapport agree PATHS...`: one table per level with the headline measure
// first (kappa on presence, ICC(2,1) on ratings and frequencies; 3rs.md §2.2), its 95% CI and
// interpretation band, then the coder pairs, certification, drift and the disagreements.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "rapport/reliability/report.hpp"

namespace rapport::reliability {
namespace {

std::string num(const std::optional<double>& v, int width = 7, int decimals = 3) {
  char buffer[64];
  if (!v || !std::isfinite(*v))
    std::snprintf(buffer, sizeof buffer, "%*s", width, "-");
  else if (std::abs(*v) >= 1e4)  // keeps the columns when a value explodes (a near-zero denominator)
    std::snprintf(buffer, sizeof buffer, "%*.*g", width, 2, *v);
  else
    std::snprintf(buffer, sizeof buffer, "%*.*f", width, decimals, *v);
  return buffer;
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string value_of(const VariableResult& v, std::string_view name, int width = 7) {
  const stats::Measure* m = v.find(name);
  return num(m ? m->value : std::nullopt, width);
}

std::string ci_of(const stats::Measure* m) {
  if (!m || !m->ci_low || !m->ci_high) return pad("", 16);
  return "[" + num(m->ci_low, 6) + "," + num(m->ci_high, 6) + "]  ";
}

/// "12:03" from milliseconds: where to look on the timeline.
std::string clock(eaf::Millis ms) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%lld:%02lld.%03lld", static_cast<long long>(ms / 60000),
                static_cast<long long>((ms / 1000) % 60), static_cast<long long>(ms % 1000));
  return buffer;
}

std::string clock_short(eaf::Millis ms) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%lld:%02lld", static_cast<long long>(ms / 60000),
                static_cast<long long>((ms / 1000) % 60));
  return buffer;
}

std::string rating(const std::optional<double>& v) {
  if (!v) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", *v);
  return buffer;
}

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void presence_table(std::ostream& os, const Reliability& r) {
  const bool many = r.coders.size() > 2;
  os << "  " << pad("code", 26) << pad("family", 15) << "prev. " << (many ? " Fleiss" : "  kappa")
     << "  95% CI            " << (many ? " Conger" : "") << "    AC1   alpha   agree  band\n";
  auto row = [&](const VariableResult& v, const std::string& label) {
    const stats::Measure* h = v.find(v.headline);
    os << "  " << pad(label, 26) << pad(v.family_level ? "" : v.family, 13) << num(v.prevalence, 7) << ' '
       << num(h ? h->value : std::nullopt) << "  " << ci_of(h);
    if (many) os << value_of(v, "conger_kappa");
    os << value_of(v, "gwet_ac1") << ' ' << value_of(v, "krippendorff_alpha_nominal") << ' '
       << value_of(v, "percent_agreement") << "  " << (h ? h->interpretation : "") << '\n';
  };
  for (const auto& v : r.segment_codes) row(v, v.name);
  for (const auto& v : r.segment_families) row(v, v.name + " (any code)");
}

void rating_table(std::ostream& os, const std::vector<VariableResult>& list, bool segment, bool many) {
  os << "  " << pad("variable", 24) << "    n  ICC(2,1)  95% CI            ICC(3,1) ICC(2,k)"
     << (segment ? (many ? "  kappa_qw" : "  kappa_qw") : "") << (segment ? "  alpha_ord" : "  alpha_int")
     << "  band\n";
  for (const auto& v : list) {
    const stats::Measure* h = v.find("icc_2_1");
    char n[16];
    std::snprintf(n, sizeof n, "%5zu", h ? h->n_units : std::size_t{0});
    os << "  " << pad(v.name, 24) << n << num(h ? h->value : std::nullopt, 9) << "  " << ci_of(h)
       << value_of(v, "icc_3_1", 8) << value_of(v, "icc_2_k", 9);
    if (segment) os << value_of(v, many ? "fleiss_kappa_quadratic" : "cohen_kappa_quadratic", 10);
    os << value_of(v, segment ? "krippendorff_alpha_ordinal" : "krippendorff_alpha_interval", 11) << "  "
       << (h ? h->interpretation : "") << '\n';
  }
}

const stats::Measure* find(const std::vector<stats::Measure>& list, std::string_view name) {
  for (const auto& m : list)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace

void write_reliability_text(std::ostream& os, const ReportInput& input, const Project& project, const Reliability& r,
                            const TextOptions& options) {
  os << "3RS reliability: " << r.sessions << (r.sessions == 1 ? " session" : " sessions") << " coded by "
     << join(r.coders) << " (" << input.files << (input.files == 1 ? " file" : " files") << ", codebook "
     << input.codebook << ")\n";
  os << "Independent codes";
  if (!r.consensus.empty()) os << " (consensus coder " << join(r.consensus) << " left out)";
  os << "; " << r.segments << " segments of "
     << (r.segment_ms > 0 ? std::to_string(r.segment_ms / 1000) + " s" : "a whole session") << ".\n";
  if (r.sessions == 0) {
    for (const auto& n : r.notes) os << "note: " << n << '\n';
  } else {
    const bool many = r.coders.size() > 2;
    os << "\nSegment level: presence of each code per segment (" << r.segments << " segments x " << r.coders.size()
       << " coders)\n";
    presence_table(os, r);
    os << "\nSegment ratings: ICC(2,1) = two-way random, absolute agreement, single measures (McGraw & Wong A,1)\n";
    rating_table(os, r.segment_ratings, true, many);
    os << "\nSession level: frequencies (segments with a marker; strategies annotated) and session ratings ("
       << r.sessions << " sessions)\n";
    rating_table(os, r.session_variables, false, many);
    if (!r.time_aligned.empty()) {
      os << "\nTime-aligned level: each family's tier (ELAN overlap " << num(input.elan_min_overlap * 100, 0, 0)
         << "%; alpha_u and gamma on the sessions laid end to end)\n";
      os << "  " << pad("family", 16)
         << " annotations  ELAN kappa  excl. unmatched  raw agree   alpha_u    gamma  gamma_cat\n";
      for (const auto& t : r.time_aligned) {
        const auto* ipf = find(t.measures, "elan_kappa_ipf");
        const auto* excl = find(t.measures, "elan_kappa_excluding_unmatched");
        const auto* au = find(t.measures, "krippendorff_alpha_u");
        const auto* g = find(t.measures, "gamma");
        const auto* gc = find(t.measures, "gamma_cat");
        os << "  " << pad(t.family, 16) << num(static_cast<double>(t.annotations), 12, 0)
           << num(ipf ? ipf->value : std::nullopt, 12) << num(excl ? excl->value : std::nullopt, 17)
           << num(ipf ? ipf->statistic("raw_agreement") : std::nullopt, 11) << num(au ? au->value : std::nullopt, 10)
           << num(g ? g->value : std::nullopt, 9) << num(gc ? gc->value : std::nullopt, 11) << '\n';
      }
    }
    if (many) {
      os << "\nCoder pairs: Cohen's kappa on family presence, ICC(2,1) on segment ratings\n";
      for (const auto& p : r.pairs) {
        os << "  " << pad(p.first + " ~ " + p.second, 24) << pad(std::to_string(p.sessions) + " sessions", 13);
        for (const auto& t : p.measures) {
          if (t.measure.name == "gwet_ac1") continue;
          os << ' ' << t.variable << ' ' << num(t.measure.value, 0);
        }
        os << '\n';
      }
    }
    os << "\n\"-\": undefined for these data (e.g. a code no coder used: chance agreement is 1); --format json "
          "gives every reason.\n";
  }

  if (r.certification) {
    const auto& c = *r.certification;
    os << "\nCertification against " << c.gold << ": kappa >= " << num(c.thresholds.min_kappa, 0, 2)
       << " on presence, ICC(2,1) >= " << num(c.thresholds.min_icc, 0, 2) << " on ratings, judged on the "
       << (c.thresholds.use_ci_low ? "lower 95% bound" : "estimate") << " (thresholds: " << c.thresholds.source
       << ")\n";
    for (const auto& cc : c.coders) {
      os << "  " << pad(cc.coder, 12) << (cc.pass ? (*cc.pass ? "PASS" : "FAIL") : "UNDETERMINED") << "  ("
         << cc.sessions << " sessions, " << cc.segments << " segments)\n";
      for (const auto& k : cc.criteria) {
        os << "    " << pad(k.group, 16) << pad(k.variable, 14) << pad(k.measure, 12) << num(k.value) << " "
           << (k.ci_low && k.ci_high ? "[" + num(k.ci_low, 6) + "," + num(k.ci_high, 6) + "]" : pad("", 15)) << "  "
           << (k.pass ? (*k.pass ? "pass" : "fail") : "undetermined: " + k.reason) << '\n';
      }
    }
  }

  if (r.drift && !r.drift->sessions.empty()) {
    os << "\nDrift: agreement per session in "
       << (r.drift->order == "date" ? "the order of the files' DATE" : "name order")
       << " (code presence pooled over codes; ratings pooled over scales)\n";
    const auto& first = r.drift->sessions.front().measures;
    os << "  " << pad("session", 14);
    for (const auto& t : first)
      os << pad(
          t.variable == "code_presence" ? (t.measure.name == "percent_agreement" ? "agree" : "kappa") : "ICC(2,1)", 9);
    os << '\n';
    for (const auto& p : r.drift->sessions) {
      os << "  " << pad(p.session, 14);
      for (const auto& t : p.measures) os << num(t.measure.value, 7) << "  ";
      os << '\n';
    }
    for (const auto& t : r.drift->trends)
      if (t.slope)
        os << "  trend " << pad(t.variable + " " + t.measure, 36) << " slope " << num(t.slope, 0, 4)
           << " per session; first half " << num(t.first_half, 0) << ", second half " << num(t.second_half, 0) << '\n';
  }

  if (options.disagreements && (!r.segment_disagreements.empty() || !r.interval_disagreements.empty())) {
    os << "\nDisagreements: " << r.segment_disagreements.size() << " segment values, "
       << r.interval_disagreements.size() << " annotations (" << join(r.coders) << ")\n";
    std::string last;
    for (const auto& d : r.segment_disagreements) {
      const std::string key = d.session + "#" + std::to_string(d.segment);
      if (key != last) {
        os << "  " << d.session << " segment " << d.segment << " (" << clock_short(d.start_ms) << "-"
           << clock_short(d.end_ms) << "):";
        last = key;
      } else {
        os << ";";
      }
      os << ' ' << d.variable << ' ';
      for (std::size_t c = 0; c < d.values.size(); ++c) os << (c ? "/" : "") << rating(d.values[c]);
      // Flush a segment's line when the next record is another segment.
      const bool end =
          &d == &r.segment_disagreements.back() || (&d + 1)->session + "#" + std::to_string((&d + 1)->segment) != key;
      if (end) os << '\n';
    }
    for (const auto& d : r.interval_disagreements) {
      const auto& a = d.first ? *d.first : *d.second;
      os << "  " << d.session << ' ' << clock(a.start_ms) << '-' << clock(a.end_ms) << ' ' << pad(d.family, 14);
      if (d.unmatched)
        os << a.code << " only by " << a.coder << " (" << a.tier << ", line " << a.line << ")\n";
      else
        os << d.first->code << " (" << d.first_coder << ") vs " << d.second->code << " (" << d.second_coder << ", "
           << clock(d.second->start_ms) << '-' << clock(d.second->end_ms) << ")\n";
    }
  }

  if (!project.unpaired.empty()) {
    os << "\nNot paired (coded by one coder only):";
    for (const auto& s : project.unpaired) os << ' ' << s.session << " (" << s.coders.front().coder << ')';
    os << '\n';
  }
  if (!r.notes.empty()) {
    os << "\nNotes:\n";
    for (const auto& n : r.notes) os << "  " << n << '\n';
  }
  if (options.explain) {
    os << "\nWhat the measures mean:\n";
    std::vector<std::string> seen;
    for (const auto& t : r.all_measures()) {
      if (t.measure.explanation.empty()) continue;
      if (std::find(seen.begin(), seen.end(), t.measure.name) != seen.end()) continue;
      seen.push_back(t.measure.name);
      os << "  " << t.measure.name << ": " << t.measure.explanation << '\n';
    }
  }
}

}  // namespace rapport::reliability
