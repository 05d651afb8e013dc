// SPDX-License-Identifier: MIT
// Gamma (Mathet, Widlöcher & Métivier 2015, Computational Linguistics 41(3):437-479). See
// gamma.hpp for the definitions; equation numbers refer to the paper.
#include "rapport/intervals/gamma.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "assignment.hpp"

namespace rapport::intervals {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

/// A unit in numeric form.
struct Unit {
  double start = 0, end = 0, length = 0;
  int category = 0;
};

struct Problem {
  std::vector<std::vector<Unit>> units;  ///< per annotator, sorted by (start, end)
  std::vector<std::size_t> offset;       ///< global id of an annotator's first unit
  double alpha = 1, beta = 1, delta_empty = 1;
  std::size_t total = 0;

  std::size_t annotators() const { return units.size(); }
  const Unit& unit(std::size_t global) const {
    const auto a =
        static_cast<std::size_t>(std::upper_bound(offset.begin(), offset.end(), global) - offset.begin()) - 1;
    return units[a][global - offset[a]];
  }
  /// Positional-sporadic dissimilarity (Mathet 2015 §4.2.2; pygamma).
  double positional(const Unit& a, const Unit& b) const {
    const double r = (std::abs(a.start - b.start) + std::abs(a.end - b.end)) / (a.length + b.length);
    return r * r * delta_empty;
  }
  double categorical(const Unit& a, const Unit& b) const { return a.category == b.category ? 0.0 : delta_empty; }
  /// Combined dissimilarity d = alpha d_pos + beta d_cat (§4.2.4).
  double d(const Unit& a, const Unit& b) const { return alpha * positional(a, b) + beta * categorical(a, b); }
};

Problem make_problem(const std::vector<RaterIntervals>& raters, const GammaOptions& options,
                     const std::vector<std::string>& categories) {
  Problem p;
  p.alpha = options.alpha, p.beta = options.beta, p.delta_empty = options.delta_empty;
  std::map<std::string, int> cat;
  for (std::size_t i = 0; i < categories.size(); ++i) cat[categories[i]] = static_cast<int>(i);
  for (const auto& r : raters) {
    p.offset.push_back(p.total);
    std::vector<Unit> us;
    for (const auto& i : r.intervals) {
      if (i.length() <= 0) throw std::invalid_argument("gamma: interval of zero length");
      const auto it = cat.find(i.category);
      us.push_back({static_cast<double>(i.start_ms), static_cast<double>(i.end_ms), static_cast<double>(i.length()),
                    it == cat.end() ? -1 : it->second});
    }
    p.total += us.size();
    p.units.push_back(std::move(us));
  }
  return p;
}

/// Pairs (i in a, j in b) with d(i, j) <= bound (strictly below when `strict`). A pair can only
/// qualify if its intervals, each widened by k times its own length with k = (r - 1)/2 and
/// r = sqrt(bound / (alpha delta_empty)), intersect: for disjoint units with gap g,
/// d_pos = (1 + 2g/(l_u + l_v))^2 delta_empty, which is < r^2 delta_empty only if g < k(l_u + l_v).
std::vector<std::vector<std::pair<std::size_t, double>>> candidate_pairs(const Problem& p, std::size_t a, std::size_t b,
                                                                         double bound, bool strict) {
  const auto& ua = p.units[a];
  const auto& ub = p.units[b];
  std::vector<std::vector<std::pair<std::size_t, double>>> out(ua.size());
  const double pos_weight = p.alpha * p.delta_empty;
  const double k = pos_weight > 0 ? std::max(0.0, (std::sqrt(bound / pos_weight) - 1) / 2) : -1;
  auto accept = [&](std::size_t i, std::size_t j) {
    const double dist = p.d(ua[i], ub[j]);
    if (strict ? dist < bound : dist <= bound) out[i].emplace_back(j, dist);
  };
  if (k < 0) {  // no positional weight: every pair may qualify
    for (std::size_t i = 0; i < ua.size(); ++i)
      for (std::size_t j = 0; j < ub.size(); ++j) accept(i, j);
    return out;
  }
  const double slack = 1e-9;
  std::vector<double> lo_b(ub.size()), hi_b(ub.size());
  std::vector<std::size_t> order(ub.size());
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t j = 0; j < ub.size(); ++j)
    lo_b[j] = ub[j].start - k * ub[j].length, hi_b[j] = ub[j].end + k * ub[j].length;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return lo_b[x] < lo_b[y]; });
  std::vector<double> sorted_lo(ub.size()), prefix_hi(ub.size());
  for (std::size_t q = 0; q < order.size(); ++q) {
    sorted_lo[q] = lo_b[order[q]];
    prefix_hi[q] = std::max(hi_b[order[q]], q > 0 ? prefix_hi[q - 1] : hi_b[order[q]]);
  }
  for (std::size_t i = 0; i < ua.size(); ++i) {
    const double lo = ua[i].start - k * ua[i].length - slack * (1 + ua[i].length);
    const double hi = ua[i].end + k * ua[i].length + slack * (1 + ua[i].length);
    auto q = static_cast<std::size_t>(std::lower_bound(prefix_hi.begin(), prefix_hi.end(), lo) - prefix_hi.begin());
    for (; q < order.size() && sorted_lo[q] <= hi; ++q)
      if (hi_b[order[q]] >= lo) accept(i, order[q]);
    std::sort(out[i].begin(), out[i].end());
  }
  return out;
}

