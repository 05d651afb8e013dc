// SPDX-License-Identifier: MIT
// Agreement-statistics benchmarks of issue 3 (reported in ms, never asserted): Krippendorff's
// alpha, Fleiss' kappa and AC1 on 100,000 and 1,000,000 units x 3 raters with 10% missing
// ratings; the six ICCs on 100,000 x 3; `rapport agree --ratings` end to end on a 100,000-row
// CSV. BM_alpha_nominal_reference is a deliberately plain single pass over a units x raters
// array (the "straightforward C++ pass" of the issue) to compare against on the same machine.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "cli.hpp"
#include "rapport/stats/icc.hpp"
#include "rapport/stats/krippendorff_alpha.hpp"
#include "rapport/stats/multi_rater.hpp"
#include "rapport/stats/ratings_csv.hpp"

namespace {

using rapport::stats::Level;
using rapport::stats::RatingTable;

/// n units x 3 raters, values 1-5 around a true score, 10% of cells missing (fixed seed).
std::vector<std::vector<std::optional<double>>> make_rows(std::size_t n, bool missing) {
  std::mt19937_64 engine(20240501);
  std::vector<std::vector<std::optional<double>>> rows(n);
  for (auto& row : rows) {
    const int truth = static_cast<int>(engine() % 5) + 1;
    for (int r = 0; r < 3; ++r) {
      if (missing && engine() % 10 == 0) {
        row.emplace_back(std::nullopt);
        continue;
      }
      const int noise = engine() % 4 == 0 ? static_cast<int>(engine() % 3) - 1 : 0;
      row.emplace_back(std::clamp(truth + noise, 1, 5));
    }
  }
  return rows;
}

const RatingTable& table(std::size_t n, bool missing = true) {
  static std::map<std::pair<std::size_t, bool>, RatingTable> cache;
  auto it = cache.find({n, missing});
  if (it == cache.end())
    it = cache.emplace(std::pair{n, missing}, rapport::stats::make_numeric_table(make_rows(n, missing))).first;
  return it->second;
}

void BM_alpha_nominal_reference(benchmark::State& state) {
  // Plain pass: per unit count values, accumulate disagreeing pairs / (m_u - 1) and marginals.
  const auto& t = table(static_cast<std::size_t>(state.range(0)));
  const std::size_t q = t.category_count();
  for (auto _ : state) {
    std::vector<double> nc(q, 0.0);
    double dis = 0.0;
    for (std::size_t u = 0; u < t.unit_count(); ++u) {
      int m = 0;
      int counts[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      for (std::size_t r = 0; r < 3; ++r) {
        const auto c = t.at(u, r);
        if (c < 0) continue;
        ++counts[c];
        ++m;
      }
      if (m < 2) continue;
      double same = 0;
      for (std::size_t k = 0; k < q; ++k) {
        same += counts[k] * (counts[k] - 1.0);
        nc[k] += counts[k];
      }
      dis += (m * (m - 1.0) - same) / (m - 1.0);
    }
    double n = 0, sq = 0;
    for (double v : nc) n += v, sq += v * v;
    benchmark::DoNotOptimize(1.0 - (n - 1.0) * dis / (n * n - sq));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_alpha(benchmark::State& state, Level metric) {
  const auto& t = table(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(rapport::stats::krippendorff_alpha(t, metric));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_alpha_bootstrap_1000(benchmark::State& state) {
  const auto& t = table(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(rapport::stats::krippendorff_alpha(t, Level::nominal, {1000, 1}));
}

void BM_fleiss(benchmark::State& state) {
  const auto& t = table(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(rapport::stats::fleiss_kappa(t, rapport::stats::Weighting::identity));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_gwet_ac1(benchmark::State& state) {
  const auto& t = table(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(rapport::stats::gwet_ac(t, rapport::stats::Weighting::identity));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_icc_all_six(benchmark::State& state) {
  const auto& t = table(static_cast<std::size_t>(state.range(0)), false);
  for (auto _ : state) benchmark::DoNotOptimize(rapport::stats::intraclass_correlations(t));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

/// A 100,000-row CSV (33,334 units x 3 raters, 10% empty values) in the temp directory.
const std::filesystem::path& csv_100k() {
  static const std::filesystem::path path = [] {
    auto p = std::filesystem::temp_directory_path() / "rapport_bench_ratings_100k.csv";
    std::ofstream out(p);
    out << "unit,rater,value\n";
    const auto rows = make_rows(33334, true);
    std::size_t written = 0;
    for (std::size_t u = 0; u < rows.size() && written < 100000; ++u)
      for (std::size_t r = 0; r < 3 && written < 100000; ++r, ++written) {
        out << "session" << u / 12 << "_seg" << u % 12 << ",coder" << r + 1 << ',';
        if (rows[u][r]) out << *rows[u][r];
        out << '\n';
      }
    return p;
  }();
  return path;
}

void BM_csv_read_100k_rows(benchmark::State& state) {
  const auto& p = csv_100k();
  for (auto _ : state) benchmark::DoNotOptimize(rapport::stats::read_ratings_csv(p, Level::interval));
}

void BM_agree_cli_100k_rows(benchmark::State& state) {
  // End to end, default options (every interval-level measure, 1000 bootstrap draws per alpha).
  const std::vector<std::string> args{"agree",    "--ratings", csv_100k().string(), "--level", "interval",
                                      "--format", "json"};
  for (auto _ : state) {
    std::ostringstream out, err;
    benchmark::DoNotOptimize(rapport::cli::run(args, out, err));
  }
}

}  // namespace

BENCHMARK(BM_alpha_nominal_reference)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_alpha, nominal, Level::nominal)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_alpha, ordinal, Level::ordinal)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_alpha, interval, Level::interval)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_alpha_bootstrap_1000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_fleiss)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gwet_ac1)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_icc_all_six)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_csv_read_100k_rows)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_agree_cli_100k_rows)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
