// SPDX-License-Identifier: MIT
// ELAN's MOD_KAPPA, re-implemented from the description in ../shared/domain/elan.md §2.4 (no ELAN
// code is copied). Holle & Rein (2015), EasyDIAg, Behavior Research Methods 47:837-847.
#include "rapport/intervals/elan_kappa.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace rapport::intervals {
namespace {

/// A number that is NaN or infinite becomes nullopt (ELAN prints "NaN").
std::optional<double> finite(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

struct Candidate {
  std::size_t first, second, position;
  double share;
  Millis overlap;
};

/// Java String order of a value set.
std::vector<std::string> sorted_values(std::vector<std::string> values) {
  std::sort(values.begin(), values.end(),
            [](const std::string& a, const std::string& b) { return java_string_less(a, b); });
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

std::size_t index_of(const std::vector<std::string>& values, const std::string& v) {
  const auto it = std::lower_bound(values.begin(), values.end(), v,
                                   [](const std::string& a, const std::string& b) { return java_string_less(a, b); });
  return static_cast<std::size_t>(it - values.begin());
}

ElanMatrix empty_matrix(std::vector<std::string> values) {
  ElanMatrix m;
  m.values = std::move(values);
  const std::size_t k = m.values.size() + 1;
  m.counts.assign(k, std::vector<long long>(k, 0));
  return m;
}

/// Adds `from` into `into` by value (ELAN's mergeGlobalAgreementTables).
void merge_into(ElanMatrix& into, const ElanMatrix& from) {
  const std::size_t k = from.values.size();
  std::vector<std::size_t> map(k + 1);
  for (std::size_t i = 0; i < k; ++i) map[i] = index_of(into.values, from.values[i]);
  map[k] = into.values.size();
  for (std::size_t i = 0; i <= k; ++i)
    for (std::size_t j = 0; j <= k; ++j) into.counts[map[i]][map[j]] += from.counts[i][j];
}

/// Iterative proportional fitting as ELAN does it (IPFUtil): zero seed cells and zero marginals
/// are replaced by 0.001; each iteration scales rows, then columns.
std::vector<std::vector<double>> fit_ipf(const std::vector<long long>& rows, const std::vector<long long>& cols,
                                         std::vector<std::vector<double>> seed, int iterations) {
  constexpr double zero_replace = 0.001;
  const std::size_t k = rows.size();
  for (auto& row : seed)
    for (double& cell : row)
      if (cell == 0) cell = zero_replace;
  std::vector<double> rm(k), cm(k);
  for (std::size_t i = 0; i < k; ++i) {
    rm[i] = rows[i] != 0 ? static_cast<double>(rows[i]) : zero_replace;
    cm[i] = cols[i] != 0 ? static_cast<double>(cols[i]) : zero_replace;
  }
  for (int it = 0; it < iterations; ++it) {
    for (std::size_t i = 0; i < k; ++i) {
      double total = 0;
      for (std::size_t j = 0; j < k; ++j) total += seed[i][j];
      for (std::size_t j = 0; j < k; ++j) seed[i][j] = (seed[i][j] / total) * rm[i];
    }
    for (std::size_t j = 0; j < k; ++j) {
      double total = 0;
      for (std::size_t i = 0; i < k; ++i) total += seed[i][j];
      for (std::size_t i = 0; i < k; ++i) seed[i][j] = (seed[i][j] / total) * cm[j];
    }
  }
  return seed;
}

/// Chance agreement sum_k (row_k/N)(col_k/N); NaN when N = 0 (ELAN's calcChanceAgreement).
double chance(const std::vector<long long>& rows, const std::vector<long long>& cols, long long n) {
  if (n == 0) return std::nan("");
  const double total = static_cast<double>(n);
  double sum = 0;
  for (std::size_t i = 0; i < rows.size(); ++i)
    sum += (static_cast<double>(rows[i]) / total) * (static_cast<double>(cols[i]) / total);
  return sum;
}

/// sum_k min(row_k, col_k) / N (ELAN's calcPMax).
double p_max(const std::vector<long long>& rows, const std::vector<long long>& cols, long long n) {
  if (n == 0) return std::nan("");
  long long sum = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) sum += std::min(rows[i], cols[i]);
  return static_cast<double>(sum) / static_cast<double>(n);
}

/// ELAN's CKappa on a 2x2 table [[a, c], [b, d]] (rater 1 in rows).
ElanValueAgreement two_by_two(std::string value, long long a, long long b, long long c, long long d) {
  ElanValueAgreement v;
  v.value = std::move(value);
  v.a = a, v.b = b, v.c = c, v.d = d;
  const double n = static_cast<double>(a + b + c + d);
  if (n == 0) return v;
  const double da = static_cast<double>(a), db = static_cast<double>(b), dc = static_cast<double>(c),
               dd = static_cast<double>(d);
  const double raw = (da + dd) / n;
  const double pe = ((da + dc) / n) * ((da + db) / n) + ((db + dd) / n) * ((dc + dd) / n);
  v.raw_agreement = raw;
  if (pe == 1) return v;
  v.kappa = finite((raw - pe) / (1 - pe));
  const double po_max = static_cast<double>(std::min(a + c, a + b) + std::min(c + d, b + d)) / n;
  v.kappa_max = finite((po_max - pe) / (1 - pe));
  return v;
}

}  // namespace

long long ElanMatrix::total() const noexcept {
  long long t = 0;
  for (const auto& row : counts)
    for (long long c : row) t += c;
  return t;
}

std::string elan_unmatched_label(const std::vector<std::string>& values) {
  return std::find(values.begin(), values.end(), "Unmatched") != values.end() ? "(unmatched)" : "Unmatched";
}

std::vector<ElanLink> elan_link(const std::vector<Interval>& first, const std::vector<Interval>& second,
                                double min_overlap, bool* double_link_avoided) {
  // 1. Every overlapping pair (strict: touching is no overlap) whose overlap is at least
  //    min_overlap of the longer annotation, collected tier-1-major as ELAN does.
  std::vector<Millis> max_end(second.size());
  for (std::size_t j = 0; j < second.size(); ++j)
    max_end[j] = std::max(second[j].end_ms, j > 0 ? max_end[j - 1] : second[j].end_ms);
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < first.size(); ++i) {
    const Millis b1 = first[i].start_ms, e1 = first[i].end_ms;
    const auto lo = static_cast<std::size_t>(std::upper_bound(max_end.begin(), max_end.end(), b1) - max_end.begin());
    for (std::size_t j = lo; j < second.size() && second[j].start_ms < e1; ++j) {
      const Millis b2 = second[j].start_ms, e2 = second[j].end_ms;
      if (!(b1 < e2 && e1 > b2)) continue;
      const Millis overlap = std::min(e1, e2) - std::max(b1, b2);
      const double share = static_cast<double>(overlap) / static_cast<double>(std::max(e1 - b1, e2 - b2));
      if (share >= min_overlap) candidates.push_back({i, j, candidates.size(), share, overlap});
    }
  }
  // 2. Greedy from the largest share, then the largest raw overlap; exact ties go to the pair
  //    collected last (ELAN consumes a stable ascending sort from its end).
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.share != b.share) return a.share > b.share;
    if (a.overlap != b.overlap) return a.overlap > b.overlap;
    return a.position > b.position;
  });
  std::vector<char> used1(first.size(), 0), used2(second.size(), 0);
  std::vector<ElanLink> links;
  for (const auto& c : candidates) {
    if (used1[c.first] || used2[c.second]) {
      // ELAN accepts a 100% pair even then, linking one annotation twice; we do not.
      if (c.share == 1.0 && double_link_avoided) *double_link_avoided = true;
      continue;
    }
    used1[c.first] = used2[c.second] = 1;
    links.push_back({c.first, c.second, c.share, c.overlap});
  }
  return links;
}

