// SPDX-License-Identifier: MIT
// The intervals table (rater,start_ms,end_ms,category) from RFC 4180 records (csv/records.hpp).
#include "rapport/intervals/intervals_csv.hpp"

#include "csv/records.hpp"
#include "rapport/time_limit.hpp"
#include "text/quote.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace rapport::intervals {
namespace {

constexpr std::size_t max_errors = 20;

Diagnostic make_error(const std::string& file, std::int64_t line, std::int64_t column, std::string rule,
                      std::string message, std::optional<std::string> suggestion = std::nullopt) {
  Diagnostic d;
  d.severity = Severity::error;
  d.rule = std::move(rule);
  d.file = file;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  d.suggestion = std::move(suggestion);
  return d;
}

using csv::trim;

std::optional<Millis> parse_millis(const std::string& text) {
  const std::string t = trim(text);
  Millis v = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc{} || ptr != t.data() + t.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

IntervalsCsvResult parse_intervals_csv(std::string_view text, const std::string& file) {
  IntervalsCsvResult result;
  if (const std::string why = csv::unsupported_encoding(text); !why.empty()) {
    result.diagnostics.push_back(make_error(file, 1, 1, "intervals-csv-encoding", why));
    return result;
  }
  csv::RecordScanner scanner(text);
  csv::Record record;
  const std::vector<csv::Field>& fields = record.fields;
  std::string error;
  auto errors = [&] {
    std::size_t n = 0;
    for (const auto& d : result.diagnostics) n += d.severity == Severity::error ? 1 : 0;
    return n;
  };
  // Header.
  std::vector<std::string> names;
  while (scanner.next(record, error)) {
    if (!error.empty()) break;
    if (record.blank()) continue;  // blank lines before the header
    for (const auto& f : fields) names.push_back(trim(f.text));
    break;
  }
  if (!error.empty()) {
    result.diagnostics.push_back(make_error(file, record.line, 1, "intervals-csv-syntax", error));
    return result;
  }
  if (names.empty()) {
    result.diagnostics.push_back(make_error(file, 1, 1, "intervals-csv-header",
                                            "the file is empty; expected the header rater,start_ms,end_ms,category"));
    return result;
  }
  const std::int64_t header_line = record.line;
  std::unordered_map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < names.size(); ++i) column.try_emplace(names[i], i);
  for (const char* required : {"rater", "start_ms", "end_ms", "category"})
    if (!column.count(required))
      result.diagnostics.push_back(make_error(file, header_line, 1, "intervals-csv-header",
                                              std::string("the header has no column '") + required + "'",
                                              "the header must name rater,start_ms,end_ms,category"));
  if (!result.diagnostics.empty()) return result;
  const std::size_t c_rater = column["rater"], c_start = column["start_ms"], c_end = column["end_ms"],
                    c_cat = column["category"];

  std::vector<RaterIntervals> raters;
  std::unordered_map<std::string, std::size_t> rater_index;
  while (errors() < max_errors && scanner.next(record, error)) {
    if (!error.empty()) {
      result.diagnostics.push_back(make_error(file, record.line, 1, "intervals-csv-syntax", error));
      break;
    }
    if (record.blank()) continue;  // blank line
    ++result.rows;
    if (fields.size() != names.size()) {
      result.diagnostics.push_back(make_error(
          file, record.line, 1, "intervals-csv-columns",
          "row has " + std::to_string(fields.size()) + " fields, the header has " + std::to_string(names.size())));
      continue;
    }
    const std::string rater = trim(fields[c_rater].text);
    if (rater.empty()) {
      result.diagnostics.push_back(
          make_error(file, record.line, fields[c_rater].column, "intervals-csv-rater", "the rater is empty"));
      continue;
    }
    const auto start = parse_millis(fields[c_start].text);
    const auto end = parse_millis(fields[c_end].text);
    if (!start) {
      result.diagnostics.push_back(make_error(file, record.line, fields[c_start].column, "intervals-csv-time",
                                              "start_ms '" + text::quote_for_message(fields[c_start].text) +
                                                  "' is not a non-negative integer number of milliseconds"));
      continue;
    }
    if (!end) {
      result.diagnostics.push_back(make_error(file, record.line, fields[c_end].column, "intervals-csv-time",
                                              "end_ms '" + text::quote_for_message(fields[c_end].text) +
                                                  "' is not a non-negative integer number of milliseconds"));
      continue;
    }
    if (*start > max_time_ms || *end > max_time_ms) {
      const bool start_big = *start > max_time_ms;
      result.diagnostics.push_back(make_error(
          file, record.line, fields[start_big ? c_start : c_end].column, "intervals-csv-time",
          std::string(start_big ? "start_ms " : "end_ms ") + std::to_string(start_big ? *start : *end) +
              " is beyond the largest time accepted (" + std::to_string(max_time_ms) + " ms, about 285,000 years)"));
      continue;
    }
    if (*end < *start) {
      result.diagnostics.push_back(
          make_error(file, record.line, fields[c_end].column, "intervals-csv-order",
                     "end_ms " + std::to_string(*end) + " is before start_ms " + std::to_string(*start)));
      continue;
    }
    if (*end == *start) {
      Diagnostic d = make_error(file, record.line, fields[c_end].column, "intervals-csv-empty-interval",
                                "the interval " + std::to_string(*start) + "-" + std::to_string(*end) +
                                    " ms has no length; gamma and alpha_u ignore it, ELAN's kappa keeps it");
      d.severity = Severity::warning;
      result.diagnostics.push_back(std::move(d));
    }
    const auto [it, inserted] = rater_index.try_emplace(rater, raters.size());
    if (inserted) raters.push_back(RaterIntervals{rater, {}});
    raters[it->second].intervals.push_back(
        Interval{*start, *end, fields[c_cat].text, "line " + std::to_string(record.line)});
  }
  if (errors() == 0 && raters.empty())
    result.diagnostics.push_back(
        make_error(file, header_line, 1, "intervals-csv-empty", "the file has a header but no intervals"));
  if (errors() > 0) return result;
  sort_intervals(raters);
  result.raters = std::move(raters);
  return result;
}

IntervalsCsvResult read_intervals_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    IntervalsCsvResult r;
    r.diagnostics.push_back(make_error(path.string(), 0, 0, "io-read", "cannot read the file"));
    return r;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_intervals_csv(buffer.str(), path.string());
}

std::optional<Continuum> parse_continuum(std::string_view text) {
  const auto comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  const auto a = parse_millis(std::string(text.substr(0, comma)));
  const auto b = parse_millis(std::string(text.substr(comma + 1)));
  if (!a || !b || *b <= *a || *b > max_time_ms) return std::nullopt;
  return Continuum{*a, *b};
}

}  // namespace rapport::intervals
