// SPDX-License-Identifier: MIT
// A small RFC 4180 reader: comma separated, fields optionally in double quotes ("" is a quote,
// quoted fields may span lines), CRLF or LF, an optional UTF-8 byte order mark.
#include "rapport/intervals/intervals_csv.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace rapport::intervals {
namespace {

constexpr std::size_t max_errors = 20;

struct Field {
  std::string text;
  std::int64_t line = 0;
  std::int64_t column = 0;
};

/// Splits the text into records of fields with their line and column.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : m_text(text) {
    if (m_text.starts_with("\xEF\xBB\xBF")) m_pos = m_line_start = 3;
  }

  /// Next record into `fields`; false at the end. An unterminated quote sets `error`.
  bool next(std::vector<Field>& fields, std::int64_t& line, std::string& error) {
    fields.clear();
    if (m_pos >= m_text.size()) return false;
    line = m_line;
    while (true) {
      Field f;
      f.line = m_line;
      f.column = static_cast<std::int64_t>(m_pos - m_line_start) + 1;
      if (m_pos < m_text.size() && m_text[m_pos] == '"') {
        ++m_pos;
        while (true) {
          if (m_pos >= m_text.size()) {
            error = "unterminated quoted field (opened at line " + std::to_string(f.line) + ", column " +
                    std::to_string(f.column) + ")";
            return true;
          }
          const char c = m_text[m_pos++];
          if (c == '"') {
            if (m_pos < m_text.size() && m_text[m_pos] == '"') {
              f.text.push_back('"');
              ++m_pos;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++m_line, m_line_start = m_pos;
            f.text.push_back(c);
          }
        }
        while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '\n' && m_text[m_pos] != '\r')
          f.text.push_back(m_text[m_pos++]);
      } else {
        const std::size_t end = m_text.find_first_of(",\r\n", m_pos);
        const std::size_t stop = end == std::string_view::npos ? m_text.size() : end;
        f.text.assign(m_text.substr(m_pos, stop - m_pos));
        m_pos = stop;
      }
      fields.push_back(std::move(f));
      if (m_pos >= m_text.size()) return true;
      const char sep = m_text[m_pos++];
      if (sep == ',') continue;
      if (sep == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n') ++m_pos;
      ++m_line;
      m_line_start = m_pos;
      return true;
    }
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line_start = 0;
  std::int64_t m_line = 1;
};

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

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

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
  Scanner scanner(text);
  std::vector<Field> fields;
  std::int64_t line = 0;
  std::string error;
  auto errors = [&] {
    std::size_t n = 0;
    for (const auto& d : result.diagnostics) n += d.severity == Severity::error ? 1 : 0;
    return n;
  };
  // Header.
  std::vector<std::string> names;
  while (scanner.next(fields, line, error)) {
    if (!error.empty()) break;
    if (fields.size() == 1 && trim(fields[0].text).empty()) continue;  // blank lines before the header
    for (const auto& f : fields) names.push_back(trim(f.text));
    break;
  }
  if (!error.empty()) {
    result.diagnostics.push_back(make_error(file, line, 1, "intervals-csv-syntax", error));
    return result;
  }
  if (names.empty()) {
    result.diagnostics.push_back(make_error(file, 1, 1, "intervals-csv-header",
                                            "the file is empty; expected the header rater,start_ms,end_ms,category"));
    return result;
  }
  const std::int64_t header_line = line;
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
  while (errors() < max_errors && scanner.next(fields, line, error)) {
    if (!error.empty()) {
      result.diagnostics.push_back(make_error(file, line, 1, "intervals-csv-syntax", error));
      break;
    }
    if (fields.size() == 1 && trim(fields[0].text).empty()) continue;  // blank line
    ++result.rows;
    if (fields.size() != names.size()) {
      result.diagnostics.push_back(make_error(
          file, line, 1, "intervals-csv-columns",
          "row has " + std::to_string(fields.size()) + " fields, the header has " + std::to_string(names.size())));
      continue;
    }
    const std::string rater = trim(fields[c_rater].text);
    if (rater.empty()) {
      result.diagnostics.push_back(
          make_error(file, line, fields[c_rater].column, "intervals-csv-rater", "the rater is empty"));
      continue;
    }
    const auto start = parse_millis(fields[c_start].text);
    const auto end = parse_millis(fields[c_end].text);
    if (!start) {
      result.diagnostics.push_back(
          make_error(file, line, fields[c_start].column, "intervals-csv-time",
                     "start_ms '" + fields[c_start].text + "' is not a non-negative integer number of milliseconds"));
      continue;
    }
    if (!end) {
      result.diagnostics.push_back(
          make_error(file, line, fields[c_end].column, "intervals-csv-time",
                     "end_ms '" + fields[c_end].text + "' is not a non-negative integer number of milliseconds"));
      continue;
    }
    if (*end < *start) {
      result.diagnostics.push_back(
          make_error(file, line, fields[c_end].column, "intervals-csv-order",
                     "end_ms " + std::to_string(*end) + " is before start_ms " + std::to_string(*start)));
      continue;
    }
    if (*end == *start) {
      Diagnostic d = make_error(file, line, fields[c_end].column, "intervals-csv-empty-interval",
                                "the interval " + std::to_string(*start) + "-" + std::to_string(*end) +
                                    " ms has no length; gamma and alpha_u ignore it, ELAN's kappa keeps it");
      d.severity = Severity::warning;
      result.diagnostics.push_back(std::move(d));
    }
    const auto [it, inserted] = rater_index.try_emplace(rater, raters.size());
    if (inserted) raters.push_back(RaterIntervals{rater, {}});
    raters[it->second].intervals.push_back(Interval{*start, *end, fields[c_cat].text, "line " + std::to_string(line)});
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
  if (!a || !b || *b <= *a) return std::nullopt;
  return Continuum{*a, *b};
}

}  // namespace rapport::intervals