struct Tuple {
  std::vector<std::size_t> members;  ///< global unit ids (one per annotator at most)
  double disorder = 0;
};

/// Union-find over global unit ids.
struct Components {
  std::vector<std::size_t> parent;
  explicit Components(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

/// Two annotators: minimise sum_pairs d + delta_empty * unaligned, i.e. an assignment with
/// costs d - 2 delta_empty on the pairs that beat leaving both unaligned (§5.1.1).
std::vector<Tuple> align_two(const Problem& p) {
  const double de = p.delta_empty;
  const auto pairs = candidate_pairs(p, 0, 1, 2 * de, true);
  const std::size_t n1 = p.units[0].size(), n2 = p.units[1].size();
  Components comp(n1 + n2);
  for (std::size_t i = 0; i < n1; ++i)
    for (const auto& [j, dist] : pairs[i]) comp.join(i, n1 + j);
  // Group rows and columns by component; solve each component on its own.
  std::unordered_map<std::size_t, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> groups;
  std::vector<std::size_t> group_order;
  for (std::size_t x = 0; x < n1 + n2; ++x) {
    const std::size_t root = comp.find(x);
    auto [it, inserted] = groups.try_emplace(root);
    if (inserted) group_order.push_back(root);
    (x < n1 ? it->second.first : it->second.second).push_back(x < n1 ? x : x - n1);
  }
  std::vector<std::size_t> match(n1, none);
  std::vector<std::size_t> local_col(n2, none);
  for (std::size_t root : group_order) {
    const auto& [rows, cols] = groups[root];
    if (rows.empty() || cols.empty()) continue;
    for (std::size_t c = 0; c < cols.size(); ++c) local_col[cols[c]] = c;
    std::vector<std::vector<detail::SparseEdge>> edges(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (const auto& [j, dist] : pairs[rows[r]]) edges[r].push_back({local_col[j], dist - 2 * de});
      edges[r].push_back({cols.size() + r, 0.0});  // leave the row unaligned
    }
    const auto assigned = detail::solve_sparse_assignment(edges, cols.size() + rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r)
      if (assigned[r] < cols.size()) match[rows[r]] = cols[assigned[r]];
  }
  std::vector<Tuple> tuples;
  std::vector<char> taken(n2, 0);
  for (std::size_t i = 0; i < n1; ++i) {
    if (match[i] == none) {
      tuples.push_back({{p.offset[0] + i}, de});
    } else {
      taken[match[i]] = 1;
      tuples.push_back({{p.offset[0] + i, p.offset[1] + match[i]}, p.d(p.units[0][i], p.units[1][match[i]])});
    }
  }
  for (std::size_t j = 0; j < n2; ++j)
    if (!taken[j]) tuples.push_back({{p.offset[1] + j}, de});
  return tuples;
}

/// Candidate unitary alignments with at least two units whose disorder is no larger than
/// leaving their units unaligned (Mathet 2015 §5.1.1).
std::vector<Tuple> candidate_tuples(const Problem& p) {
  const std::size_t m = p.annotators();
  const double pairs_count = static_cast<double>(m * (m - 1) / 2);
  const double de = p.delta_empty;
  // Any pair inside a useful tuple has d <= (k-1)C(m,2)de + C(k,2)de <= m C(m,2) de.
  const double pair_bound = static_cast<double>(m) * pairs_count * de;
  std::vector<std::vector<std::vector<std::vector<std::pair<std::size_t, double>>>>> adj(m);
  for (std::size_t a = 0; a < m; ++a) {
    adj[a].resize(m);
    for (std::size_t b = a + 1; b < m; ++b) adj[a][b] = candidate_pairs(p, a, b, pair_bound, false);
  }
  std::vector<Tuple> out;
  std::vector<std::pair<std::size_t, std::size_t>> chosen;  // (annotator, index)
  std::function<void(std::size_t, std::size_t, std::size_t, double)> extend =
      [&](std::size_t first_annotator, std::size_t first_index, std::size_t b, double sum) {
        if (b == m) {
          const std::size_t k = chosen.size();
          if (k < 2) return;
          const double disorder = (sum + (pairs_count - static_cast<double>(k * (k - 1) / 2)) * de) / pairs_count;
          if (disorder <= static_cast<double>(k) * de) {
            Tuple t;
            for (const auto& [a, i] : chosen) t.members.push_back(p.offset[a] + i);
            t.disorder = disorder;
            out.push_back(std::move(t));
          }
          return;
        }
        extend(first_annotator, first_index, b + 1, sum);  // empty unit for annotator b
        for (const auto& [j, d0] : adj[first_annotator][b][first_index]) {
          double s = sum + d0;
          bool ok = s <= pair_bound;
          for (std::size_t c = 1; ok && c < chosen.size(); ++c) {
            const double dist = p.d(p.units[chosen[c].first][chosen[c].second], p.units[b][j]);
            ok = dist <= pair_bound;
            s += dist;
            ok = ok && s <= pair_bound;
          }
          if (!ok) continue;
          chosen.emplace_back(b, j);
          extend(first_annotator, first_index, b + 1, s);
          chosen.pop_back();
        }
      };
  for (std::size_t a = 0; a + 1 < m; ++a)
    for (std::size_t i = 0; i < p.units[a].size(); ++i) {
      chosen.assign(1, {a, i});
      extend(a, i, a + 1, 0.0);
    }
  return out;
}

/// Exact minimum-disorder set partition of one component's units (singletons cost delta_empty).
/// Units are ordered by time; when every tuple spans fewer than 64 positions, dynamic
/// programming over (first uncovered position, covered mask of the next 63); otherwise branch
/// and bound with the lower bound sum over uncovered units of min(cost(T)/|T|).
std::vector<std::size_t> partition_component(const Problem& p, const std::vector<std::size_t>& units,
                                             const std::vector<const Tuple*>& tuples) {
  const std::size_t n = units.size();
  const double de = p.delta_empty;
  std::unordered_map<std::size_t, std::size_t> position;
  for (std::size_t q = 0; q < n; ++q) position[units[q]] = q;
  std::vector<std::vector<std::size_t>> by_first(n);  // tuple indices by their first position
  std::vector<std::vector<std::size_t>> positions(tuples.size());
  std::size_t span = 0;
  for (std::size_t t = 0; t < tuples.size(); ++t) {
    for (std::size_t g : tuples[t]->members) positions[t].push_back(position[g]);
    std::sort(positions[t].begin(), positions[t].end());
    span = std::max(span, positions[t].back() - positions[t].front());
    by_first[positions[t].front()].push_back(t);
  }
  std::vector<std::size_t> chosen;  // tuple indices of the best partition
  if (span < 63) {
    struct Memo {
      double value;
      std::size_t choice;
    };
    std::vector<std::uint64_t> mask_of(tuples.size(), 0);
    for (std::size_t t = 0; t < tuples.size(); ++t)
      for (std::size_t q : positions[t]) mask_of[t] |= std::uint64_t{1} << (q - positions[t].front());
    // Memo keyed by (position, mask): one map per position; recursion visits reachable states only.
    std::vector<std::unordered_map<std::uint64_t, Memo>> table(n);
    std::function<double(std::size_t, std::uint64_t)> best = [&](std::size_t i, std::uint64_t mask) -> double {
      while (i < n && (mask & 1)) ++i, mask >>= 1;
      if (i >= n) return 0.0;
      if (const auto it = table[i].find(mask); it != table[i].end()) return it->second.value;
      double value = de + best(i + 1, mask >> 1);
      std::size_t choice = none;
      for (std::size_t t : by_first[i]) {
        if (mask & mask_of[t]) continue;
        const double v = tuples[t]->disorder + best(i + 1, (mask | mask_of[t]) >> 1);
        if (v < value) value = v, choice = t;
      }
      table[i].emplace(mask, Memo{value, choice});
      return value;
    };
    best(0, 0);
    std::size_t i = 0;
    std::uint64_t mask = 0;
    while (true) {
      while (i < n && (mask & 1)) ++i, mask >>= 1;
      if (i >= n) break;
      const std::size_t t = table[i].at(mask).choice;
      if (t != none) {
        chosen.push_back(t);
        mask |= mask_of[t];
      }
      ++i, mask >>= 1;
    }
    return chosen;
  }
  // Branch and bound.
  std::vector<std::vector<std::size_t>> containing(n);
  for (std::size_t t = 0; t < tuples.size(); ++t)
    for (std::size_t q : positions[t]) containing[q].push_back(t);
  std::vector<double> lower(n, de);
  for (std::size_t q = 0; q < n; ++q) {
    for (std::size_t t : containing[q])
      lower[q] = std::min(lower[q], tuples[t]->disorder / static_cast<double>(positions[t].size()));
    std::sort(containing[q].begin(), containing[q].end(), [&](std::size_t x, std::size_t y) {
      return tuples[x]->disorder / static_cast<double>(positions[x].size()) <
             tuples[y]->disorder / static_cast<double>(positions[y].size());
    });
  }
  std::vector<char> covered(n, 0);
  std::vector<std::size_t> current;
  double best_cost = std::numeric_limits<double>::infinity();
  double remaining_lower = std::accumulate(lower.begin(), lower.end(), 0.0);
  std::function<void(std::size_t, double)> search = [&](std::size_t q, double cost) {
    while (q < n && covered[q]) ++q;
    if (q == n) {
      if (cost < best_cost) best_cost = cost, chosen = current;
      return;
    }
    if (cost + remaining_lower >= best_cost - 1e-12) return;
    for (std::size_t t : containing[q]) {
      bool free = true;
      for (std::size_t x : positions[t]) free = free && !covered[x];
      if (!free) continue;
      double lb = 0;
      for (std::size_t x : positions[t]) covered[x] = 1, lb += lower[x];
      remaining_lower -= lb;
      current.push_back(t);
      search(q + 1, cost + tuples[t]->disorder);
      current.pop_back();
      remaining_lower += lb;
      for (std::size_t x : positions[t]) covered[x] = 0;
    }
    covered[q] = 1;
    remaining_lower -= lower[q];
    search(q + 1, cost + de);
    remaining_lower += lower[q];
    covered[q] = 0;
  };
  search(0, 0.0);
  return chosen;
}

std::vector<Tuple> align_many(const Problem& p) {
  const auto candidates = candidate_tuples(p);
  Components comp(p.total);
  for (const auto& t : candidates)
    for (std::size_t x = 1; x < t.members.size(); ++x) comp.join(t.members[0], t.members[x]);
  std::unordered_map<std::size_t, std::size_t> group_of;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t g = 0; g < p.total; ++g) {
    const auto [it, inserted] = group_of.try_emplace(comp.find(g), groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(g);
  }
  std::vector<std::vector<const Tuple*>> group_tuples(groups.size());
  for (const auto& t : candidates) group_tuples[group_of[comp.find(t.members[0])]].push_back(&t);
  std::vector<Tuple> out;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    auto& units = groups[gi];
    if (group_tuples[gi].empty()) {
      for (std::size_t g : units) out.push_back({{g}, p.delta_empty});
      continue;
    }
    std::sort(units.begin(), units.end(), [&](std::size_t x, std::size_t y) {
      const Unit& ux = p.unit(x);
      const Unit& uy = p.unit(y);
      if (ux.start != uy.start) return ux.start < uy.start;
      if (ux.end != uy.end) return ux.end < uy.end;
      return x < y;
    });
    const auto chosen = partition_component(p, units, group_tuples[gi]);
    std::unordered_map<std::size_t, char> in_tuple;
    for (std::size_t t : chosen) {
      out.push_back(*group_tuples[gi][t]);
      for (std::size_t g : group_tuples[gi][t]->members) in_tuple[g] = 1;
    }
    for (std::size_t g : units)
      if (!in_tuple.count(g)) out.push_back({{g}, p.delta_empty});
  }
  return out;
}

/// Best alignment as tuples of global ids, with the total disorder.
std::vector<Tuple> best_tuples(const Problem& p) {
  if (p.annotators() < 2) return {};
  if (p.annotators() == 2) return align_two(p);
  return align_many(p);
}

GammaAlignment to_alignment(const Problem& p, const std::vector<Tuple>& tuples) {
  GammaAlignment a;
  const std::size_t m = p.annotators();
  a.unitary.reserve(tuples.size());
  for (const auto& t : tuples) {
    UnitaryAlignment ua;
    ua.units.assign(m, std::nullopt);
    for (std::size_t g : t.members) {
      const auto r =
          static_cast<std::size_t>(std::upper_bound(p.offset.begin(), p.offset.end(), g) - p.offset.begin()) - 1;
      ua.units[r] = g - p.offset[r];
    }
    ua.disorder = t.disorder;
    a.total_disorder += t.disorder;
    a.unitary.push_back(std::move(ua));
  }
  auto earliest = [&](const UnitaryAlignment& ua) {
    double s = std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r < m; ++r)
      if (ua.units[r]) s = std::min(s, p.units[r][*ua.units[r]].start);
    return s;
  };
  std::stable_sort(a.unitary.begin(), a.unitary.end(),
                   [&](const UnitaryAlignment& x, const UnitaryAlignment& y) { return earliest(x) < earliest(y); });
  if (p.total > 0) a.disorder = a.total_disorder / (static_cast<double>(p.total) / static_cast<double>(m));
  return a;
}