ElanSummary elan_summarise(ElanMatrix matrix) {
  ElanSummary s;
  const std::size_t k = matrix.values.size() + 1;  // last = Unmatched
  const auto& m = matrix.counts;
  s.annotations = matrix.total();
  if (matrix.values.empty()) {
    s.matrix = std::move(matrix);
    return s;
  }
  // Excluding unmatched: the sub-matrix without the last row and column (plain Cohen).
  {
    std::vector<long long> rows(k - 1, 0), cols(k - 1, 0);
    long long n = 0, diagonal = 0;
    for (std::size_t i = 0; i + 1 < k; ++i)
      for (std::size_t j = 0; j + 1 < k; ++j) {
        rows[i] += m[i][j];
        cols[j] += m[i][j];
        n += m[i][j];
        if (i == j) diagonal += m[i][j];
      }
    s.linked_annotations = n;
    if (n != 0) s.raw_agreement_excluding_unmatched = static_cast<double>(diagonal) / static_cast<double>(n);
    const double pe = chance(rows, cols, n);
    if (n != 0 && pe != 1 && std::isfinite(pe)) {
      s.kappa_excluding_unmatched = finite((*s.raw_agreement_excluding_unmatched - pe) / (1 - pe));
      s.kappa_max_excluding_unmatched = finite((p_max(rows, cols, n) - pe) / (1 - pe));
    }
  }
  // Including unmatched.
  std::vector<long long> rows(k, 0), cols(k, 0);
  long long diagonal = 0;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      rows[i] += m[i][j];
      cols[j] += m[i][j];
      if (i == j) diagonal += m[i][j];
    }
  const long long n = s.annotations;
  if (n != 0) {
    const double raw = static_cast<double>(diagonal) / static_cast<double>(n);
    s.raw_agreement = raw;
    const double pe = chance(rows, cols, n);
    if (pe != 1) {
      s.kappa_plain = finite((raw - pe) / (1 - pe));
      s.kappa_max = finite((p_max(rows, cols, n) - pe) / (1 - pe));
    }
    // kappa_ipf: seed of ones with the (Unmatched, Unmatched) cell empty, 20 iterations; the
    // chance term is the fitted diagonal without that cell over N (Holle & Rein's ckappa.m).
    std::vector<std::vector<double>> seed(k, std::vector<double>(k, 1.0));
    seed[k - 1][k - 1] = 0;
    const auto fitted = fit_ipf(rows, cols, std::move(seed), 20);
    double fitted_diagonal = 0;
    for (std::size_t i = 0; i + 1 < k; ++i) fitted_diagonal += fitted[i][i];
    const double pe_ipf = fitted_diagonal / static_cast<double>(n);
    s.chance_agreement_ipf = finite(pe_ipf);
    if (pe_ipf != 1) s.kappa_ipf = finite((raw - pe_ipf) / (1 - pe_ipf));
  }
  // Per-value 2x2 tables from the (doubled) matrix, unmatched annotations included.
  for (std::size_t i = 0; i + 1 < k; ++i) {
    const long long a = m[i][i];
    long long b = 0, c = 0;
    for (std::size_t j = 0; j < k; ++j)
      if (j != i) b += m[i][j], c += m[j][i];
    s.per_value.push_back(two_by_two(matrix.values[i], a, b, c, n - a - b - c));
  }
  s.matrix = std::move(matrix);
  return s;
}

