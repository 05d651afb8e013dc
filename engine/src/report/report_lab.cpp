// SPDX-License-Identifier: MIT
// `rapport report`: report.json, the tidy CSV tables, the summary, and writing the folder.
#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <sstream>
#include <system_error>

#include "rapport/diagnostic.hpp"
#include "rapport/report/atomic_file.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/report/lab_report.hpp"
#include "rapport/report/stages_report.hpp"
#include "report_json_access.hpp"
#include "report_pieces.hpp"

namespace rapport::report {

namespace json = boost::json;
using namespace detail;

namespace {

constexpr const char* crlf = "\r\n";

void write_row(std::ostream& os, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) os << (i ? "," : "") << csv_field(fields[i]);
  os << crlf;
}

std::string two_decimals(double x) { return fixed(x, 2); }

const json::object* find_measure(const json::object& agreement, std::string_view level, std::string_view variable,
                                 std::string_view name) {
  for (const auto& m : array_at(agreement, "measures")) {
    const auto& o = as_object(m);
    if (text_at(o, "level") == level && text_at(o, "variable") == variable && text_at(o, "name") == name) return &o;
  }
  return nullptr;
}

std::size_t count_severity(const json::array& diagnostics, std::string_view severity, std::string_view file = {}) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [&](const json::value& d) {
    const auto& o = as_object(d);
    return text_at(o, "severity") == severity && (file.empty() || text_at(o, "file") == file);
  }));
}

}  // namespace