/// Gamma-k / gamma-cat disorder (pygamma's Alignment.gamma_k_disorder, Mathet 2015 §4.2.5).
double k_disorder(const Problem& p, const GammaAlignment& alignment, int category) {
  double total_disorder = 0, total_weight = 0;
  bool no_category = true, no_pair = true;
  const std::size_t m = p.annotators();
  for (const auto& ua : alignment.unitary) {
    std::size_t real = 0;
    for (const auto& u : ua.units) real += u ? 1 : 0;
    const double base = real < 2 ? 0.0 : 1.0 / static_cast<double>(real - 1);
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = i + 1; j < m; ++j) {
        const Unit* a = ua.units[i] ? &p.units[i][*ua.units[i]] : nullptr;
        const Unit* b = ua.units[j] ? &p.units[j][*ua.units[j]] : nullptr;
        if (category >= 0 && (!a || a->category != category) && (!b || b->category != category)) continue;
        no_category = false;
        if (!a || !b) continue;
        no_pair = false;
        const double confidence = std::max(0.0, 1.0 - p.alpha * p.positional(*a, *b));
        const double weight = base * confidence;
        total_disorder += p.categorical(*a, *b) * weight;
        total_weight += weight;
      }
  }
  if (no_pair) return no_category ? 1.0 : 0.0;
  return total_disorder == 0 ? 0.0 : total_disorder / total_weight;
}

