// SPDX-License-Identifier: MIT
// Time-aligned agreement benchmarks (issue 5): exact gamma with 2 coders x 2000 units and
// 3 coders x 300 units (30 samples for the expected disorder), ELAN's modified kappa on a
// 50-minute session with 5000 annotations. Data: a seeded reference coding that each coder
// copies with boundary jitter (+-400 ms), 8% missed, 8% extra and 8% relabelled units.
#include <benchmark/benchmark.h>

#include <random>

#include "rapport/intervals/elan_kappa.hpp"
#include "rapport/intervals/gamma.hpp"

using namespace rapport::intervals;

namespace {

const char* const codes[] = {"withdrawal", "confrontation", "denial", "shift", "deferential"};

std::vector<RaterIntervals> coders(std::size_t m, std::size_t units, Millis mean_len, Millis mean_gap,
                                   std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&](Millis n) { return static_cast<Millis>(rng() % static_cast<std::uint64_t>(n)); };
  std::vector<Interval> ref;
  Millis t = 0;
  for (std::size_t k = 0; k < units; ++k) {
    t += mean_gap / 2 + uniform(mean_gap);
    const Millis len = mean_len / 2 + uniform(mean_len);
    ref.push_back({t, t + len, codes[rng() % 5], ""});
    t += len;
  }
  std::vector<RaterIntervals> out(m);
  for (std::size_t r = 0; r < m; ++r) {
    out[r].rater = "coder" + std::to_string(r);
    for (const auto& u : ref) {
      const auto roll = rng() % 100;
      if (roll < 8) continue;  // missed
      Interval v = u;
      v.start_ms += uniform(801) - 400;
      v.end_ms = std::max(v.start_ms + 200, v.end_ms + uniform(801) - 400);
      if (roll < 16) v.category = codes[rng() % 5];  // relabelled
      out[r].intervals.push_back(v);
      if (roll >= 92) {  // extra unit after it
        const Millis s = v.end_ms + 100 + uniform(mean_gap / 2 + 1);
        out[r].intervals.push_back({s, s + mean_len / 2, codes[rng() % 5], ""});
      }
    }
  }
  sort_intervals(out);
  return out;
}

void gamma_bench(benchmark::State& state, std::size_t m, std::size_t units, std::size_t samples) {
  const auto raters = coders(m, units, 4000, 6000, 42);
  const auto continuum = covering_continuum(raters).value();
  GammaOptions o;
  o.samples = samples;
  double gamma = 0, observed = 0;
  for (auto _ : state) {
    const auto g = gamma_agreement(raters, continuum, o);
    gamma = g.gamma.value.value_or(0);
    observed = g.gamma.observed;
    benchmark::DoNotOptimize(g);
  }
  state.counters["units"] = static_cast<double>(interval_count(raters));
  state.counters["gamma"] = gamma;
  state.counters["observed_disorder"] = observed;
}

void BM_Gamma_2x2000_30samples(benchmark::State& state) { gamma_bench(state, 2, 2000, 30); }
void BM_Gamma_3x300_30samples(benchmark::State& state) { gamma_bench(state, 3, 300, 30); }
void BM_GammaAlignmentOnly_2x2000(benchmark::State& state) { gamma_bench(state, 2, 2000, 0); }
void BM_GammaAlignmentOnly_3x300(benchmark::State& state) { gamma_bench(state, 3, 300, 0); }

void BM_ElanKappa_5000_annotations(benchmark::State& state) {
  // 50 minutes = 3,000,000 ms; 2 coders x ~2500 annotations of ~0.6 s with ~0.6 s gaps.
  const auto raters = coders(2, 2500, 600, 600, 7);
  const std::vector<ElanTierPair> pairs{
      {"session", raters[0].rater, raters[1].rater, raters[0].intervals, raters[1].intervals}};
  double kappa = 0;
  for (auto _ : state) {
    const auto r = elan_modified_kappa(pairs);
    kappa = r.global.kappa_ipf.value_or(0);
    benchmark::DoNotOptimize(r);
  }
  state.counters["annotations"] = static_cast<double>(interval_count(raters));
  state.counters["kappa_ipf"] = kappa;
}

}  // namespace

BENCHMARK(BM_Gamma_2x2000_30samples)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Gamma_3x300_30samples)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_GammaAlignmentOnly_2x2000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_GammaAlignmentOnly_3x300)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ElanKappa_5000_annotations)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