std::vector<HeadlineFigure> headline_figures(const json::object& agreement) {
  std::vector<HeadlineFigure> out;
  // Families first (is a rupture of this kind there at all?), then the significance and
  // resolution ratings: the order 3RS papers report them in.
  for (const bool presence : {true, false}) {
    for (const auto& v : array_at(agreement, "variables")) {
      const auto& var = as_object(v);
      if (text_at(var, "level") != "segment") continue;
      const bool family = text_at(var, "kind") == "presence" && text_at(var, "family_level") == "true";
      const bool rating = text_at(var, "kind") == "rating";
      if (presence ? !family : !rating) continue;
      HeadlineFigure f;
      f.label = text_at(var, "variable") + (presence ? " markers (any code, per segment)" : " ratings (per segment)");
      f.measure = text_at(var, "headline");
      f.prevalence = number_at(var, "prevalence");
      f.threshold = presence ? summary_min_kappa : summary_min_icc;
      if (const auto* m = find_measure(agreement, "segment", text_at(var, "variable"), f.measure)) {
        f.value = number_at(*m, "value");
        f.ci_low = number_at(*m, "ci_low");
        f.ci_high = number_at(*m, "ci_high");
        f.interpretation = text_at(*m, "interpretation");
        f.reason = text_at(*m, "reason");
      }
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::vector<std::string> detail::summary_lines(const json::object& agreement, const json::object& check_summary,
                                               std::size_t episodes, std::size_t resolved, std::size_t codings) {
  std::vector<std::string> lines;
  const auto figures = headline_figures(agreement);
  std::vector<std::string> below, uncertain, undefined;
  for (const auto& f : figures) {
    if (!f.value)
      undefined.push_back(f.label);
    else if (*f.value < f.threshold)
      below.push_back(f.label);
    else if (f.ci_low && *f.ci_low < f.threshold)
      uncertain.push_back(f.label);
  }
  const auto join = [](const std::vector<std::string>& items) {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? "; " : "") + items[i];
    return s;
  };
  const std::string bars =
      "kappa at least " + two_decimals(summary_min_kappa) + ", ICC(2,1) at least " + two_decimals(summary_min_icc);
  if (figures.empty()) {
    lines.push_back("No agreement could be computed: no session was coded by two or more coders.");
  } else if (below.empty() && undefined.empty()) {
    lines.push_back("The coding is reliable enough: every headline figure meets the bar (" + bars + ").");
  } else {
    const std::size_t missed = below.size() + undefined.size();
    lines.push_back("The coding is not yet reliable enough: " + std::to_string(missed) + " of " +
                    std::to_string(figures.size()) + " headline figures " + (missed == 1 ? "misses" : "miss") +
                    " the bar (" + bars + ").");
    if (!below.empty()) lines.push_back("Below the bar: " + join(below) + ".");
    if (!undefined.empty()) lines.push_back("Undefined for these data: " + join(undefined) + ".");
  }
  if (!uncertain.empty())
    lines.push_back(
        "Above the bar, but with a 95% CI reaching below it (more double-coded sessions would settle it): " +
        join(uncertain) + ".");
  for (const auto& f : figures) {
    std::string line = "  " + f.label + ": " + f.measure + " ";
    if (f.value) {
      line += two_decimals(*f.value);
      if (f.ci_low && f.ci_high) line += " [" + two_decimals(*f.ci_low) + ", " + two_decimals(*f.ci_high) + "]";
      if (!f.interpretation.empty()) line += " " + f.interpretation;
      if (f.prevalence) line += " (prevalence " + two_decimals(*f.prevalence) + ")";
    } else {
      line += "undefined: " + f.reason;
    }
    lines.push_back(line);
  }
  const auto& in = object_at(agreement, "input");
  // Counts in the singular when they are 1 ("1 error"): these lines open the report a PI reads.
  const auto counted = [](const boost::json::object& o, std::string_view key, std::string_view noun) {
    return count_noun(static_cast<std::size_t>(number_at(o, key).value_or(0.0)), noun);
  };
  lines.push_back(counted(check_summary, "files", "file") + "; " + counted(in, "sessions", "session") +
                  " coded by two or more of " + count_noun(array_at(in, "coders").size(), "coder") + "; " +
                  counted(in, "segments", "segment") + " compared.");
  lines.push_back("Validation: " + counted(check_summary, "errors", "error") + ", " +
                  counted(check_summary, "warnings", "warning") + ".");
  lines.push_back("Episodes: " + count_noun(episodes, "rupture episode") + " in " +
                  count_noun(codings, "session coding") + " (session x coder), " + std::to_string(resolved) +
                  " resolved.");
  return lines;
}

std::vector<std::string> summary_lines(const LabReportInput& input) {
  std::size_t episodes = 0, resolved = 0;
  for (const auto& s : array_at(input.stages, "sessions")) {
    const auto& summary = object_at(as_object(s), "summary");
    episodes += static_cast<std::size_t>(number_at(summary, "episodes").value_or(0));
    resolved += static_cast<std::size_t>(number_at(summary, "resolved").value_or(0));
  }
  return detail::summary_lines(input.agreement, object_at(input.check, "summary"), episodes, resolved,
                               array_at(input.stages, "sessions").size());
}

std::vector<std::string> lab_report_files() {
  return {"report.json",       "agreement.csv",   "sessions.csv", "episodes.csv",
          "disagreements.csv", "diagnostics.csv", "report.html"};
}

json::object lab_report_json(const LabReportInput& input, const std::vector<std::string>& files) {
  json::array paths, outputs;
  for (const auto& p : input.paths) paths.emplace_back(p);
  for (const auto& f : files) outputs.emplace_back(f);
  json::object report{{"generated_at", input.generated_at},
                      {"rapport_version", input.version},
                      {"paths", std::move(paths)},
                      {"codebook", input.codebook},
                      {"transcript_included", input.include_transcript},
                      {"outputs", std::move(outputs)}};
  return {
      {"report", std::move(report)}, {"check", input.check}, {"agreement", input.agreement}, {"stages", input.stages}};
}

void write_agreement_csv(std::ostream& os, const json::object& agreement) {
  write_row(os, {"level", "variable", "family", "kind", "prevalence", "headline", "measure", "value", "se", "ci_low",
                 "ci_high", "n_units", "n_raters", "interpretation", "reason"});
  std::map<std::pair<std::string, std::string>, const json::object*> variables;
  for (const auto& v : array_at(agreement, "variables")) {
    const auto& o = as_object(v);
    variables[{text_at(o, "level"), text_at(o, "variable")}] = &o;
  }
  for (const auto& m : array_at(agreement, "measures")) {
    const auto& o = as_object(m);
    const auto it = variables.find({text_at(o, "level"), text_at(o, "variable")});
    const json::object* var = it == variables.end() ? nullptr : it->second;
    // Time-aligned measures belong to a family, not to a segment variable.
    const std::string family = var ? text_at(*var, "family") : text_at(o, "variable");
    write_row(os, {text_at(o, "level"), text_at(o, "variable"), family, var ? text_at(*var, "kind") : "interval",
                   var ? text_at(*var, "prevalence") : "",
                   var && text_at(*var, "headline") == text_at(o, "name") ? "true" : "false", text_at(o, "name"),
                   text_at(o, "value"), text_at(o, "se"), text_at(o, "ci_low"), text_at(o, "ci_high"),
                   text_at(o, "n_units"), text_at(o, "n_raters"), text_at(o, "interpretation"), text_at(o, "reason")});
  }
}

namespace {
const std::vector<std::string> session_counts{
    "episodes",        "withdrawal",       "confrontation", "mixed",
    "resolved",        "partial",          "unresolved",    "not_addressed",
    "resolution_rate", "strategies_total", "segments",      "segments_with_episode"};
}  // namespace

void detail::write_sessions_csv_header(std::ostream& os) {
  std::vector<std::string> header{"session", "coder", "file", "patient", "therapist"};
  header.insert(header.end(), session_counts.begin(), session_counts.end());
  header.insert(header.end(), {"errors", "warnings"});
  write_row(os, header);
}

void detail::write_sessions_csv_row(std::ostream& os, const json::object& o, std::size_t errors, std::size_t warnings) {
  const auto& summary = object_at(o, "summary");
  std::vector<std::string> row{text_at(o, "session"), text_at(o, "coder"), text_at(o, "file"), text_at(o, "patient"),
                               text_at(o, "therapist")};
  for (const auto& c : session_counts) row.push_back(text_at(summary, c));
  row.push_back(std::to_string(errors));
  row.push_back(std::to_string(warnings));
  write_row(os, row);
}

void write_sessions_csv(std::ostream& os, const json::object& stages, const json::object& check) {
  detail::write_sessions_csv_header(os);
  const auto& diagnostics = array_at(check, "diagnostics");
  for (const auto& s : array_at(stages, "sessions")) {
    const auto& o = as_object(s);
    detail::write_sessions_csv_row(os, o, count_severity(diagnostics, "error", text_at(o, "file")),
                                   count_severity(diagnostics, "warning", text_at(o, "file")));
  }
}

void detail::write_disagreements_csv_header(std::ostream& os) {
  write_row(os, {"disagreement", "level", "session", "segment", "family", "variable", "kind", "coder", "value",
                 "start_ms", "end_ms", "overlap_share"});
}

void detail::write_segment_disagreement_csv_rows(std::ostream& os, std::size_t id, const json::object& o) {
  for (const auto& [coder, value] : object_at(o, "values"))
    write_row(os, {std::to_string(id), "segment", text_at(o, "session"), text_at(o, "segment"), text_at(o, "family"),
                   text_at(o, "variable"), text_at(o, "kind"), std::string(coder), value_text(value),
                   text_at(o, "start_ms"), text_at(o, "end_ms"), ""});
}

void detail::write_interval_disagreement_csv_rows(std::ostream& os, std::size_t id, const json::object& o) {
  for (const char* side : {"first", "second"}) {
    const auto* a = find(o, side);
    if (!a || !a->is_object()) continue;
    const auto& ann = a->get_object();
    write_row(os, {std::to_string(id), "time_aligned", text_at(o, "session"), "", text_at(o, "family"), "",
                   text_at(o, "kind"), text_at(ann, "coder"), text_at(ann, "code"), text_at(ann, "start_ms"),
                   text_at(ann, "end_ms"), text_at(o, "overlap_share")});
  }
}

void detail::write_diagnostics_csv_header(std::ostream& os) {
  write_row(os, {"source", "severity", "rule", "file", "line", "column", "tier", "start_ms", "end_ms", "message",
                 "suggestion"});
}

void detail::write_diagnostics_csv_rows(std::ostream& os, const char* source, const json::object& doc) {
  for (const auto& d : array_at(doc, "diagnostics")) {
    const auto& o = as_object(d);
    write_row(os, {source, text_at(o, "severity"), text_at(o, "rule"), text_at(o, "file"), text_at(o, "line"),
                   text_at(o, "column"), text_at(o, "tier"), text_at(o, "start_ms"), text_at(o, "end_ms"),
                   text_at(o, "message"), text_at(o, "suggestion")});
  }
}

void write_diagnostics_csv(std::ostream& os, const LabReportInput& input) {
  detail::write_diagnostics_csv_header(os);
  // The stages document repeats the reader and binding diagnostics that check already holds.
  detail::write_diagnostics_csv_rows(os, "check", input.check);
  detail::write_diagnostics_csv_rows(os, "agreement", input.agreement);
}

}  // namespace rapport::report