// ---- Deterministic sampling ------------------------------------------------------------------
// std distributions are implementation-defined, so the mapping from std::mt19937_64 output to
// numbers is ours: sample k is seeded with splitmix64(seed + (k+1) * golden); integers in [0,n)
// by rejection of the top partial range; doubles in [0,1) from the top 53 bits; normals by
// Box-Muller's cosine branch on two doubles.

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

struct Random {
  std::mt19937_64 engine;
  explicit Random(std::uint64_t seed) : engine(seed) {}
  std::uint64_t below(std::uint64_t n) {
    if (n <= 1) return 0;
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t x;
    do x = engine();
    while (x >= limit);
    return x % n;
  }
  double unit() { return static_cast<double>(engine() >> 11) * 0x1.0p-53; }
  double normal(double mean, double sd) {
    const double u1 = unit(), u2 = unit();
    return mean + sd * std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2.0 * M_PI * u2);
  }
};

double mean_of(const std::vector<double>& v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}
double sd_of(const std::vector<double>& v) {  // population SD, as numpy's np.std
  if (v.empty()) return 0.0;
  const double mu = mean_of(v);
  double s = 0;
  for (double x : v) s += (x - mu) * (x - mu);
  return std::sqrt(s / static_cast<double>(v.size()));
}

}  // namespace

