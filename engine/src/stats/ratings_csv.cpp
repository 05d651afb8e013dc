// SPDX-License-Identifier: MIT
// The long rating table (unit,rater,value) from RFC 4180 records (csv/records.hpp). Every problem
// becomes a Diagnostic with file, line and column.
#include "rapport/stats/ratings_csv.hpp"

#include "csv/records.hpp"
#include "text/quote.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

namespace rapport::stats {
namespace {

constexpr std::size_t max_errors = 20;
/// A table above this many cells (64 MiB of int32) must not be mostly empty...
constexpr std::size_t max_table_cells = std::size_t{1} << 24;
/// ...that is, have more than this many cells per rating.
constexpr std::size_t max_empty_ratio = 64;

using csv::Field;
using csv::Record;
using csv::trim;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::optional<double> parse_number(std::string_view s) {
  if (s.starts_with('+')) s.remove_prefix(1);
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

RatingsCsvResult parse_ratings_csv(std::string_view text, const std::string& file, Level level) {
  RatingsCsvResult result;
  std::size_t suppressed = 0;
  auto error = [&](std::string rule, std::int64_t line, std::int64_t column, std::string message,
                   std::optional<std::string> suggestion = std::nullopt) {
    if (result.diagnostics.size() >= max_errors) {
      ++suppressed;
      return;
    }
    Diagnostic d;
    d.severity = Severity::error;
    d.rule = std::move(rule);
    d.file = file;
    d.line = line;
    d.column = column;
    d.message = std::move(message);
    d.suggestion = std::move(suggestion);
    result.diagnostics.push_back(std::move(d));
  };

  if (const std::string why = csv::unsupported_encoding(text); !why.empty()) {
    error("ratings-csv-encoding", 1, 1, why);
    return result;
  }
  csv::RecordScanner scanner(text);
  Record record;
  std::string scan_error;
  // Header.
  bool have_header = false;
  while (scanner.next(record, scan_error)) {
    if (!scan_error.empty()) break;
    if (record.blank()) continue;
    have_header = true;
    break;
  }
  if (!scan_error.empty()) {
    error("ratings-csv-unterminated-quote", record.line, 1, scan_error);
    return result;
  }
  if (!have_header) {
    error("ratings-csv-missing-header", 1, 1, "empty file: expected a header 'unit,rater,value'");
    return result;
  }
  int unit_col = -1, rater_col = -1, value_col = -1;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string name = lower(trim(record.fields[i].text));
    if (name == "unit") unit_col = static_cast<int>(i);
    if (name == "rater") rater_col = static_cast<int>(i);
    if (name == "value") value_col = static_cast<int>(i);
  }
  const std::size_t width = record.fields.size();
  if (unit_col < 0 || rater_col < 0 || value_col < 0) {
    std::string got;
    for (std::size_t i = 0; i < record.fields.size(); ++i) got += (i ? "," : "") + record.fields[i].text;
    std::string missing;
    for (auto [col, name] : {std::pair{unit_col, "unit"}, {rater_col, "rater"}, {value_col, "value"}})
      if (col < 0) missing += (missing.empty() ? "" : ", ") + std::string(name);
    error("ratings-csv-missing-header", record.line, 1,
          "missing header column(s) " + missing + ": expected a header 'unit,rater,value', got '" +
              text::quote_for_message(got) + "'",
          "put the line 'unit,rater,value' first");
    return result;
  }

  // Rows.
  std::unordered_map<std::string, std::int32_t> unit_index, rater_index;
  std::vector<std::string> units, raters;
  struct Row {
    std::int32_t unit, rater;
    std::int64_t line;
    std::int64_t value_column;
    std::string value;  // trimmed, empty = missing
  };
  std::vector<Row> rows;
  while (true) {
    scan_error.clear();
    if (!scanner.next(record, scan_error)) break;
    if (!scan_error.empty()) {
      error("ratings-csv-unterminated-quote", record.line, 1, scan_error);
      break;
    }
    if (record.blank()) continue;
    if (record.fields.size() != width) {
      const auto col = record.fields.size() > width ? record.fields[width].column : record.fields.back().column;
      error(
          "ratings-csv-ragged-row", record.line, col,
          "row has " + std::to_string(record.fields.size()) + " field(s) but the header has " + std::to_string(width));
      continue;
    }
    const Field& uf = record.fields[static_cast<std::size_t>(unit_col)];
    const Field& rf = record.fields[static_cast<std::size_t>(rater_col)];
    const Field& vf = record.fields[static_cast<std::size_t>(value_col)];
    std::string unit = trim(uf.text), rater = trim(rf.text);
    if (unit.empty()) {
      error("ratings-csv-empty-id", record.line, uf.column, "empty unit id");
      continue;
    }
    if (rater.empty()) {
      error("ratings-csv-empty-id", record.line, rf.column, "empty rater id");
      continue;
    }
    auto [ui, u_new] = unit_index.try_emplace(unit, static_cast<std::int32_t>(units.size()));
    if (u_new) units.push_back(unit);
    auto [ri, r_new] = rater_index.try_emplace(rater, static_cast<std::int32_t>(raters.size()));
    if (r_new) raters.push_back(rater);
    rows.push_back({ui->second, ri->second, record.line, vf.column, trim(vf.text)});
  }
  result.rows = rows.size();

  // Values and categories.
  const bool need_numbers = level != Level::nominal;
  std::map<double, std::int32_t> numeric_index;
  std::unordered_map<std::string, std::int32_t> label_index;
  std::vector<std::string> label_order;
  bool all_numeric = true;
  std::vector<double> row_number(rows.size(), 0.0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row.value.empty()) {
      ++result.missing;
      continue;
    }
    const auto number = parse_number(row.value);
    if (!number) {
      all_numeric = false;
      if (need_numbers) {
        error("ratings-csv-not-a-number", row.line, row.value_column,
              "value '" + text::quote_for_message(row.value) + "' is not a number, but level " +
                  std::string(to_string(level)) + " needs numeric ratings",
              "use --level nominal for category labels, or leave the value empty for a missing rating");
        continue;
      }
    } else {
      row_number[i] = *number;
      if (level == Level::ratio && *number < 0.0) {
        error("ratings-csv-negative-ratio", row.line, row.value_column,
              "value " + row.value + " is negative; the ratio level needs values >= 0");
        continue;
      }
      numeric_index.emplace(*number, 0);
    }
    if (label_index.try_emplace(row.value, static_cast<std::int32_t>(label_order.size())).second)
      label_order.push_back(row.value);
  }

