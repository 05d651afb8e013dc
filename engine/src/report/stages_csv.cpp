// SPDX-License-Identifier: MIT
// The tidy episode table of `rapport stages --format csv`: one row per episode, one column per
// variable (3rs.md §5.4 episode fields), so R's read.csv and SPSS's GET DATA read it as is.
// Column names are letters, digits and underscores (SPSS variable names).
#include <algorithm>
#include <cctype>
#include <ostream>

#include "rapport/report/stages_report.hpp"

namespace rapport::report {
namespace {

using namespace rapport::stages;

std::string variable(std::string_view id) {
  std::string out;
  for (char c : id) out += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

template <class T>
std::string opt(const std::optional<T>& v) {
  return v ? std::to_string(*v) : std::string();
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : " ") + s;
  return out;
}

void row(std::ostream& os, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) os << (i ? "," : "") << csv_field(fields[i]);
  os << "\r\n";
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

void write_stages_csv(std::ostream& os, const StagesResult& r) {
  write_stages_csv_header(os, r);
  for (const auto& s : r.sessions) write_stages_csv_rows(os, r, s);
}

void write_stages_csv_header(std::ostream& os, const StagesResult& r) {
  std::vector<std::string> header{"session",      "coder",      "file",        "patient",      "therapist", "episode",
                                  "type",         "start_ms",   "end_ms",      "duration_ms",  "n_markers", "markers",
                                  "n_strategies", "strategies", "n_immediate", "n_exploratory"};
  for (const auto& item : r.typology_items) header.push_back("n_" + variable(item));
  for (const auto& h : {"stage_model", "stages", "stages_source", "highest_stage", "highest_stage_rank",
                        "skipped_stages", "repeated_stages"})
    header.emplace_back(h);
  for (const auto& m : r.stage_models) header.push_back("highest_" + variable(m));
  for (const auto& h : {"latency_first_strategy_ms", "latency_highest_stage_ms", "max_withdrawal_significance",
                        "max_confrontation_significance", "max_resolution", "segments", "outcome"})
    header.emplace_back(h);
  row(os, header);
}

void write_stages_csv_rows(std::ostream& os, const StagesResult& r, const SessionStages& s) {
  for (const auto& e : s.episodes) {
    std::vector<std::string> f{s.session,
                               s.coder,
                               s.file,
                               s.participants.patient.value_or(""),
                               s.participants.therapist.value_or(""),
                               e.id,
                               std::string(to_string(e.type)),
                               std::to_string(e.start_ms),
                               std::to_string(e.end_ms),
                               std::to_string(e.duration_ms()),
                               std::to_string(e.markers.size())};
    std::vector<std::string> codes;
    for (const auto& m : e.markers) codes.push_back(m.code);
    f.push_back(joined(codes));
    f.push_back(std::to_string(e.strategies.size()));
    codes.clear();
    for (const auto& st : e.strategies) codes.push_back(st.code);
    f.push_back(joined(codes));
    f.push_back(std::to_string(e.immediate));
    f.push_back(std::to_string(e.exploratory));
    for (const auto& item : r.typology_items) {
      std::size_t n = 0;
      for (const auto& st : e.strategies)
        n += static_cast<std::size_t>(std::count(st.typology_items.begin(), st.typology_items.end(), item));
      f.push_back(std::to_string(n));
    }
    const StagePlacement* p = e.primary();
    std::vector<std::string> seq;
    if (p)
      for (const auto& entry : p->sequence) seq.push_back(entry.stage);
    f.push_back(p ? p->model : "");
    f.push_back(joined(seq));
    f.push_back(!p || p->sequence.empty() ? "none" : p->annotated ? "annotated" : "inferred");
    f.push_back(p ? p->highest_stage : "");
    f.push_back(p && p->highest_rank > 0 ? std::to_string(p->highest_rank) : "");
    f.push_back(p ? joined(p->skipped) : "");
    f.push_back(p ? joined(p->repeated) : "");
    for (const auto& model : r.stage_models) {
      std::string highest;
      for (const auto& pl : e.placements)
        if (pl.model == model) highest = pl.highest_stage;
      f.push_back(highest);
    }
    f.push_back(opt(e.latency_first_strategy_ms));
    f.push_back(opt(e.latency_highest_stage_ms));
    f.push_back(opt(e.max_withdrawal_significance));
    f.push_back(opt(e.max_confrontation_significance));
    f.push_back(opt(e.max_resolution));
    std::vector<std::string> segs;
    for (const auto& seg : e.segments) segs.push_back(seg.label);
    f.push_back(joined(segs));
    f.push_back(std::string(to_string(e.outcome)));
    row(os, f);
  }
}

}  // namespace rapport::report
