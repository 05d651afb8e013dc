// SPDX-License-Identifier: MIT
// rapport_peak_memory FILE [--sax2]: reads one file with rapport's reader (or, with --sax2, the
// bare SAX2 pass) and prints the process's peak resident set size next to the file size, as one
// line of JSON. ru_maxrss is a lifetime peak, so each measurement needs its own process;
// tests/bench/run.sh runs one per file.
#include <sys/resource.h>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>

#include "bench_corpus.hpp"
#include "rapport/eaf/reader.hpp"

namespace {

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || (argc == 3 && std::string_view(argv[2]) != "--sax2")) {
    std::cerr << "usage: rapport_peak_memory FILE [--sax2]\n";
    return 2;
  }
  const std::filesystem::path file = argv[1];
  const bool sax2 = argc == 3;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    std::cerr << "rapport_peak_memory: " << file << ": " << ec.message() << '\n';
    return 2;
  }
  // The baseline is the peak after the parser is initialised on a tiny document, so that the
  // difference shows what reading the file itself costs.
  std::size_t items = 0, errors = 0, diagnostics = 0;
  std::uint64_t baseline = 0;
  std::uint64_t arena = 0, model = 0;  // the Document's text arena; its annotation and slot records
  if (sax2) {
    rapport::bench::BareSax2 sax;
    sax.parse_memory("<ANNOTATION_DOCUMENT/>");
    baseline = peak_rss_bytes();
    const auto result = sax.parse_file(file);
    items = result.values;
    errors = result.ok ? 0 : 1;
  } else {
    (void)rapport::eaf::read_eaf_memory("<ANNOTATION_DOCUMENT/>", "warm-up");
    baseline = peak_rss_bytes();
    const auto doc = rapport::eaf::read_eaf_file(file);
    for (const auto& tier : doc.tiers) {
      items += tier.annotations.size();
      model += tier.annotations.capacity() * sizeof(rapport::eaf::Annotation);
    }
    model += doc.time_slots.capacity() * sizeof(rapport::eaf::TimeSlot);
    arena = doc.texts->capacity_bytes();
    for (const auto& d : doc.diagnostics) errors += d.severity == rapport::Severity::error ? 1 : 0;
    diagnostics = doc.diagnostics.size();
    for (const auto& d : doc.diagnostics)
      std::cerr << d.file << ':' << d.line << ':' << d.column << ": " << d.rule << ": " << d.message << '\n';
  }
  const std::uint64_t peak = peak_rss_bytes();
  std::cout << "{\"file\": \"" << file.filename().string() << "\", \"mode\": \"" << (sax2 ? "sax2_bare" : "reader")
            << "\", \"file_bytes\": " << size << ", \"peak_rss_bytes\": " << peak
            << ", \"baseline_rss_bytes\": " << baseline
            << ", \"peak_over_file\": " << static_cast<double>(peak) / static_cast<double>(size)
            << ", \"annotations\": " << items << ", \"arena_bytes\": " << arena << ", \"record_bytes\": " << model
            << ", \"errors\": " << errors << ", \"diagnostics\": " << diagnostics << "}\n";
  return 0;
}
