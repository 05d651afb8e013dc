// SPDX-License-Identifier: MIT
#include "rapport/intervals/intervals_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "rapport/report/agree_report.hpp"
#include "rapport/report/json_writer.hpp"

namespace rapport::intervals {
namespace {

boost::json::value number(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

std::string fixed(const std::optional<double>& v, int width = 8, int decimals = 4) {
  char buffer[64];
  if (!v || !std::isfinite(*v))
    std::snprintf(buffer, sizeof buffer, "%*s", width, "-");
  else
    std::snprintf(buffer, sizeof buffer, "%*.*f", width, decimals, *v);
  return buffer;
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string shown(const std::string& value) { return value.empty() ? "(empty)" : value; }

/// "12:03.250" from milliseconds, so a coder can find the place on the timeline.
std::string clock(Millis ms) {
  char buffer[48];
  const Millis minutes = ms / 60000, seconds = (ms / 1000) % 60, rest = ms % 1000;
  std::snprintf(buffer, sizeof buffer, "%lld:%02lld.%03lld", static_cast<long long>(minutes),
                static_cast<long long>(seconds), static_cast<long long>(rest));
  return buffer;
}

boost::json::value annotation(const Interval& i) {
  return boost::json::object{{"start_ms", i.start_ms}, {"end_ms", i.end_ms}, {"value", i.category}, {"ref", i.ref}};
}

boost::json::object summary_json(const ElanSummary& s) {
  boost::json::object o;
  o["annotations"] = s.annotations;
  o["kappa_ipf"] = number(s.kappa_ipf);
  o["kappa_max"] = number(s.kappa_max);
  o["raw_agreement"] = number(s.raw_agreement);
  o["kappa_excluding_unmatched"] = number(s.kappa_excluding_unmatched);
  o["kappa_max_excluding_unmatched"] = number(s.kappa_max_excluding_unmatched);
  o["raw_agreement_excluding_unmatched"] = number(s.raw_agreement_excluding_unmatched);
  boost::json::array values;
  for (const auto& v : s.per_value)
    values.push_back(boost::json::object{{"value", v.value},
                                         {"kappa", number(v.kappa)},
                                         {"kappa_max", number(v.kappa_max)},
                                         {"raw_agreement", number(v.raw_agreement)},
                                         {"table", boost::json::array{v.a, v.b, v.c, v.d}}});
  o["per_value"] = std::move(values);
  return o;
}

}  // namespace

boost::json::array links_json(const IntervalAgreement& agreement) {
  boost::json::array out;
  for (std::size_t p = 0; p < agreement.elan.pairs.size() && p < agreement.elan_pairs.size(); ++p) {
    const auto& pair = agreement.elan_pairs[p];
    const auto& result = agreement.elan.pairs[p];
    auto base = [&](const char* kind) {
      return boost::json::object{
          {"pair", p}, {"first_tier", pair.first_label}, {"second_tier", pair.second_label}, {"kind", kind}};
    };
    for (const auto& l : result.links) {
      auto o = base("link");
      o["agree"] = pair.first[l.first].category == pair.second[l.second].category;
      o["overlap_share"] = l.share;
      o["first"] = annotation(pair.first[l.first]);
      o["second"] = annotation(pair.second[l.second]);
      out.push_back(std::move(o));
    }
    for (std::size_t i : result.unmatched_first) {
      auto o = base("unmatched");
      o["agree"] = false;
      o["overlap_share"] = nullptr;
      o["first"] = annotation(pair.first[i]);
      o["second"] = nullptr;
      out.push_back(std::move(o));
    }
    for (std::size_t j : result.unmatched_second) {
      auto o = base("unmatched");
      o["agree"] = false;
      o["overlap_share"] = nullptr;
      o["first"] = nullptr;
      o["second"] = annotation(pair.second[j]);
      out.push_back(std::move(o));
    }
  }
  return out;
}

boost::json::object intervals_agree_document(const IntervalsInput& input, const IntervalAgreement& agreement,
                                             const std::vector<Diagnostic>& diagnostics) {
  boost::json::object doc;
  boost::json::array categories;
  for (const auto& c : input.categories) categories.emplace_back(c);
  doc["input"] = boost::json::object{{"file", input.file},
                                     {"raters", input.raters},
                                     {"intervals", input.intervals},
                                     {"categories", std::move(categories)},
                                     {"continuum", boost::json::object{{"start_ms", agreement.continuum.start_ms},
                                                                       {"end_ms", agreement.continuum.end_ms},
                                                                       {"declared", input.continuum_declared}}}};
  boost::json::array measures;
  for (const auto& m : agreement.measures) measures.push_back(report::to_json(m));
  doc["measures"] = std::move(measures);
  if (!agreement.elan_pairs.empty()) {
    boost::json::array pairs;
    for (std::size_t p = 0; p < agreement.elan_pairs.size(); ++p) {
      const auto& r = agreement.elan.pairs[p];
      auto o = summary_json(r.summary);
      o.emplace("first_tier", agreement.elan_pairs[p].first_label);
      o.emplace("second_tier", agreement.elan_pairs[p].second_label);
      o.emplace("group", agreement.elan_pairs[p].group);
      o.emplace("links", r.links.size());
      o.emplace("unmatched", r.unmatched_first.size() + r.unmatched_second.size());
      o.emplace("skipped", r.skipped);
      pairs.push_back(std::move(o));
    }
    boost::json::array groups;
    for (const auto& g : agreement.elan.groups) {
      auto o = summary_json(g.summary);
      o.emplace("group", g.group);
      groups.push_back(std::move(o));
    }
    doc["elan"] = boost::json::object{
        {"global", summary_json(agreement.elan.global)}, {"groups", std::move(groups)}, {"pairs", std::move(pairs)}};
  }
  doc["links"] = links_json(agreement);
  boost::json::array notes;
  for (const auto& n : agreement.notes) notes.emplace_back(n);
  doc["notes"] = std::move(notes);
  std::vector<Diagnostic> all = diagnostics;
  all.insert(all.end(), agreement.diagnostics.begin(), agreement.diagnostics.end());
  doc["diagnostics"] = report::to_json(all);
  return doc;
}

void write_intervals_agree_text(std::ostream& os, const IntervalsInput& input, const IntervalAgreement& agreement,
                                bool explain, bool all_links) {
  os << "Time-aligned agreement: " << input.file << '\n'
     << input.raters << " raters, " << input.intervals << " intervals, " << input.categories.size()
     << " categories; continuum " << agreement.continuum.start_ms << "-" << agreement.continuum.end_ms << " ms"
     << (input.continuum_declared ? "" : " (earliest start to latest end)") << "\n\n";
  os << pad("measure", 32) << "   value  observed  expected  interpretation\n";
  for (const auto& m : agreement.measures) {
    if (m.name == "gamma_k") continue;
    const auto obs = m.statistic("observed_disorder");
    const auto exp = m.statistic("expected_disorder");
    os << pad(m.name, 32) << fixed(m.value) << "  " << fixed(obs) << "  " << fixed(exp) << "  "
       << (m.value ? m.interpretation : "undefined: " + m.reason) << '\n';
  }
  for (const auto& m : agreement.measures) {
    if (m.per_category.empty() || m.name == "elan_kappa_ipf") continue;
    os << '\n' << m.name << " per category:\n";
    for (const auto& c : m.per_category) os << "  " << pad(shown(c.category), 30) << fixed(c.value) << '\n';
  }
  const auto& g = agreement.elan.global;
  if (!g.matrix.values.empty()) {
    char overlap[32];
    const auto* ipf = [&]() -> const stats::Measure* {
      for (const auto& m : agreement.measures)
        if (m.name == "elan_kappa_ipf") return &m;
      return nullptr;
    }();
    std::snprintf(overlap, sizeof overlap, "%.0f%%", ipf ? ipf->statistic("min_overlap_percent").value_or(0) : 0.0);
    os << "\nELAN modified kappa (minimal overlap " << overlap << " of the longer annotation), "
       << agreement.elan_pairs.size() << " pair(s), " << g.annotations << " annotations\n"
       << "  incl. unmatched:  kappa_ipf " << fixed(g.kappa_ipf, 0) << "  kappa_max " << fixed(g.kappa_max, 0)
       << "  raw " << fixed(g.raw_agreement, 0) << '\n'
       << "  excl. unmatched:  kappa     " << fixed(g.kappa_excluding_unmatched, 0) << "  kappa_max "
       << fixed(g.kappa_max_excluding_unmatched, 0) << "  raw " << fixed(g.raw_agreement_excluding_unmatched, 0)
       << '\n';
    os << "  " << pad("value", 24) << "   kappa kappa_max     raw\n";
    for (const auto& v : g.per_value)
      os << "  " << pad(shown(v.value), 24) << fixed(v.kappa) << fixed(v.kappa_max, 10) << fixed(v.raw_agreement)
         << '\n';
    os << "  matrix (first rater in rows, linked cells doubled):\n  " << pad("", 16);
    const std::string unmatched = elan_unmatched_label(g.matrix.values);
    std::size_t width = 10;
    for (const auto& v : g.matrix.values) width = std::max(width, std::min<std::size_t>(24, shown(v).size() + 2));
    for (const auto& v : g.matrix.values) os << pad(shown(v).substr(0, width - 1), width);
    os << unmatched << '\n';
    for (std::size_t i = 0; i < g.matrix.counts.size(); ++i) {
      os << "  " << pad((i < g.matrix.values.size() ? shown(g.matrix.values[i]) : unmatched).substr(0, 15), 16);
      for (long long c : g.matrix.counts[i]) os << pad(std::to_string(c), width);
      os << '\n';
    }
  }
  // Disagreements, in time order per pair.
  std::size_t shown_links = 0, total = 0;
  std::string lines;
  for (std::size_t p = 0; p < agreement.elan_pairs.size() && p < agreement.elan.pairs.size(); ++p) {
    const auto& pair = agreement.elan_pairs[p];
    const auto& r = agreement.elan.pairs[p];
    struct Row {
      Millis at;
      std::string text;
    };
    std::vector<Row> rows;
    auto side = [](const Interval& i) { return clock(i.start_ms) + "-" + clock(i.end_ms) + " " + shown(i.category); };
    for (const auto& l : r.links) {
      const bool agree = pair.first[l.first].category == pair.second[l.second].category;
      if (agree && !all_links) continue;
      char share[16];
      std::snprintf(share, sizeof share, "%3.0f%%", l.share * 100);
      rows.push_back({std::min(pair.first[l.first].start_ms, pair.second[l.second].start_ms),
                      std::string(agree ? "  same      " : "  different ") + share + "  " + side(pair.first[l.first]) +
                          "  |  " + side(pair.second[l.second])});
    }
    for (std::size_t i : r.unmatched_first)
      rows.push_back({pair.first[i].start_ms, "  unmatched        " + side(pair.first[i]) + "  |  -"});
    for (std::size_t j : r.unmatched_second)
      rows.push_back({pair.second[j].start_ms, "  unmatched        -  |  " + side(pair.second[j])});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.at < b.at; });
    total += r.links.size() + r.unmatched_first.size() + r.unmatched_second.size();
    if (rows.empty()) continue;
    lines += "\n" + pair.first_label + "  |  " + pair.second_label + "\n";
    for (const auto& row : rows) lines += row.text + "\n", ++shown_links;
  }
  if (!agreement.elan_pairs.empty()) {
    os << "\n"
       << (all_links ? "Links and unmatched annotations" : "Disagreements") << " (" << shown_links << " of " << total
       << " links and unmatched annotations; times m:ss.mmm):" << lines;
  }
  if (!agreement.notes.empty()) {
    os << "\nNotes:\n";
    for (const auto& n : agreement.notes) os << "  " << n << '\n';
  }
  if (explain) {
    os << "\nWhat the measures mean:\n";
    for (const auto& m : agreement.measures)
      if (!m.explanation.empty()) os << "\n  " << m.name << ": " << m.explanation << '\n';
  }
}

}  // namespace rapport::intervals
