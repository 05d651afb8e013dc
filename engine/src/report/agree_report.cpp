// SPDX-License-Identifier: MIT
#include "rapport/report/agree_report.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>

#include "rapport/report/json_writer.hpp"

namespace rapport::report {
namespace {

boost::json::value number(const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

/// Counts and degrees of freedom print as integers ("df1": 5, not 5E0).
boost::json::value statistic_number(const std::optional<double>& v) {
  if (v && std::isfinite(*v) && std::abs(*v) < 9.0e15 && *v == std::floor(*v)) return static_cast<std::int64_t>(*v);
  return number(v);
}

std::string cell(const std::optional<double>& v, int width, int decimals = 3) {
  char buffer[64];
  if (!v || !std::isfinite(*v)) {
    std::snprintf(buffer, sizeof buffer, "%*s", width, "-");
  } else {
    std::snprintf(buffer, sizeof buffer, "%*.*f", width, decimals, *v);
  }
  return buffer;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

/// Wraps `text` at `width` columns with `indent` spaces before every line.
void write_wrapped(std::ostream& os, const std::string& text, std::size_t indent, std::size_t width) {
  std::size_t column = 0;
  std::size_t pos = 0;
  const std::string margin(indent, ' ');
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    if (column == 0) {
      os << margin << word;
      column = indent + word.size();
    } else if (column + 1 + word.size() > width) {
      os << '\n' << margin << word;
      column = indent + word.size();
    } else {
      os << ' ' << word;
      column += 1 + word.size();
    }
    pos = end + 1;
  }
  os << '\n';
}

}  // namespace

boost::json::object to_json(const stats::Measure& m) {
  boost::json::object o;
  o["name"] = m.name;
  o["value"] = number(m.value);
  if (!m.value) o["reason"] = m.reason;
  o["se"] = number(m.se);
  o["ci_low"] = number(m.ci_low);
  o["ci_high"] = number(m.ci_high);
  o["ci_method"] = m.ci_method.empty() ? boost::json::value(nullptr) : boost::json::value(m.ci_method);
  o["n_units"] = m.n_units;
  o["n_raters"] = m.n_raters;
  for (const auto& l : m.labels) o[l.key] = l.value;
  for (const auto& s : m.statistics) o[s.key] = statistic_number(s.value);
  if (!m.per_category.empty()) {
    boost::json::array a;
    for (const auto& c : m.per_category)
      a.push_back(boost::json::object{{"category", c.category}, {"value", number(c.value)}});
    o["per_category"] = std::move(a);
  }
  if (m.matrix) {
    boost::json::array cats, rows;
    for (const auto& c : m.matrix->categories) cats.emplace_back(c);
    for (const auto& row : m.matrix->counts) {
      boost::json::array r;
      for (double v : row) r.emplace_back(static_cast<std::int64_t>(v));
      rows.push_back(std::move(r));
    }
    o["matrix"] = boost::json::object{{"rows", m.matrix->row_rater},
                                      {"columns", m.matrix->column_rater},
                                      {"categories", std::move(cats)},
                                      {"counts", std::move(rows)}};
  }
  o["interpretation"] = m.interpretation.empty() ? boost::json::value(nullptr) : boost::json::value(m.interpretation);
  o["explanation"] = m.explanation;
  if (m.value && !m.reason.empty()) o["note"] = m.reason;
  return o;
}

boost::json::object agree_document(const AgreeInput& input, const std::vector<stats::Measure>& measures,
                                   const std::vector<std::string>& notes, const std::vector<Diagnostic>& diagnostics) {
  boost::json::object doc;
  boost::json::array categories;
  for (const auto& c : input.categories) categories.emplace_back(c);
  doc["input"] = boost::json::object{{"file", input.file},
                                     {"level", input.level},
                                     {"units", input.units},
                                     {"raters", input.raters},
                                     {"ratings", input.ratings},
                                     {"missing", input.missing},
                                     {"categories", std::move(categories)}};
  boost::json::array ms;
  for (const auto& m : measures) ms.push_back(to_json(m));
  doc["measures"] = std::move(ms);
  boost::json::array ns;
  for (const auto& n : notes) ns.emplace_back(n);
  doc["notes"] = std::move(ns);
  doc["diagnostics"] = to_json(diagnostics);
  return doc;
}

void write_agree_text(std::ostream& os, const AgreeInput& input, const std::vector<stats::Measure>& measures,
                      const std::vector<std::string>& notes, bool explain) {
  os << "Agreement: " << input.file << " (level " << input.level << ")\n"
     << input.units << " units, " << input.raters << " raters, " << input.ratings << " ratings";
  if (input.missing > 0) os << " (" << input.missing << " missing)";
  os << "\n\n";
  constexpr std::size_t name_width = 36;
  os << pad("measure", name_width) << "   value      SE   95% CI             units raters  interpretation\n";
  std::vector<const stats::Measure*> undefined;
  for (const auto& m : measures) {
    if (!m.value) {
      undefined.push_back(&m);
      continue;
    }
    std::string name = m.name;
    if (const auto mw = m.label("mcgraw_wong"); !mw.empty()) name += " " + mw;
    std::string ci = "-";
    if (m.ci_low && m.ci_high) ci = "[" + cell(m.ci_low, 6) + ", " + cell(m.ci_high, 6) + "]";
    char counts[32];
    std::snprintf(counts, sizeof counts, "%6zu %6zu", m.n_units, m.n_raters);
    os << pad(name, name_width) << cell(m.value, 8) << cell(m.se, 8) << "   " << pad(ci, 17) << counts << "  "
       << m.interpretation << '\n';
  }
  if (!undefined.empty()) {
    os << "\nNot defined for these data:\n";
    for (const auto* m : undefined) write_wrapped(os, m->name + ": " + m->reason, 2, 100);
  }
  std::vector<const stats::Measure*> partial;
  for (const auto& m : measures)
    if (m.value && !m.reason.empty()) partial.push_back(&m);
  if (!partial.empty()) {
    os << "\nWithout SE or CI:\n";
    for (const auto* m : partial) write_wrapped(os, m->name + ": " + m->reason, 2, 100);
  }
  if (!notes.empty()) {
    os << "\nNotes:\n";
    for (const auto& n : notes) write_wrapped(os, n, 2, 100);
  }
  if (explain) {
    os << "\nWhat the measures mean:\n";
    std::string last;
    for (const auto& m : measures) {
      if (m.explanation.empty() || m.explanation == last) continue;
      last = m.explanation;
      os << '\n';
      write_wrapped(os, m.name + ": " + m.explanation, 2, 100);
    }
  }
}

void write_agreement_document_at(std::ostream& os, const boost::json::object& frame, int depth,
                                 const StreamedList& segment_disagreements,
                                 const StreamedList& interval_disagreements) {
  const auto list = [&os](const StreamedList& l) {
    return [&os, &l](int at) {
      write_pretty_json_array_at(os, l.size, at,
                                 [&](std::size_t i) { write_pretty_json_at(os, l.element(i), at + 1); });
    };
  };
  const auto& lists = frame.at("disagreements").as_object();
  write_pretty_json_object_at(
      os, frame, depth,
      {{"disagreements", [&](int at) {
          write_pretty_json_object_at(
              os, lists, at, {{"segments", list(segment_disagreements)}, {"intervals", list(interval_disagreements)}});
        }}});
}

}  // namespace rapport::report