double gamma_dissimilarity(const Interval& u, const Interval& v, const GammaOptions& options) {
  Problem p;
  p.alpha = options.alpha, p.beta = options.beta, p.delta_empty = options.delta_empty;
  const Unit a{static_cast<double>(u.start_ms), static_cast<double>(u.end_ms), static_cast<double>(u.length()), 0};
  const Unit b{static_cast<double>(v.start_ms), static_cast<double>(v.end_ms), static_cast<double>(v.length()),
               u.category == v.category ? 0 : 1};
  return p.d(a, b);
}

GammaAlignment gamma_best_alignment(const std::vector<RaterIntervals>& raters, const GammaOptions& options) {
  auto categories = categories_of(raters);
  const Problem p = make_problem(raters, options, categories);
  return to_alignment(p, best_tuples(p));
}

double gamma_k_disorder(const std::vector<RaterIntervals>& raters, const GammaAlignment& alignment,
                        const GammaOptions& options, const std::optional<std::string>& category) {
  auto categories = categories_of(raters);
  const Problem p = make_problem(raters, options, categories);
  int k = -1;
  if (category) {
    const auto it = std::find(categories.begin(), categories.end(), *category);
    k = it == categories.end() ? static_cast<int>(categories.size()) : static_cast<int>(it - categories.begin());
  }
  return k_disorder(p, alignment, k);
}

