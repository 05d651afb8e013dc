// SPDX-License-Identifier: MIT
// Parse throughput of rapport's EAF reader against a bare Xerces SAX2 pass (bench_corpus.hpp),
// on a generated corpus of many sessions and on one huge session, and the reader's batch mode
// on one thread against two. Inputs come from the command line or the environment:
//   rapport_bench_reader [--corpus=DIR] [--huge=FILE] [benchmark flags]
//   RAPPORT_BENCH_CORPUS=DIR RAPPORT_BENCH_HUGE=FILE rapport_bench_reader
// tests/bench/run.sh generates both and runs this; see README.md for the numbers.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_corpus.hpp"
#include "rapport/eaf/reader.hpp"

namespace {

namespace fs = std::filesystem;
using rapport::bench::BareSax2;

void set_throughput(benchmark::State& state, std::uint64_t bytes_per_iteration, std::size_t files) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes_per_iteration));
  // Decimal megabytes, as the targets in issue 2 are stated; bytes_per_second is binary.
  state.counters["MB/s"] =
      benchmark::Counter(static_cast<double>(bytes_per_iteration) / 1e6, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MB"] = static_cast<double>(bytes_per_iteration) / 1e6;
  state.counters["files"] = static_cast<double>(files);
}

std::size_t error_count(const rapport::eaf::Document& doc) {
  std::size_t n = 0;
  for (const auto& d : doc.diagnostics) n += d.severity == rapport::Severity::error ? 1 : 0;
  return n;
}

std::string slurp(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

void register_file_set(const std::string& label, const std::vector<fs::path>& files) {
  const std::uint64_t bytes = rapport::bench::total_size(files);

  benchmark::RegisterBenchmark(("sax2_bare/" + label).c_str(),
                               [files, bytes](benchmark::State& state) {
                                 BareSax2 sax;
                                 std::size_t failed = 0;
                                 for (auto _ : state)
                                   for (const auto& f : files) failed += sax.parse_file(f).ok ? 0 : 1;
                                 set_throughput(state, bytes, files.size());
                                 state.counters["failed"] = static_cast<double>(failed);
                               })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);

  benchmark::RegisterBenchmark(("reader/" + label).c_str(),
                               [files, bytes](benchmark::State& state) {
                                 std::size_t errors = 0;
                                 for (auto _ : state)
                                   for (const auto& f : files) {
                                     auto doc = rapport::eaf::read_eaf_file(f);
                                     errors += error_count(doc);
                                     benchmark::DoNotOptimize(doc);
                                   }
                                 set_throughput(state, bytes, files.size());
                                 state.counters["errors"] = static_cast<double>(errors);
                               })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
}

void register_corpus(const fs::path& dir) {
  const auto files = rapport::bench::list_eaf_files(dir);
  if (files.empty()) {
    std::cerr << "rapport_bench_reader: no .eaf files in " << dir << '\n';
    std::exit(2);
  }
  const std::uint64_t bytes = rapport::bench::total_size(files);
  register_file_set("corpus", files);

  // Across files: the batch API on 1 and 2 threads (real time, the main thread only waits).
  for (const unsigned threads : {1u, 2u}) {
    benchmark::RegisterBenchmark(("reader_batch/corpus/threads:" + std::to_string(threads)).c_str(),
                                 [files, bytes, threads](benchmark::State& state) {
                                   for (auto _ : state) {
                                     auto docs = rapport::eaf::read_eaf_files(files, {}, threads);
                                     benchmark::DoNotOptimize(docs);
                                   }
                                   set_throughput(state, bytes, files.size());
                                 })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  // The ceiling for two cores: the bare pass split over two threads, files interleaved.
  benchmark::RegisterBenchmark("sax2_bare_batch/corpus/threads:2",
                               [files, bytes](benchmark::State& state) {
                                 for (auto _ : state) {
                                   std::vector<std::thread> pool;
                                   for (std::size_t t = 0; t < 2; ++t)
                                     pool.emplace_back([&files, t] {
                                       BareSax2 sax;
                                       for (std::size_t i = t; i < files.size(); i += 2)
                                         benchmark::DoNotOptimize(sax.parse_file(files[i]));
                                     });
                                   for (auto& th : pool) th.join();
                                 }
                                 set_throughput(state, bytes, files.size());
                               })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
}

void register_huge(const fs::path& file) {
  if (!fs::is_regular_file(file)) {
    std::cerr << "rapport_bench_reader: no such file " << file << '\n';
    std::exit(2);
  }
  register_file_set("huge", {file});
  // From memory as well, so that file I/O differences between the two cannot explain a gap.
  const std::uint64_t bytes = fs::file_size(file);
  benchmark::RegisterBenchmark("sax2_bare_memory/huge",
                               [file, bytes](benchmark::State& state) {
                                 const std::string data = slurp(file);
                                 BareSax2 sax;
                                 for (auto _ : state) benchmark::DoNotOptimize(sax.parse_memory(data));
                                 set_throughput(state, bytes, 1);
                               })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("reader_memory/huge",
                               [file, bytes](benchmark::State& state) {
                                 const std::string data = slurp(file);
                                 const std::string name = file.string();
                                 for (auto _ : state) {
                                   auto doc = rapport::eaf::read_eaf_memory(data, name);
                                   benchmark::DoNotOptimize(doc);
                                 }
                                 set_throughput(state, bytes, 1);
                               })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string corpus, huge;
  if (const char* env = std::getenv("RAPPORT_BENCH_CORPUS")) corpus = env;
  if (const char* env = std::getenv("RAPPORT_BENCH_HUGE")) huge = env;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--corpus=", 0) == 0) {
      corpus = arg.substr(9);
    } else if (arg.rfind("--huge=", 0) == 0) {
      huge = arg.substr(7);
    } else {
      std::cerr << "rapport_bench_reader: unknown argument '" << arg << "'\n"
                << "usage: rapport_bench_reader [--corpus=DIR] [--huge=FILE] [--benchmark_* flags]\n";
      return 2;
    }
  }
  if (corpus.empty() && huge.empty()) {
    std::cerr << "rapport_bench_reader: give --corpus=DIR and/or --huge=FILE (or RAPPORT_BENCH_CORPUS, "
                 "RAPPORT_BENCH_HUGE); tests/bench/run.sh generates both\n";
    return 2;
  }
  if (!corpus.empty()) register_corpus(corpus);
  if (!huge.empty()) register_huge(huge);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
