// SPDX-License-Identifier: MIT
// report.html: one self-contained page (inline CSS, inline SVG, no script, no external reference)
// because labs open it offline and send it to their PI; every text goes through html_escape.
#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <set>

#include "rapport/report/lab_report.hpp"
#include "rapport/report/stages_report.hpp"
#include "report_json_access.hpp"
#include "report_pieces.hpp"

namespace rapport::report {

namespace json = boost::json;
using namespace detail;

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string esc(std::string_view s) { return html_escape(s); }

constexpr const char* css = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2430;
max-width:1180px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 10px;border-bottom:2px solid #e3e7ee;padding-bottom:4px}
h3{font-size:16px;margin:24px 0 6px}.meta{color:#5b6575;margin:0 0 16px}
nav a{margin-right:14px;color:#2457a6;text-decoration:none}nav{margin:8px 0 20px;font-size:14px}
.verdict{font-size:17px;padding:12px 16px;border-radius:6px;margin:10px 0}
.ok{background:#e6f4ea;border-left:5px solid #2e7d32}.warn{background:#fff4e0;border-left:5px solid #e08a00}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13.5px}th,td{padding:4px 9px;border-bottom:1px solid #e3e7ee;
text-align:left;vertical-align:top}th{background:#f4f6fa;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.b0{background:#f6c9c4}.b1{background:#f9dcc2}.b2{background:#fbeebf}.b3{background:#dcefd5}.b4{background:#bfe3b5}
.muted{color:#6b7585}.small{font-size:13px}svg{display:block;margin:6px 0 10px}svg text{font-family:inherit}
.legend span{display:inline-block;margin-right:16px;font-size:13px}.sw{display:inline-block;width:12px;height:12px;
margin-right:5px;vertical-align:-1px;border-radius:2px}.error{color:#b3261e;font-weight:600}.warning{color:#a15c00}
tr.transcript td{font-size:13px;color:#3b4452;background:#fafbfd}tr.transcript div{margin:1px 0}
dl dt{font-weight:600;margin-top:8px}dl dd{margin:2px 0 0 18px}
@media print{nav{display:none}h2{break-after:avoid}svg{break-inside:avoid}}
)";

// Colours of the 3RS families in the timelines (colour-blind safe pairs from Okabe & Ito).
constexpr const char* withdrawal_colour = "#0072B2";
constexpr const char* confrontation_colour = "#D55E00";
constexpr const char* strategy_colour = "#009E73";
constexpr const char* disagreement_colour = "#CC79A7";

std::string num(const std::optional<double>& x, int digits = 2) { return x ? fixed(*x, digits) : "—"; }

/// Heat class of an agreement coefficient (the Landis & Koch bands above 0.2 merged in pairs).
std::string heat_class(const std::optional<double>& x) {
  if (!x) return "";
  if (*x < 0.2) return "b0";
  if (*x < 0.4) return "b1";
  if (*x < 0.6) return "b2";
  if (*x < 0.8) return "b3";
  return "b4";
}

std::string ci_text(const json::object& m) {
  const auto lo = number_at(m, "ci_low"), hi = number_at(m, "ci_high");
  return lo && hi ? "[" + fixed(*lo) + ", " + fixed(*hi) + "]" : "—";
}

const json::object* measure_of(const json::object& agreement, const std::string& level, const std::string& variable,
                               const std::string& name) {
  for (const auto& m : array_at(agreement, "measures")) {
    const auto& o = as_object(m);
    if (text_at(o, "level") == level && text_at(o, "variable") == variable && text_at(o, "name") == name) return &o;
  }
  return nullptr;
}

void write_summary(std::ostream& os, const std::vector<std::string>& lines, const json::object& agreement) {
  const auto figures = headline_figures(agreement);
  const bool ok = !figures.empty() && std::all_of(figures.begin(), figures.end(), [](const HeadlineFigure& f) {
    return f.value && *f.value >= f.threshold;
  });
  os << "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"verdict " << (ok ? "ok" : "warn") << "\">";
  for (const auto& l : lines) {
    if (l.starts_with("  ")) break;  // the per-figure lines become the table below
    os << "<p>" << esc(l) << "</p>";
  }
  os << "</div>\n<table><tr><th>Headline figure</th><th>Measure</th><th>Estimate</th><th>95% CI</th>"
        "<th>Band</th><th>Prevalence</th><th>Bar</th><th>Meets it?</th></tr>\n";
  for (const auto& f : figures) {
    os << "<tr><td>" << esc(f.label) << "</td><td>" << esc(f.measure) << "</td><td class=\"n " << heat_class(f.value)
       << "\">" << num(f.value) << "</td><td class=\"n\">"
       << (f.ci_low && f.ci_high ? "[" + fixed(*f.ci_low) + ", " + fixed(*f.ci_high) + "]" : "—") << "</td><td>"
       << esc(f.value ? f.interpretation : "undefined: " + f.reason) << "</td><td class=\"n\">" << num(f.prevalence)
       << "</td><td class=\"n\">" << fixed(f.threshold) << "</td><td>"
       << (!f.value                              ? "undefined"
           : *f.value < f.threshold              ? "<b>no</b>"
           : f.ci_low && *f.ci_low < f.threshold ? "yes (CI reaches below)"
                                                 : "yes")
       << "</td></tr>\n";
  }
  os << "</table>\n";
  // The counts lines after the figures.
  bool after = false;
  for (const auto& l : lines) {
    if (l.starts_with("  "))
      after = true;
    else if (after)
      os << "<p class=\"small\">" << esc(l) << "</p>";
  }
  os << "</section>\n";
}

struct ForestRow {
  std::string label, family, measure, interpretation, reason;
  std::optional<double> value, lo, hi, prevalence;
  bool family_level = false;
};

void write_forest(std::ostream& os, const std::vector<ForestRow>& rows) {
  if (rows.empty()) return;
  double domain_lo = 0;
  for (const auto& r : rows)
    if (r.lo) domain_lo = std::min(domain_lo, std::floor(*r.lo * 5) / 5);
  domain_lo = std::max(domain_lo, -1.0);
  const double domain_hi = 1.0;
  const int left = 200, plot_w = 560, right_w = 300, row_h = 22, top = 34;
  const int width = left + plot_w + right_w, height = top + static_cast<int>(rows.size()) * row_h + 30;
  const auto x = [&](double v) {
    v = std::clamp(v, domain_lo, domain_hi);
    return left + (v - domain_lo) / (domain_hi - domain_lo) * plot_w;
  };
  os << "<svg width=\"" << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << ' ' << height
     << "\" role=\"img\" aria-label=\"Forest plot of agreement per code\">\n";
  // Landis & Koch bands behind the estimates.
  const std::vector<std::pair<double, const char*>> bands{
      {0.0, "slight"}, {0.2, "fair"}, {0.4, "moderate"}, {0.6, "substantial"}, {0.8, "almost perfect"}};
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const double a = std::max(bands[i].first, domain_lo), b = i + 1 < bands.size() ? bands[i + 1].first : 1.0;
    os << "<rect x=\"" << fixed(x(a), 1) << "\" y=\"" << top - 6 << "\" width=\"" << fixed(x(b) - x(a), 1)
       << "\" height=\"" << rows.size() * row_h + 6 << "\" fill=\"" << (i % 2 ? "#f3f5f9" : "#fafbfd") << "\"/>"
       << "<text x=\"" << fixed((x(a) + x(b)) / 2, 1) << "\" y=\"" << top - 12
       << "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#6b7585\">" << bands[i].second << "</text>\n";
  }
  for (double t = std::ceil(domain_lo * 5) / 5; t <= domain_hi + 1e-9; t += 0.2) {
    os << "<line x1=\"" << fixed(x(t), 1) << "\" x2=\"" << fixed(x(t), 1) << "\" y1=\"" << top - 6 << "\" y2=\""
       << top + rows.size() * row_h << "\" stroke=\"" << (std::abs(t) < 1e-9 ? "#9aa3b2" : "#e1e5ec") << "\"/>"
       << "<text x=\"" << fixed(x(t), 1) << "\" y=\"" << top + rows.size() * row_h + 16
       << "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6575\">" << fixed(std::abs(t) < 1e-9 ? 0.0 : t, 1)
       << "</text>\n";
  }
  os << "<line x1=\"" << fixed(x(summary_min_kappa), 1) << "\" x2=\"" << fixed(x(summary_min_kappa), 1) << "\" y1=\""
     << top - 6 << "\" y2=\"" << top + rows.size() * row_h
     << "\" stroke=\"#b3261e\" stroke-dasharray=\"4 3\"><title>the bar: kappa " << fixed(summary_min_kappa)
     << "</title></line>\n";
  os << "<text x=\"" << left + plot_w + 12 << "\" y=\"" << top - 12
     << "\" font-size=\"11\" fill=\"#5b6575\">estimate [95% CI]   prevalence</text>\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const double y = top + static_cast<double>(i) * row_h + row_h / 2.0;
    const char* colour = r.family == "withdrawal"      ? withdrawal_colour
                         : r.family == "confrontation" ? confrontation_colour
                                                       : strategy_colour;
    os << "<g><title>"
       << esc(r.label + ": " + r.measure + " " + num(r.value) + " " +
              (r.value ? r.interpretation : "undefined: " + r.reason))
       << "</title>";
    os << "<text x=\"" << left - 10 << "\" y=\"" << fixed(y + 4, 1) << "\" font-size=\"12.5\" text-anchor=\"end\""
       << (r.family_level ? " font-weight=\"700\"" : "") << ">" << esc(r.label) << "</text>";
    if (r.value) {
      if (r.lo && r.hi)
        os << "<line x1=\"" << fixed(x(*r.lo), 1) << "\" x2=\"" << fixed(x(*r.hi), 1) << "\" y1=\"" << fixed(y, 1)
           << "\" y2=\"" << fixed(y, 1) << "\" stroke=\"" << colour << "\" stroke-width=\"2\"/>";
      if (r.family_level)
        os << "<rect x=\"" << fixed(x(*r.value) - 5, 1) << "\" y=\"" << fixed(y - 5, 1)
           << "\" width=\"10\" height=\"10\" fill=\"" << colour << "\"/>";
      else
        os << "<circle cx=\"" << fixed(x(*r.value), 1) << "\" cy=\"" << fixed(y, 1) << "\" r=\"4.5\" fill=\"" << colour
           << "\"/>";
      os << "<text x=\"" << left + plot_w + 12 << "\" y=\"" << fixed(y + 4, 1) << "\" font-size=\"12\">"
         << fixed(*r.value) << ' ' << (r.lo && r.hi ? "[" + fixed(*r.lo) + ", " + fixed(*r.hi) + "]" : "") << "</text>";
    } else {
      os << "<text x=\"" << fixed(x(0) + 6, 1) << "\" y=\"" << fixed(y + 4, 1)
         << "\" font-size=\"12\" fill=\"#6b7585\">undefined (no variation)</text>";
    }
    os << "<text x=\"" << left + plot_w + 212 << "\" y=\"" << fixed(y + 4, 1) << "\" font-size=\"12\" fill=\"#5b6575\">"
       << num(r.prevalence) << "</text></g>\n";
  }
  os << "</svg>\n";
}

void write_agreement(std::ostream& os, const json::object& a) {
  os << "<section id=\"agreement\"><h2>Agreement per family and per code</h2>\n"
        "<p class=\"small\">Presence of each code in each segment, compared across coders. A square is the family "
        "(any of its codes), a dot a single code; the line is the 95% confidence interval; the dashed line is the bar "
        "of the summary; prevalence is the share of segments where the code was coded.</p>\n";
  std::vector<ForestRow> rows;
  for (const char* family : {"withdrawal", "confrontation", "resolution"}) {
    for (const bool family_level : {true, false}) {
      for (const auto& v : array_at(a, "variables")) {
        const auto& var = as_object(v);
        if (text_at(var, "level") != "segment" || text_at(var, "kind") != "presence" ||
            text_at(var, "family") != family || (text_at(var, "family_level") == "true") != family_level)
          continue;
        ForestRow r;
        r.label = family_level ? std::string(family) + " (any)" : text_at(var, "variable");
        r.family = family;
        r.family_level = family_level;
        r.measure = text_at(var, "headline");
        r.prevalence = number_at(var, "prevalence");
        if (const auto* m = measure_of(a, "segment", text_at(var, "variable"), r.measure)) {
          r.value = number_at(*m, "value");
          r.lo = number_at(*m, "ci_low");
          r.hi = number_at(*m, "ci_high");
          r.interpretation = text_at(*m, "interpretation");
          r.reason = text_at(*m, "reason");
        }
        rows.push_back(std::move(r));
      }
    }
  }
  write_forest(os, rows);

  // The same figures as a table, coloured as a heatmap, with the second opinion (AC1) beside.
  os << "<table><tr><th>Code</th><th>Family</th><th>Prevalence</th><th>Measure</th><th>Estimate</th><th>95% CI</th>"
        "<th>Gwet's AC1</th><th>% agreement</th><th>Band / why undefined</th></tr>\n";
  for (const auto& r : rows) {
    const std::string variable = r.family_level ? r.family : r.label;
    const auto* ac1 = measure_of(a, "segment", variable, "gwet_ac1");
    const auto* pa = measure_of(a, "segment", variable, "percent_agreement");
    os << "<tr><td>" << (r.family_level ? "<b>" + esc(r.label) + "</b>" : esc(r.label)) << "</td><td>" << esc(r.family)
       << "</td><td class=\"n\">" << num(r.prevalence) << "</td><td>" << esc(r.measure) << "</td><td class=\"n "
       << heat_class(r.value) << "\">" << num(r.value) << "</td><td class=\"n\">"
       << (r.lo && r.hi ? "[" + fixed(*r.lo) + ", " + fixed(*r.hi) + "]" : "—") << "</td><td class=\"n "
       << heat_class(ac1 ? number_at(*ac1, "value") : std::nullopt) << "\">"
       << num(ac1 ? number_at(*ac1, "value") : std::nullopt) << "</td><td class=\"n\">"
       << num(pa ? number_at(*pa, "value") : std::nullopt) << "</td><td class=\"small\">"
       << esc(r.value ? r.interpretation : r.reason) << "</td></tr>\n";
  }
  os << "</table>\n";

  os << "<h3>Ratings and session totals</h3>\n<table><tr><th>Level</th><th>Variable</th><th>Measure</th>"
        "<th>Estimate</th><th>95% CI</th><th>Units</th><th>Band / why undefined</th></tr>\n";
  for (const auto& v : array_at(a, "variables")) {
    const auto& var = as_object(v);
    if (text_at(var, "kind") == "presence") continue;
    const auto* m = measure_of(a, text_at(var, "level"), text_at(var, "variable"), text_at(var, "headline"));
    if (!m) continue;
    const auto value = number_at(*m, "value");
    os << "<tr><td>" << esc(text_at(var, "level")) << "</td><td>" << esc(text_at(var, "variable")) << "</td><td>"
       << esc(text_at(*m, "name")) << "</td><td class=\"n " << heat_class(value) << "\">" << num(value)
       << "</td><td class=\"n\">" << ci_text(*m) << "</td><td class=\"n\">" << esc(text_at(*m, "n_units"))
       << "</td><td class=\"small\">" << esc(value ? text_at(*m, "interpretation") : text_at(*m, "reason"))
       << "</td></tr>\n";
  }
  os << "</table>\n";

  os << "<h3>Time-aligned agreement (ELAN tiers)</h3>\n<table><tr><th>Family</th><th>Measure</th><th>Estimate</th>"
        "<th>95% CI</th><th>Band / why undefined</th></tr>\n";
  for (const auto& m : array_at(a, "measures")) {
    const auto& o = as_object(m);
    if (text_at(o, "level") != "time_aligned") continue;
    const auto value = number_at(o, "value");
    os << "<tr><td>" << esc(text_at(o, "variable")) << "</td><td>" << esc(text_at(o, "name")) << "</td><td class=\"n "
       << heat_class(value) << "\">" << num(value) << "</td><td class=\"n\">" << ci_text(o)
       << "</td><td class=\"small\">" << esc(value ? text_at(o, "interpretation") : text_at(o, "reason"))
       << "</td></tr>\n";
  }
  os << "</table>\n";

  const auto& pairs = array_at(a, "pairwise");
  if (!pairs.empty()) {
    // Heatmap: coder pairs by family presence and ratings, to see whether one coder drags a figure down.
    std::vector<std::pair<std::string, std::string>> columns;
    for (const auto& p : pairs)
      for (const auto& m : array_at(as_object(p), "measures")) {
        const auto& o = as_object(m);
        std::pair<std::string, std::string> key{text_at(o, "variable"), text_at(o, "name")};
        if (std::find(columns.begin(), columns.end(), key) == columns.end()) columns.push_back(key);
      }
    os << "<h3>Coder pairs</h3>\n<table><tr><th>Pair</th><th>Sessions</th>";
    for (const auto& [variable, name] : columns)
      os << "<th>" << esc(variable) << "<br><span class=\"muted small\">" << esc(name) << "</span></th>";
    os << "</tr>\n";
    for (const auto& p : pairs) {
      const auto& po = as_object(p);
      std::string pair;
      for (const auto& c : array_at(po, "coders"))
        pair += (pair.empty() ? "" : " – ") + std::string(c.is_string() ? c.get_string() : "");
      os << "<tr><td>" << esc(pair) << "</td><td class=\"n\">" << esc(text_at(po, "sessions")) << "</td>";
      for (const auto& [variable, name] : columns) {
        std::optional<double> value;
        for (const auto& m : array_at(po, "measures")) {
          const auto& o = as_object(m);
          if (text_at(o, "variable") == variable && text_at(o, "name") == name) value = number_at(o, "value");
        }
        os << "<td class=\"n " << heat_class(value) << "\">" << num(value) << "</td>";
      }
      os << "</tr>\n";
    }
    os << "</table>\n";
  }
  const auto& notes = array_at(a, "notes");
  if (!notes.empty()) {
    os << "<ul class=\"small muted\">";
    for (const auto& n : notes) os << "<li>" << esc(n.is_string() ? std::string(n.get_string()) : "") << "</li>";
    os << "</ul>\n";
  }
  os << "</section>\n";
}

/// One session's timeline: a lane per coder (markers above, strategies below, episodes behind)
/// and a lane of disagreements.
void write_timeline(std::ostream& os, const std::string& session, const std::vector<const json::object*>& codings,
                    double agreement_end_ms, const std::vector<const json::object*>& seg_dis,
                    const std::vector<const json::object*>& int_dis) {
  double end_ms = agreement_end_ms;
  for (const auto* c : codings)
    for (const auto& ep : array_at(*c, "episodes"))
      end_ms = std::max(end_ms, number_at(as_object(ep), "end_ms").value_or(0));
  for (const auto* d : seg_dis) end_ms = std::max(end_ms, number_at(*d, "end_ms").value_or(0));
  if (end_ms <= 0) end_ms = 60000;

  const int left = 110, plot_w = 1000, lane_h = 46, top = 20;
  const int lanes = static_cast<int>(codings.size()) + 1;
  const int height = top + lanes * lane_h + 26;
  const auto x = [&](double ms) { return left + std::clamp(ms / end_ms, 0.0, 1.0) * plot_w; };
  const auto rect = [&](double a, double b, double y, double h, const char* fill, const std::string& title,
                        const char* extra = "") {
    os << "<rect x=\"" << fixed(x(a), 1) << "\" y=\"" << fixed(y, 1) << "\" width=\""
       << fixed(std::max(1.5, x(b) - x(a)), 1) << "\" height=\"" << fixed(h, 1) << "\" fill=\"" << fill << "\"" << extra
       << "><title>" << esc(title) << "</title></rect>";
  };
  os << "<svg width=\"" << left + plot_w + 20 << "\" height=\"" << height << "\" viewBox=\"0 0 " << left + plot_w + 20
     << ' ' << height << "\" role=\"img\" aria-label=\"Timeline of session " << esc(session) << "\">\n";
  // Minute ticks: every 5 minutes (the 3RS segment length) on long sessions, every minute on short ones.
  const double step = end_ms > 15 * 60000 ? 5 * 60000 : 60000;
  for (double t = 0; t <= end_ms + 1; t += step)
    os << "<line x1=\"" << fixed(x(t), 1) << "\" x2=\"" << fixed(x(t), 1) << "\" y1=\"" << top << "\" y2=\""
       << top + lanes * lane_h << "\" stroke=\"#e6e9ef\"/><text x=\"" << fixed(x(t), 1) << "\" y=\""
       << top + lanes * lane_h + 15 << "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6575\">"
       << static_cast<long long>(t / 60000) << " min</text>\n";
  for (std::size_t i = 0; i < codings.size(); ++i) {
    const auto& c = *codings[i];
    const double y = top + static_cast<double>(i) * lane_h;
    os << "<text x=\"" << left - 8 << "\" y=\"" << fixed(y + lane_h / 2.0 + 4, 1)
       << "\" font-size=\"12.5\" text-anchor=\"end\">" << esc(text_at(c, "coder")) << "</text>\n";
    for (const auto& ep : array_at(c, "episodes")) {
      const auto& o = as_object(ep);
      // The episode's transcript lines (only there with --include-transcript) in its tooltip.
      std::string said;
      for (const auto& l : array_at(o, "transcript"))
        said += "\n" + text_at(as_object(l), "speaker") + ": " + text_at(as_object(l), "text");
      rect(number_at(o, "start_ms").value_or(0), number_at(o, "end_ms").value_or(0), y + 3, lane_h - 10, "#eef1f6",
           text_at(o, "id") + " " + text_at(o, "type") + " episode, " + text_at(o, "outcome") + ", highest stage " +
               text_at(o, "highest_stage") + said,
           " stroke=\"#c9d0db\"");
      for (const auto& mk : array_at(o, "markers")) {
        const auto& m = as_object(mk);
        rect(number_at(m, "start_ms").value_or(0), number_at(m, "end_ms").value_or(0), y + 6, 14,
             text_at(m, "type") == "confrontation" ? confrontation_colour : withdrawal_colour,
             text_at(m, "code") + " " + clock_time(static_cast<std::int64_t>(number_at(m, "start_ms").value_or(0))) +
                 "–" + clock_time(static_cast<std::int64_t>(number_at(m, "end_ms").value_or(0))));
      }
      for (const auto& st : array_at(o, "strategies")) {
        const auto& s = as_object(st);
        rect(number_at(s, "start_ms").value_or(0), number_at(s, "end_ms").value_or(0), y + 22, 12, strategy_colour,
             text_at(s, "code") + " (" + text_at(s, "class") + ") " +
                 clock_time(static_cast<std::int64_t>(number_at(s, "start_ms").value_or(0))));
      }
    }
  }
  const double y = top + static_cast<double>(codings.size()) * lane_h;
  os << "<text x=\"" << left - 8 << "\" y=\"" << fixed(y + lane_h / 2.0 + 4, 1)
     << "\" font-size=\"12.5\" text-anchor=\"end\" fill=\"#8a3f6f\">disagreements</text>\n";
  for (const auto* d : seg_dis) {
    std::string values;
    for (const auto& [coder, v] : object_at(*d, "values"))
      values += " " + std::string(coder) + "=" + (v.is_null() ? "missing" : value_text(v));
    rect(number_at(*d, "start_ms").value_or(0), number_at(*d, "end_ms").value_or(0), y + 4, 12, disagreement_colour,
         "segment " + text_at(*d, "segment") + ", " + text_at(*d, "variable") + ":" + values, " fill-opacity=\"0.35\"");
  }
  for (const auto* d : int_dis) {
    for (const char* side : {"first", "second"}) {
      const auto* a = find(*d, side);
      if (!a || !a->is_object()) continue;
      const auto& ann = a->get_object();
      rect(number_at(ann, "start_ms").value_or(0), number_at(ann, "end_ms").value_or(0), y + 20, 14,
           disagreement_colour,
           text_at(*d, "kind") + ": " + text_at(ann, "coder") + " coded " + text_at(ann, "code") + " at " +
               clock_time(static_cast<std::int64_t>(number_at(ann, "start_ms").value_or(0))));
    }
  }
  os << "</svg>\n";
}

std::string join_codes(const json::array& items, std::string_view key) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : " ") + text_at(as_object(i), key);
  return out;
}

void write_sessions_head(std::ostream& os) {
  os << "<section id=\"sessions\"><h2>Sessions: timelines, episodes and stages</h2>\n<p class=\"legend\">"
     << "<span><i class=\"sw\" style=\"background:" << withdrawal_colour << "\"></i>withdrawal marker</span>"
     << "<span><i class=\"sw\" style=\"background:" << confrontation_colour << "\"></i>confrontation marker</span>"
     << "<span><i class=\"sw\" style=\"background:" << strategy_colour << "\"></i>resolution strategy</span>"
     << "<span><i class=\"sw\" style=\"background:#eef1f6;border:1px solid #c9d0db\"></i>episode</span>"
     << "<span><i class=\"sw\" style=\"background:" << disagreement_colour
     << "\"></i>disagreement (faint: a segment; solid: an annotation without a matching one)</span></p>\n";
}

void write_session(std::ostream& os, const std::string& session, const std::vector<const json::object*>& codings,
                   double agreement_end_ms, const std::vector<const json::object*>& seg_dis,
                   const std::vector<const json::object*>& int_dis, bool include_transcript) {
  os << "<h3 id=\"session-" << esc(session) << "\">Session " << esc(session) << "</h3>\n";
  write_timeline(os, session, codings, agreement_end_ms, seg_dis, int_dis);
  os << "<table><tr><th>Coder</th><th>Episode</th><th>Type</th><th>Time</th><th>Markers</th><th>Strategies</th>"
        "<th>Stages</th><th>Highest</th><th>Outcome</th></tr>\n";
  std::size_t rows = 0;
  for (const auto* c : codings) {
    for (const auto& ep : array_at(*c, "episodes")) {
      const auto& o = as_object(ep);
      ++rows;
      os << "<tr><td>" << esc(text_at(*c, "coder")) << "</td><td>" << esc(text_at(o, "id")) << "</td><td>"
         << esc(text_at(o, "type")) << "</td><td class=\"n\">"
         << clock_time(static_cast<std::int64_t>(number_at(o, "start_ms").value_or(0))) << "–"
         << clock_time(static_cast<std::int64_t>(number_at(o, "end_ms").value_or(0))) << "</td><td>"
         << esc(join_codes(array_at(o, "markers"), "code")) << "</td><td>"
         << esc(join_codes(array_at(o, "strategies"), "code")) << "</td><td>" << esc(text_at(o, "stage_model")) << ": "
         << esc(join_codes(array_at(o, "stages"), "stage")) << "</td><td>" << esc(text_at(o, "highest_stage"))
         << "</td><td>" << esc(text_at(o, "outcome")) << "</td></tr>\n";
      // Only with --include-transcript: the utterances that overlap the episode.
      const auto& lines = array_at(o, "transcript");
      if (include_transcript && !lines.empty()) {
        os << "<tr class=\"transcript\"><td></td><td colspan=\"8\">";
        for (const auto& l : lines) {
          const auto& line = as_object(l);
          os << "<div><span class=\"muted n\">"
             << clock_time(static_cast<std::int64_t>(number_at(line, "start_ms").value_or(0))) << "</span> <b>"
             << esc(text_at(line, "speaker")) << "</b>: " << esc(text_at(line, "text")) << "</div>";
        }
        os << "</td></tr>\n";
      }
    }
  }
  if (rows == 0) os << "<tr><td colspan=\"9\" class=\"muted\">no rupture episode coded</td></tr>\n";
  os << "</table>\n";
}

void write_sessions(std::ostream& os, const LabReportInput& input) {
  write_sessions_head(os);
  std::map<std::string, std::vector<const json::object*>> by_session;
  for (const auto& s : array_at(input.stages, "sessions"))
    by_session[text_at(as_object(s), "session")].push_back(&as_object(s));
  const auto& dis = object_at(input.agreement, "disagreements");
  for (const auto& [session, codings] : by_session) {
    double agreement_end_ms = 0;
    for (const auto& s : array_at(input.agreement, "sessions"))
      if (text_at(as_object(s), "session") == session) agreement_end_ms = number_at(as_object(s), "end_ms").value_or(0);
    std::vector<const json::object*> seg_dis, int_dis;
    for (const auto& d : array_at(dis, "segments"))
      if (text_at(as_object(d), "session") == session) seg_dis.push_back(&as_object(d));
    for (const auto& d : array_at(dis, "intervals"))
      if (text_at(as_object(d), "session") == session) int_dis.push_back(&as_object(d));
    write_session(os, session, codings, agreement_end_ms, seg_dis, int_dis, input.include_transcript);
  }
  os << "</section>\n";
}

void write_validation(std::ostream& os, const std::vector<const json::object*>& all, std::size_t total) {
  constexpr std::size_t shown = html_findings_shown;  // the full list is in diagnostics.csv
  os << "<section id=\"validation\"><h2>Validation findings</h2>\n";
  if (total == 0) {
    os << "<p>No findings: every file is well formed and every annotation follows the codebook.</p></section>\n";
    return;
  }
  os << "<p class=\"small\">" << total << " finding(s)"
     << (total > shown ? "; the first " + std::to_string(shown) + " are shown, all are in diagnostics.csv" : "")
     << ".</p>\n<table><tr><th>Severity</th><th>Rule</th><th>Where</th><th>Tier</th><th>Time</th><th>Message</th></"
        "tr>\n";
  for (std::size_t i = 0; i < all.size() && i < shown; ++i) {
    const auto& d = *all[i];
    const std::string sev = text_at(d, "severity");
    std::string where = text_at(d, "file");
    if (!text_at(d, "line").empty()) where += ":" + text_at(d, "line");
    const auto start = number_at(d, "start_ms"), end = number_at(d, "end_ms");
    os << "<tr><td class=\"" << esc(sev) << "\">" << esc(sev) << "</td><td>" << esc(text_at(d, "rule"))
       << "</td><td class=\"small\">" << esc(where) << "</td><td>" << esc(text_at(d, "tier")) << "</td><td class=\"n\">"
       << (start && end
               ? clock_time(static_cast<std::int64_t>(*start)) + "–" + clock_time(static_cast<std::int64_t>(*end))
               : "")
       << "</td><td>" << esc(text_at(d, "message"));
    if (!text_at(d, "suggestion").empty())
      os << "<br><span class=\"muted\">" << esc(text_at(d, "suggestion")) << "</span>";
    os << "</td></tr>\n";
  }
  os << "</table></section>\n";
}

constexpr const char* how_to_read = R"(<section id="how-to-read"><h2>How to read these numbers</h2><dl>
<dt>Kappa (Cohen's for two coders, Fleiss' for more)</dt><dd>Agreement beyond what chance alone would give: 1 is
perfect, 0 is chance level, below 0 worse than chance. Bands after Landis &amp; Koch (1977): 0.41–0.60 moderate,
0.61–0.80 substantial, above 0.80 almost perfect. 3RS studies usually ask for about 0.60 or more.</dd>
<dt>Prevalence</dt><dd>The share of segments in which the code was coded. When a code is rare (prevalence near 0)
kappa becomes unstable and can be low even when coders almost always agree (the kappa paradox): read it beside the
percentage of agreement and Gwet's AC1, which is less sensitive to prevalence.</dd>
<dt>ICC(2,1)</dt><dd>For ratings (significance, resolution): how much of the variation in the ratings is between
segments rather than between coders, with coders treated as a random sample (absolute agreement, single rater).
Koo &amp; Li (2016): below 0.50 poor, 0.50–0.75 moderate, 0.75–0.90 good, above 0.90 excellent.</dd>
<dt>95% confidence interval</dt><dd>The range the true agreement plausibly lies in given how many segments were
double-coded. A wide interval means too few double-coded sessions to be sure; judge against its lower bound when a
decision depends on it.</dd>
<dt>Undefined</dt><dd>A coefficient that cannot be computed for these data, e.g. kappa when nobody ever coded the
code: it is shown as undefined, never as a made-up number.</dd>
<dt>Time-aligned measures</dt><dd>ELAN's kappa, Krippendorff's alpha_u and gamma compare the annotations on the
timeline itself (where they start and end), not only which segment they fall into.</dd>
<dt>Episodes and stages</dt><dd>A rupture episode opens at a marker and gathers the markers and strategies that
follow closely; its stages follow the stage-process model of resolution, and its outcome says whether it was
resolved. Counts are descriptive: sessions are nested in patients and therapists.</dd>
</dl></section>
)";

}  // namespace