namespace {

/// One pair's links, unmatched annotations and (doubled) matrix: the part of MOD_KAPPA that is
/// the same whether pairs are kept (elan_modified_kappa) or pooled as they come (ElanPool).
/// Returns nullopt for a pair ELAN skips (both tiers empty), after noting it.
std::optional<ElanMatrix> link_pair(const ElanTierPair& pair, const ElanOptions& options, ElanPairResult& pr,
                                    bool& double_link, std::vector<std::string>& notes) {
  if (pair.first.empty() && pair.second.empty()) {
    pr.skipped = true;
    notes.push_back("ELAN skips the pair " + pair.first_label + " / " + pair.second_label + ": both tiers are empty.");
    return std::nullopt;
  }
  pr.links = elan_link(pair.first, pair.second, options.min_overlap, &double_link);
  std::vector<std::string> values;
  for (const auto& i : pair.first) values.push_back(i.category);
  for (const auto& i : pair.second) values.push_back(i.category);
  ElanMatrix matrix = empty_matrix(sorted_values(std::move(values)));
  const std::size_t u = matrix.values.size();
  std::vector<char> linked1(pair.first.size(), 0), linked2(pair.second.size(), 0);
  for (const auto& l : pr.links) {
    linked1[l.first] = linked2[l.second] = 1;
    ++matrix.counts[index_of(matrix.values, pair.first[l.first].category)]
                   [index_of(matrix.values, pair.second[l.second].category)];
  }
  for (std::size_t i = 0; i < pair.first.size(); ++i)
    if (!linked1[i]) {
      pr.unmatched_first.push_back(i);
      ++matrix.counts[index_of(matrix.values, pair.first[i].category)][u];
    }
  for (std::size_t j = 0; j < pair.second.size(); ++j)
    if (!linked2[j]) {
      pr.unmatched_second.push_back(j);
      ++matrix.counts[u][index_of(matrix.values, pair.second[j].category)];
    }
  // Linked cells count twice, so that the total equals the number of annotations (ELAN's
  // doubleMatchedValues, "follows example of Holle & Rein and GSEQ-DP").
  for (std::size_t i = 0; i < u; ++i)
    for (std::size_t j = 0; j < u; ++j) matrix.counts[i][j] *= 2;
  return matrix;
}

/// The notes that follow the pairs' own, from the pooled result.
void closing_notes(bool double_link, const ElanMatrix& global, std::vector<std::string>& notes) {
  if (double_link)
    notes.push_back(
        "Several annotation pairs overlap 100% on the same annotation (duplicate annotations on a tier); ELAN would "
        "link that annotation twice, Rapport links it once.");
  if (std::find(global.values.begin(), global.values.end(), "Unmatched") != global.values.end())
    notes.push_back(
        "A real value is called \"Unmatched\"; ELAN would merge it with its Unmatched category. Rapport keeps them "
        "apart and labels the category \"(unmatched)\".");
}

}  // namespace

