// SPDX-License-Identifier: MIT
// Drift (issue 7 §8): agreement per session in the order the sessions were coded, so a lab sees
// coders drifting apart and can hold a consensus meeting before it spreads (3rs.md §2.3: labs
// double-code 20-30% of study sessions "to watch for drift"). Per session: the headline kappa
// and percent agreement on code presence pooled over codes and segments, and ICC(2,1) on the
// segment ratings pooled over scales. The trend is a least-squares slope per session.
#include <algorithm>

#include "rapport/stats/agreement.hpp"
#include "reliability/steps.hpp"

namespace rapport::reliability::detail {
namespace {

using Row = std::vector<std::optional<double>>;

void add_rows(std::vector<Row>& rows, const Variable& v, const std::vector<std::size_t>& units) {
  for (std::size_t u : units) {
    Row row(v.table.rater_count());
    for (std::size_t r = 0; r < row.size(); ++r)
      if (const auto cell = v.table.at(u, r); cell != stats::RatingTable::missing)
        row[r] = v.table.categories[static_cast<std::size_t>(cell)].value;
    rows.push_back(std::move(row));
  }
}

std::vector<stats::Measure> measure(const std::vector<Row>& rows, const std::vector<std::string>& coders,
                                    stats::Level level, std::vector<std::string> names,
                                    const std::vector<double>& scale) {
  stats::RatingTable t = stats::make_numeric_table(rows, scale);
  t.raters = coders;
  stats::AgreementOptions a;
  a.level = level;
  a.measures = std::move(names);
  a.bootstrap = 0;
  return stats::compute_agreement(t, a);
}

}  // namespace

Drift drift(const Project& project, const ReliabilityTables& tables, const ReliabilityOptions& options) {
  Drift out;
  std::vector<std::size_t> order = tables.sessions;
  const bool dated =
      std::all_of(order.begin(), order.end(), [&](std::size_t s) { return project.sessions[s].date().has_value(); });
  out.order = dated ? "date" : "name";
  if (dated)
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return *project.sessions[a].date() < *project.sessions[b].date();
    });
  const std::size_t m = tables.coders.size();
  const std::string presence = headline_measure(VariableKind::presence, m);
  std::vector<std::vector<std::size_t>> units_of(project.sessions.size());
  for (std::size_t u = 0; u < tables.segments.size(); ++u) units_of[tables.segments[u].session].push_back(u);

  std::vector<DriftPoint> points(order.size());
  parallel_for(order.size(), options.threads, [&](std::size_t i) {
    const std::size_t s = order[i];
    DriftPoint& p = points[i];
    p.session = project.sessions[s].session;
    p.date = project.sessions[s].date();
    std::vector<Row> rows;
    for (const auto& v : tables.codes) add_rows(rows, v, units_of[s]);
    for (auto& me : measure(rows, tables.coders, stats::Level::nominal, {presence, "percent_agreement"}, {0, 1}))
      p.measures.push_back({"drift", "code_presence", std::move(me)});
    rows.clear();
    for (const auto& v : tables.segment_ratings) add_rows(rows, v, units_of[s]);
    for (auto& me : measure(rows, tables.coders, stats::Level::interval, {"icc_2_1"}, {}))
      p.measures.push_back({"drift", "segment_ratings", std::move(me)});
  });
  out.sessions = std::move(points);

  if (out.sessions.empty()) return out;
  for (std::size_t k = 0; k < out.sessions.front().measures.size(); ++k) {
    DriftTrend t;
    t.variable = out.sessions.front().measures[k].variable;
    t.measure = out.sessions.front().measures[k].measure.name;
    std::vector<std::pair<double, double>> xy;
    for (std::size_t i = 0; i < out.sessions.size(); ++i)
      if (const auto& v = out.sessions[i].measures[k].measure.value) xy.emplace_back(static_cast<double>(i), *v);
    t.sessions = xy.size();
    if (xy.size() >= 2) {
      double mx = 0, my = 0;
      for (const auto& [x, y] : xy) mx += x, my += y;
      mx /= static_cast<double>(xy.size());
      my /= static_cast<double>(xy.size());
      double sxy = 0, sxx = 0;
      for (const auto& [x, y] : xy) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx);
      if (sxx > 0) t.slope = sxy / sxx;
      const std::size_t half = xy.size() / 2;
      double a = 0, b = 0;
      for (std::size_t i = 0; i < half; ++i) a += xy[i].second;
      for (std::size_t i = xy.size() - half; i < xy.size(); ++i) b += xy[i].second;
      t.first_half = a / static_cast<double>(half);
      t.second_half = b / static_cast<double>(half);
    }
    out.trends.push_back(std::move(t));
  }
  return out;
}

}  // namespace rapport::reliability::detail
