// SPDX-License-Identifier: MIT
// 3RS reliability end to end (issue 7): the 500 double-coded 50-minute sessions of
// tests/bench/run.sh (~147 MB in 1000 files), read in batches of 64 on two threads as the CLI
// does. Targets on the 2-core machine: the segment and session levels add at most 50% to
// `rapport check` on the same corpus (check/corpus vs reliability_segment_session/corpus), and
// everything, gamma included, finishes under 30 s (reliability_all/corpus).
//   rapport_bench_reliability --corpus=DIR [benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "bench_corpus.hpp"
#include "rapport/check/check.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/reliability/reliability.hpp"
#include "rapport/reliability/report.hpp"
#include "rapport/report/json_writer.hpp"

namespace {

namespace fs = std::filesystem;
using namespace rapport;

constexpr std::size_t batch_size = 64;
constexpr unsigned threads = 2;

template <class Sink>
void read_in_batches(const std::vector<fs::path>& files, Sink&& sink) {
  for (std::size_t start = 0; start < files.size(); start += batch_size) {
    const std::vector<fs::path> batch(
        files.begin() + static_cast<std::ptrdiff_t>(start),
        files.begin() + static_cast<std::ptrdiff_t>(std::min(files.size(), start + batch_size)));
    for (const auto& doc : eaf::read_eaf_files(batch, {}, threads)) sink(doc);
  }
}

void set_throughput(benchmark::State& state, std::uint64_t bytes) {
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["MB/s"] = benchmark::Counter(
      static_cast<double>(bytes) * static_cast<double>(state.iterations()) / 1e6, benchmark::Counter::kIsRate);
}

void register_corpus(const std::string& dir, const codebook::Codebook& cb) {
  const auto files = rapport::bench::list_eaf_files(dir);
  const auto bytes = rapport::bench::total_size(files);

  benchmark::RegisterBenchmark("check/corpus",
                               [files, bytes, &cb](benchmark::State& state) {
                                 std::size_t diagnostics = 0;
                                 for (auto _ : state) {
                                   check::Checker checker(cb);
                                   read_in_batches(files, [&](const eaf::Document& d) { checker.add(d); });
                                   diagnostics = checker.result().diagnostics.size();
                                 }
                                 state.counters["diagnostics"] = static_cast<double>(diagnostics);
                                 set_throughput(state, bytes);
                               })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);

  auto reliability = [files, bytes, &cb](benchmark::State& state, bool time_aligned, bool gamma) {
    std::size_t sessions = 0, measures = 0, json_bytes = 0;
    for (auto _ : state) {
      reliability::ProjectBuilder builder(cb);
      read_in_batches(files, [&](const eaf::Document& d) { builder.add(d); });
      const reliability::Project project = builder.finish();
      reliability::ReliabilityOptions o;
      o.threads = threads;
      o.time_aligned = time_aligned;
      o.gamma = gamma;
      const auto r = reliability::analyse(project, cb, o);
      std::ostringstream json;
      report::write_pretty_json(json, reliability::reliability_document({}, project, r));
      sessions = r.sessions;
      measures = r.all_measures().size();
      json_bytes = json.str().size();
    }
    state.counters["sessions"] = static_cast<double>(sessions);
    state.counters["measures"] = static_cast<double>(measures);
    state.counters["json_MB"] = static_cast<double>(json_bytes) / 1e6;
    set_throughput(state, bytes);
  };
  benchmark::RegisterBenchmark("reliability_segment_session/corpus",
                               [reliability](benchmark::State& s) { reliability(s, false, false); })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("reliability_elan_alpha_u/corpus",
                               [reliability](benchmark::State& s) { reliability(s, true, false); })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("reliability_all/corpus",
                               [reliability](benchmark::State& s) { reliability(s, true, true); })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string corpus;
  if (const char* env = std::getenv("RAPPORT_BENCH_CORPUS")) corpus = env;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--corpus=", 0) == 0) {
      corpus = arg.substr(9);
    } else {
      std::cerr << "rapport_bench_reliability: unknown argument '" << arg << "'\n"
                << "usage: rapport_bench_reliability --corpus=DIR [--benchmark_* flags]\n";
      return 2;
    }
  }
  if (corpus.empty()) {
    std::cerr << "rapport_bench_reliability: give --corpus=DIR (or RAPPORT_BENCH_CORPUS); tests/bench/run.sh "
                 "generates it\n";
    return 2;
  }
  const auto path = codebook::resolve_codebook(codebook::default_codebook);
  if (!path) {
    std::cerr << "rapport_bench_reliability: no codebook " << codebook::default_codebook << '\n';
    return 2;
  }
  const auto read = codebook::read_codebook_file(*path);
  if (!read) {
    std::cerr << "rapport_bench_reliability: " << read.description() << '\n';
    return 2;
  }
  register_corpus(corpus, *read.codebook);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