ElanKappaResult elan_modified_kappa(const std::vector<ElanTierPair>& pairs, const ElanOptions& options) {
  ElanKappaResult result;
  bool double_link = false;
  std::vector<std::string> all_values;
  std::map<std::string, std::vector<std::string>> group_values;
  std::vector<std::string> group_order;
  for (const auto& pair : pairs) {
    ElanPairResult pr;
    std::optional<ElanMatrix> matrix = link_pair(pair, options, pr, double_link, result.notes);
    if (!matrix) {
      pr.summary = elan_summarise(empty_matrix({}));
      result.pairs.push_back(std::move(pr));
      continue;
    }
    all_values.insert(all_values.end(), matrix->values.begin(), matrix->values.end());
    if (!group_values.count(pair.group)) group_order.push_back(pair.group);
    auto& gv = group_values[pair.group];
    gv.insert(gv.end(), matrix->values.begin(), matrix->values.end());
    pr.summary = elan_summarise(std::move(*matrix));
    result.pairs.push_back(std::move(pr));
  }
  ElanMatrix global = empty_matrix(sorted_values(all_values));
  for (const auto& pr : result.pairs)
    if (!pr.skipped) merge_into(global, pr.summary.matrix);
  result.global = elan_summarise(std::move(global));
  for (const auto& g : group_order) {
    ElanMatrix gm = empty_matrix(sorted_values(group_values[g]));
    for (std::size_t p = 0; p < pairs.size(); ++p)
      if (!result.pairs[p].skipped && pairs[p].group == g) merge_into(gm, result.pairs[p].summary.matrix);
    result.groups.push_back({g, elan_summarise(std::move(gm))});
  }
  closing_notes(double_link, result.global.matrix, result.notes);
  return result;
}

ElanPool::ElanPool(ElanOptions options) : m_options(options), m_pooled(empty_matrix({})) {}

ElanPairResult ElanPool::add(const ElanTierPair& pair) {
  ElanPairResult pr;
  const std::optional<ElanMatrix> matrix = link_pair(pair, m_options, pr, m_double_link, m_notes);
  if (!matrix) return pr;
  // The pooled values are the union of the pairs' values, in Java order, as
  // elan_modified_kappa's global matrix; a pair bringing a new value widens the pool first.
  std::vector<std::string> values = m_pooled.values;
  values.insert(values.end(), matrix->values.begin(), matrix->values.end());
  values = sorted_values(std::move(values));
  if (values.size() != m_pooled.values.size()) {
    ElanMatrix wider = empty_matrix(std::move(values));
    merge_into(wider, m_pooled);
    m_pooled = std::move(wider);
  }
  merge_into(m_pooled, *matrix);
  return pr;
}

ElanKappaResult ElanPool::finish() {
  ElanKappaResult result;
  result.notes = std::move(m_notes);
  result.global = elan_summarise(std::move(m_pooled));
  m_pooled = empty_matrix({});
  m_notes.clear();
  closing_notes(m_double_link, result.global.matrix, result.notes);
  return result;
}

}  // namespace rapport::intervals