std::vector<RaterIntervals> gamma_sample_continuum(const std::vector<RaterIntervals>& raters,
                                                   const Continuum& continuum, const GammaOptions& options,
                                                   std::size_t sample_index) {
  Random rng(splitmix64(options.seed + (sample_index + 1) * 0x9E3779B97F4A7C15ull));
  const std::size_t m = raters.size();
  std::vector<RaterIntervals> out(m);
  for (std::size_t r = 0; r < m; ++r) out[r].rater = "sample " + std::to_string(r + 1);
  const Millis B = continuum.start_ms, E = continuum.end_ms, L = std::max<Millis>(1, continuum.length());
  if (options.sampler == GammaSampler::shuffle) {
    // Mathet 2015 §5.2 (pygamma ShuffleContinuumSampler): each sampled annotator copies a
    // randomly chosen real annotator, rotated by a pivot; pivots keep at least half the mean
    // unit length apart while room is left; a unit pushed past the end wraps to the start.
    double mean_length = 0;
    const std::size_t n = interval_count(raters);
    for (const auto& rr : raters)
      for (const auto& i : rr.intervals) mean_length += static_cast<double>(i.length());
    if (n > 0) mean_length /= static_cast<double>(n);
    const auto half = static_cast<Millis>(mean_length / 2);
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::vector<std::pair<Millis, Millis>> free{{B, E}};
      std::size_t units = 0;
      for (std::size_t r = 0; r < m; ++r) {
        Millis pivot;
        Millis room = 0;
        for (const auto& [a, b] : free) room += b - a;
        if (room > 0) {
          Millis x = static_cast<Millis>(rng.below(static_cast<std::uint64_t>(room)));
          pivot = B;
          for (const auto& [a, b] : free) {
            if (x < b - a) {
              pivot = a + x;
              break;
            }
            x -= b - a;
          }
          std::vector<std::pair<Millis, Millis>> next;
          for (const auto& [a, b] : free) {
            if (a < pivot - half) next.emplace_back(a, std::min(b, pivot - half));
            if (b > pivot + half) next.emplace_back(std::max(a, pivot + half), b);
          }
          free = std::move(next);
        } else {
          pivot = B + static_cast<Millis>(rng.below(static_cast<std::uint64_t>(L)));
        }
        const auto& source = raters[rng.below(m)];
        out[r].intervals.clear();
        out[r].intervals.reserve(source.intervals.size());  // one block, not a doubling series
        const Millis shift = pivot - B;
        for (const auto& i : source.intervals) {
          Interval j = i;
          Millis s = i.start_ms + shift;
          if (s > E) s -= L;
          j.start_ms = s;
          j.end_ms = s + i.length();
          out[r].intervals.push_back(std::move(j));
        }
        units += out[r].intervals.size();
      }
      if (units > 0) break;
    }
  } else {
    // pygamma's StatisticalContinuumSampler: per annotator, a count, then gap and length pairs
    // from normal laws fitted (mean, population SD) to the data; categories by frequency.
    std::vector<double> gaps{0.0}, lengths, counts;
    std::vector<std::string> cats;
    for (const auto& rr : raters) {
      counts.push_back(static_cast<double>(rr.intervals.size()));
      for (std::size_t k = 0; k < rr.intervals.size(); ++k) {
        lengths.push_back(static_cast<double>(rr.intervals[k].length()));
        cats.push_back(rr.intervals[k].category);
        if (k > 0) gaps.push_back(static_cast<double>(rr.intervals[k].start_ms - rr.intervals[k - 1].end_ms));
      }
      if (!rr.intervals.empty() && rr.intervals.front().start_ms > B)
        gaps.push_back(static_cast<double>(rr.intervals.front().start_ms - B));
    }
    const double mg = mean_of(gaps), sg = sd_of(gaps), ml = mean_of(lengths), sl = sd_of(lengths), mc = mean_of(counts),
                 scount = sd_of(counts);
    std::size_t units = 0;
    for (std::size_t r = 0; r < m; ++r) {
      auto count = static_cast<std::size_t>(std::abs(std::trunc(rng.normal(mc, scount))));
      if (units == 0 && !cats.empty()) count = std::max<std::size_t>(1, count);
      double last = static_cast<double>(B);
      for (std::size_t k = 0; k < count && !cats.empty(); ++k) {
        const double gap = rng.normal(mg, sg);
        double length = 0;
        for (int tries = 0; tries < 1000 && std::llround(length) <= 0; ++tries) length = std::abs(rng.normal(ml, sl));
        const Millis len = std::max<Millis>(1, std::llround(length));
        Interval j;
        j.category = cats[rng.below(cats.size())];
        j.start_ms = std::llround(last + gap);
        j.end_ms = j.start_ms + len;
        last = static_cast<double>(j.end_ms);
        out[r].intervals.push_back(std::move(j));
      }
      units += out[r].intervals.size();
    }
  }
  sort_intervals(out);
  return out;
}