void write_report_html(std::ostream& os, const LabReportInput& input) {
  write_html_head(os, input.codebook, text_at(object_at(input.check, "summary"), "files"), input.generated_at,
                  input.version, input.include_transcript);
  write_summary(os, summary_lines(input), input.agreement);
  write_agreement(os, input.agreement);
  write_sessions(os, input);
  std::vector<const json::object*> all;
  for (const auto* doc : {&input.check, &input.agreement})
    for (const auto& d : array_at(*doc, "diagnostics")) all.push_back(&as_object(d));
  write_validation(os, all, all.size());
  write_html_tail(os);
}

void detail::write_html_head(std::ostream& os, const std::string& codebook, const std::string& files,
                             const std::string& generated_at, const std::string& version, bool include_transcript) {
  os << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Rapport report: 3RS coding</title><style>"
     << css << "</style></head><body>\n<h1>3RS coding report</h1>\n<p class=\"meta\">Codebook " << esc(codebook)
     << " · " << esc(files) << " files · "
     << "generated " << esc(generated_at) << " by Rapport " << esc(version)
     << (include_transcript ? " · with the transcript lines of each episode" : " · no transcript text") << "</p>\n"
     << "<nav><a href=\"#summary\">Summary</a><a href=\"#agreement\">Agreement</a><a href=\"#sessions\">Sessions</a>"
        "<a href=\"#validation\">Validation</a><a href=\"#how-to-read\">How to read</a></nav>\n";
}

void detail::write_html_summary(std::ostream& os, const std::vector<std::string>& lines,
                                const json::object& agreement) {
  write_summary(os, lines, agreement);
}

void detail::write_html_agreement(std::ostream& os, const json::object& agreement) { write_agreement(os, agreement); }

void detail::write_html_sessions_head(std::ostream& os) { write_sessions_head(os); }

void detail::write_html_session(std::ostream& os, const std::string& session,
                                const std::vector<const json::object*>& codings, double agreement_end_ms,
                                const std::vector<const json::object*>& segment_disagreements,
                                const std::vector<const json::object*>& interval_disagreements,
                                bool include_transcript) {
  write_session(os, session, codings, agreement_end_ms, segment_disagreements, interval_disagreements,
                include_transcript);
}

void detail::write_html_sessions_tail(std::ostream& os) { os << "</section>\n"; }

void detail::write_html_validation(std::ostream& os, const std::vector<const json::object*>& shown, std::size_t total) {
  write_validation(os, shown, total);
}

void detail::write_html_tail(std::ostream& os) { os << how_to_read << "</body></html>\n"; }

}  // namespace rapport::report
