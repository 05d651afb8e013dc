// SPDX-License-Identifier: MIT
#include "assignment.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <stdexcept>
#include <tuple>

namespace rapport::intervals::detail {

std::vector<std::size_t> solve_sparse_assignment(const std::vector<std::vector<SparseEdge>>& rows,
                                                 std::size_t columns) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  const std::size_t nr = rows.size();
  std::vector<double> u(nr, 0.0), v(columns, 0.0);
  std::vector<std::size_t> col4row(nr, none), row4col(columns, none);
  std::vector<double> shortest(columns, inf);
  std::vector<std::size_t> path(columns, none);
  std::vector<char> in_sc(columns, 0);
  std::vector<std::size_t> touched, sc, sr;
  // (distance, 0 if the column is free, column): equal distances prefer a free column (Crouse §IV).
  using Item = std::tuple<double, int, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;

  for (std::size_t current = 0; current < nr; ++current) {
    double min_value = 0;
    std::size_t i = current, sink = none;
    sr.clear();
    sc.clear();
    while (sink == none) {
      sr.push_back(i);
      for (const auto& e : rows[i]) {
        const std::size_t j = e.column;
        if (in_sc[j]) continue;
        const double reduced = min_value + e.cost - u[i] - v[j];
        if (reduced < shortest[j]) {
          if (shortest[j] == inf) touched.push_back(j);
          shortest[j] = reduced;
          path[j] = i;
          heap.emplace(reduced, row4col[j] == none ? 0 : 1, j);
        }
      }
      std::size_t j = none;
      while (!heap.empty()) {
        const auto [d, free_rank, col] = heap.top();
        heap.pop();
        (void)free_rank;
        if (in_sc[col] || d != shortest[col]) continue;  // stale entry
        j = col;
        break;
      }
      if (j == none) throw std::logic_error("solve_sparse_assignment: a row cannot reach a free column");
      min_value = shortest[j];
      in_sc[j] = 1;
      sc.push_back(j);
      if (row4col[j] == none) {
        sink = j;
      } else {
        i = row4col[j];
      }
    }
    // Dual update (Crouse 2016, Algorithm 1, lines 28-31).
    u[current] += min_value;
    for (std::size_t r : sr)
      if (r != current) u[r] += min_value - shortest[col4row[r]];
    for (std::size_t c : sc) v[c] -= min_value - shortest[c];
    // Augment along the path.
    std::size_t j = sink;
    while (true) {
      const std::size_t r = path[j];
      row4col[j] = r;
      std::swap(col4row[r], j);
      if (r == current) break;
    }
    for (std::size_t c : touched) shortest[c] = inf, path[c] = none, in_sc[c] = 0;
    touched.clear();
    while (!heap.empty()) heap.pop();
  }
  return col4row;
}

}  // namespace rapport::intervals::detail