  const std::size_t n = units.size(), m = raters.size();
  // The table is dense, units x raters. A file whose rater (or unit) column holds a new id on
  // nearly every row -- a wrong or swapped column -- would make it quadratic in the rows (10,000
  // such rows took 1.2 GB; 50,000 would be 2.5 billion cells), so a table that is both large and
  // mostly empty is refused. Dense tables of any size, and sparse designs such as many coders
  // each rating a few units, stay well inside both limits.
  if (m != 0 && n > max_table_cells / m && n * m / max_empty_ratio > rows.size()) {
    error("ratings-csv-too-sparse", 1, 1,
          std::to_string(rows.size()) + " ratings name " + std::to_string(n) + " units and " + std::to_string(m) +
              " raters: a table of " + std::to_string(n * m) +
              " cells, nearly all empty. Does each column hold what its header says?",
          "check that the 'rater' column names the coder and the 'unit' column the thing rated");
    return result;
  }
  // Duplicates: a rater rating one unit twice (a hash of the pairs seen, not a units x raters
  // array: the rows may be few in a large table).
  std::unordered_map<std::size_t, std::int64_t> first_line;
  first_line.reserve(rows.size());
  for (const auto& row : rows) {
    auto& seen = first_line[static_cast<std::size_t>(row.unit) * m + static_cast<std::size_t>(row.rater)];
    if (seen != 0) {
      error("ratings-csv-duplicate-rating", row.line, 1,
            "rater '" + text::quote_for_message(raters[static_cast<std::size_t>(row.rater)]) + "' rates unit '" +
                text::quote_for_message(units[static_cast<std::size_t>(row.unit)]) + "' twice (first on line " +
                std::to_string(seen) + ")",
            "keep one row per unit and rater");
    } else {
      seen = row.line;
    }
  }
  if (suppressed > 0) {
    Diagnostic d;
    d.rule = "ratings-csv-too-many-errors";
    d.file = file;
    d.message = std::to_string(suppressed) + " more error(s) not shown";
    result.diagnostics.push_back(std::move(d));
  }
  if (!result.diagnostics.empty()) return result;
  if (rows.empty()) {
    error("ratings-csv-no-rows", 2, 1, "no ratings after the header");
    return result;
  }

  RatingTable table;
  table.units = std::move(units);
  table.raters = std::move(raters);
  const bool numeric = need_numbers || (all_numeric && !label_order.empty());
  table.numeric = numeric;
  std::vector<std::int32_t> label_to_category(label_order.size());
  if (need_numbers) {
    std::int32_t next = 0;
    for (auto& [value, index] : numeric_index) {
      index = next++;
      table.categories.push_back({format_number(value), value});
    }
  } else {
    // Nominal: the labels as written; numeric-looking labels sorted by number, else first appearance.
    std::vector<std::size_t> order(label_order.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (numeric)
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return *parse_number(label_order[a]) < *parse_number(label_order[b]);
      });
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      const std::string& label = label_order[order[rank]];
      table.categories.push_back({label, numeric ? *parse_number(label) : static_cast<double>(rank)});
      label_to_category[order[rank]] = static_cast<std::int32_t>(rank);
    }
  }
  table.cells.assign(n * m, RatingTable::missing);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row.value.empty()) continue;
    std::int32_t category = need_numbers ? numeric_index.at(row_number[i])
                                         : label_to_category[static_cast<std::size_t>(label_index.at(row.value))];
    table.cells[static_cast<std::size_t>(row.unit) * m + static_cast<std::size_t>(row.rater)] = category;
  }
  result.table = std::move(table);
  return result;
}

RatingsCsvResult read_ratings_csv(const std::filesystem::path& path, Level level) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    RatingsCsvResult result;
    Diagnostic d;
    d.rule = "ratings-csv-unreadable";
    d.file = path.string();
    d.message = "cannot open the file for reading";
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_ratings_csv(buffer.str(), path.string(), level);
}

}  // namespace rapport::stats