GammaResult gamma_agreement(const std::vector<RaterIntervals>& raters, const Continuum& continuum,
                            const GammaOptions& options) {
  GammaResult result;
  result.annotators = raters.size();
  result.units = interval_count(raters);
  auto categories = categories_of(raters);
  std::sort(categories.begin(), categories.end());
  auto fail = [&](const std::string& why) {
    result.gamma.reason = result.gamma_cat.reason = why;
    for (const auto& c : categories) result.gamma_k.push_back({c, GammaValue{std::nullopt, 0, 0, why}});
    return result;
  };
  if (raters.size() < 2) return fail("needs at least two raters");
  if (result.units == 0) return fail("no coded intervals");
  for (const auto& r : raters)
    for (const auto& i : r.intervals)
      if (i.length() <= 0) return fail("an interval of " + r.rater + " has zero length");

  const Problem observed_problem = make_problem(raters, options, categories);
  result.alignment = to_alignment(observed_problem, best_tuples(observed_problem));
  const double observed = result.alignment.disorder;
  const std::size_t kcount = categories.size();
  std::vector<double> observed_k(kcount);
  for (std::size_t k = 0; k < kcount; ++k)
    observed_k[k] = k_disorder(observed_problem, result.alignment, static_cast<int>(k));
  const double observed_cat = k_disorder(observed_problem, result.alignment, -1);

  // Expected disorder: samples in parallel, each from its own seeded engine, stored by index so
  // the result is the same for any number of threads.
  const std::size_t samples = options.samples;
  std::vector<double> sample_disorder(samples), sample_cat(samples);
  std::vector<std::vector<double>> sample_k(samples, std::vector<double>(kcount));
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    try {
      for (std::size_t s = next++; s < samples; s = next++) {
        const auto sample = gamma_sample_continuum(raters, continuum, options, s);
        const Problem p = make_problem(sample, options, categories);
        const auto a = to_alignment(p, best_tuples(p));
        sample_disorder[s] = a.disorder;
        sample_cat[s] = k_disorder(p, a, -1);
        for (std::size_t k = 0; k < kcount; ++k) sample_k[s][k] = k_disorder(p, a, static_cast<int>(k));
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };
  unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, samples)));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
  }
  if (error) std::rethrow_exception(error);
  result.sample_disorders = sample_disorder;

  auto value = [&](double obs, const std::vector<double>& exp_samples) {
    GammaValue v;
    v.observed = obs;
    v.expected = mean_of(exp_samples);
    if (samples == 0) {
      v.reason = "no samples for the expected disorder (--gamma-samples 0)";
    } else if (obs == 0) {
      v.value = 1.0;  // pygamma: no observed disorder is perfect agreement
    } else if (v.expected == 0) {
      v.reason = "the sampled continua have no disorder";
    } else {
      v.value = 1.0 - obs / v.expected;
    }
    return v;
  };
  result.gamma = value(observed, sample_disorder);
  result.gamma_cat = value(observed_cat, sample_cat);
  for (std::size_t k = 0; k < kcount; ++k) {
    std::vector<double> column(samples);
    for (std::size_t s = 0; s < samples; ++s) column[s] = sample_k[s][k];
    result.gamma_k.push_back({categories[k], value(observed_k[k], column)});
  }
  return result;
}

}  // namespace rapport::intervals
