// SPDX-License-Identifier: MIT
#include "rapport/stats/rating_table.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace rapport::stats {

std::string_view to_string(Level level) noexcept {
  switch (level) {
    case Level::nominal: return "nominal";
    case Level::ordinal: return "ordinal";
    case Level::interval: return "interval";
    case Level::ratio: return "ratio";
  }
  return "nominal";
}

std::optional<Level> parse_level(std::string_view text) noexcept {
  if (text == "nominal") return Level::nominal;
  if (text == "ordinal") return Level::ordinal;
  if (text == "interval") return Level::interval;
  if (text == "ratio") return Level::ratio;
  return std::nullopt;
}

std::string format_number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

namespace {

std::vector<std::string> numbered(const char* prefix, std::size_t count) {
  std::vector<std::string> names;
  names.reserve(count);
  for (std::size_t i = 0; i < count; ++i) names.push_back(prefix + std::to_string(i + 1));
  return names;
}

std::size_t widest(const auto& rows) {
  std::size_t m = 0;
  for (const auto& row : rows) m = std::max(m, row.size());
  return m;
}

}  // namespace

RatingTable make_numeric_table(const std::vector<std::vector<std::optional<double>>>& rows,
                               std::span<const double> scale) {
  const std::size_t m = widest(rows);
  std::vector<std::optional<double>> cells(rows.size() * m);
  for (std::size_t u = 0; u < rows.size(); ++u) std::copy(rows[u].begin(), rows[u].end(), cells.begin() + u * m);
  return make_numeric_table(cells, numbered("u", rows.size()), numbered("r", m), scale);
}

RatingTable make_numeric_table(std::span<const std::optional<double>> cells, std::vector<std::string> units,
                               std::vector<std::string> raters, std::span<const double> scale) {
  const bool fits = units.empty() ? (raters.empty() ? cells.empty() : cells.size() % raters.size() == 0)
                                  : cells.size() == units.size() * raters.size();
  if (!fits)
    throw std::invalid_argument("make_numeric_table: " + std::to_string(cells.size()) + " cells for " +
                                std::to_string(units.size()) + " units x " + std::to_string(raters.size()) + " raters");
  RatingTable table;
  table.units = std::move(units);
  table.raters = std::move(raters);
  table.numeric = true;
  table.declared_scale = !scale.empty();
  std::map<double, std::int32_t> index;
  for (double v : scale) index.emplace(v, 0);
  for (const auto& v : cells)
    if (v) index.emplace(*v, 0);
  std::int32_t next = 0;
  for (auto& [value, i] : index) {
    i = next++;
    table.categories.push_back({format_number(value), value});
  }
  table.cells.assign(cells.size(), RatingTable::missing);
  for (std::size_t c = 0; c < cells.size(); ++c)
    if (cells[c]) table.cells[c] = index.at(*cells[c]);
  return table;
}

RatingTable make_label_table(const std::vector<std::vector<std::string>>& rows) {
  RatingTable table;
  const std::size_t m = widest(rows);
  table.units = numbered("u", rows.size());
  table.raters = numbered("r", m);
  std::unordered_map<std::string, std::int32_t> index;
  table.cells.assign(rows.size() * m, RatingTable::missing);
  for (std::size_t u = 0; u < rows.size(); ++u) {
    for (std::size_t r = 0; r < rows[u].size(); ++r) {
      const std::string& label = rows[u][r];
      if (label.empty()) continue;
      auto [it, inserted] = index.emplace(label, static_cast<std::int32_t>(table.categories.size()));
      if (inserted) table.categories.push_back({label, static_cast<double>(table.categories.size())});
      table.cells[u * m + r] = it->second;
    }
  }
  return table;
}

RatingTable make_table_from_counts(const std::vector<std::vector<int>>& counts) {
  RatingTable table;
  std::size_t q = 0;
  std::size_t m = 0;
  for (const auto& row : counts) {
    q = std::max(q, row.size());
    int total = 0;
    for (int c : row) {
      if (c < 0) throw std::invalid_argument("make_table_from_counts: negative count");
      total += c;
    }
    m = std::max(m, static_cast<std::size_t>(total));
  }
  table.units = numbered("u", counts.size());
  table.raters = numbered("r", m);
  table.numeric = true;
  for (std::size_t k = 0; k < q; ++k) table.categories.push_back({std::to_string(k + 1), static_cast<double>(k + 1)});
  table.cells.assign(counts.size() * m, RatingTable::missing);
  for (std::size_t u = 0; u < counts.size(); ++u) {
    std::size_t slot = 0;
    for (std::size_t k = 0; k < counts[u].size(); ++k)
      for (int c = 0; c < counts[u][k]; ++c) table.cells[u * m + slot++] = static_cast<std::int32_t>(k);
  }
  return table;
}

RatingTable select_raters(const RatingTable& table, std::span<const std::size_t> raters) {
  RatingTable out;
  out.units = table.units;
  out.categories = table.categories;
  out.numeric = table.numeric;
  out.declared_scale = table.declared_scale;
  for (std::size_t r : raters) out.raters.push_back(table.raters.at(r));
  out.cells.reserve(table.unit_count() * raters.size());
  for (std::size_t u = 0; u < table.unit_count(); ++u)
    for (std::size_t r : raters) out.cells.push_back(table.at(u, r));
  return out;
}

}  // namespace rapport::stats
