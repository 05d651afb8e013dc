// SPDX-License-Identifier: MIT
// Sparse rectangular linear assignment by shortest augmenting paths: Jonker & Volgenant (1987),
// "A shortest augmenting path algorithm for dense and sparse linear assignment problems",
// Computing 38:325-340, in the form of Crouse (2016), IEEE Trans. Aerospace and Electronic
// Systems 52(4):1679-1696, Algorithm 1, with Dijkstra on a binary heap over the sparse columns.
#pragma once

#include <cstddef>
#include <vector>

namespace rapport::intervals::detail {

struct SparseEdge {
  std::size_t column = 0;
  double cost = 0;
};

/// Assigns every row to one distinct column minimising the total cost; `rows[i]` lists the
/// allowed columns of row i (columns are 0..columns-1). Every row must be able to reach a free
/// column (callers give each row a private zero-cost column). Returns the column of each row.
std::vector<std::size_t> solve_sparse_assignment(const std::vector<std::vector<SparseEdge>>& rows, std::size_t columns);

}  // namespace rapport::intervals::detail
