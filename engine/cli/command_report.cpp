// SPDX-License-Identifier: MIT
// rapport report PATHS... -o DIR [--codebook NAME|FILE|URL] [--project FILE] [--fail-on LEVEL]
//   [--threads N] [--quiet] [--include-transcript] [--shard K/N] [--offline] [--cache-dir DIR]
// The main job of a lab (issue 9): reads the project once, on every core, reducing each document
// to its digest for check, reliability and stages (report/lab_project.hpp); then writes
// report.json (the three commands' JSON documents), tidy CSVs and report.html into DIR, each file
// atomically. With --shard K/N it writes its share's digests as a part file for `rapport merge`
// (command_merge.cpp), which finishes the same pipeline. Inputs are never written.
#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <numeric>

#include "coding_inputs.hpp"
#include "commands.hpp"
#include "lab_run.hpp"
#include "network_options.hpp"
#include "options.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/eaf/collect.hpp"
#include "rapport/report/lab_project.hpp"
#include "rapport/version.hpp"
#include "reliability_options.hpp"

namespace rapport::cli {
namespace {

namespace fs = std::filesystem;

/// "K/N" with 1 <= K <= N.
std::optional<std::pair<std::size_t, std::size_t>> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  std::size_t k = 0, n = 0;
  const char* begin = text.data();
  const auto a = std::from_chars(begin, begin + slash, k);
  const auto b = std::from_chars(begin + slash + 1, begin + text.size(), n);
  if (a.ec != std::errc{} || a.ptr != begin + slash || b.ec != std::errc{} || b.ptr != begin + text.size())
    return std::nullopt;
  if (k < 1 || k > n) return std::nullopt;
  return std::pair{k, n};
}

}  // namespace

int run_report(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible(
      "rapport report PATHS... -o DIR [--shard K/N] [options]\n\nThe lab report of a coding project: validation, "
      "inter-rater "
      "agreement and rupture episodes in one run, written to DIR as report.html (self-contained), report.json and "
      "tidy CSV tables");
  std::string codebook_name(codebook::default_codebook);
  std::string fail_on = "error";
  std::string output;
  unsigned threads = 0;
  visible.add_options()("help,h", "show this help")("output,o", po::value(&output)->value_name("DIR"),
                                                    "folder to write the report into (created if missing)")(
      "codebook", po::value(&codebook_name)->default_value(std::string(codebook::default_codebook)),
      "codebook NAME (codebooks/NAME.xml), FILE or URL")(
      "project", po::value<std::string>()->value_name("FILE"),
      "project FILE (schemas/project.xsd): codebook, coder identification, session/coder per file; "
      "without PATHS, reports on the files it lists")("fail-on", po::value(&fail_on)->default_value("error"),
                                                      "exit 1 when a diagnostic is at or above: error|warning|info")(
      "threads", po::value(&threads)->default_value(0), "threads (0 = one per core)")("quiet,q",
                                                                                      "no progress line on stderr")(
      "include-transcript",
      "show the transcript lines (Patient, Therapist tiers) that overlap each episode; none by default")(
      "shard", po::value<std::string>()->value_name("K/N"),
      "process share K of N of the project (whole sessions) and write DIR/part-K-of-N.rapport-part.jsonl "
      "for rapport merge, instead of the report");
  NetworkOptions network;
  network.add_to(visible);
  std::vector<std::string> paths;
  po::variables_map vm;
  if (const int rc = parse_options(args, visible, paths, vm, io); rc >= 0) return rc;
  const auto threshold = parse_severity(fail_on);
  if (!threshold) return usage_error(io, "report", "--fail-on must be error, warning or info");
  if (output.empty()) return usage_error(io, "report", "give the output folder with -o DIR");
  std::optional<codebook::Project> project;
  if (!apply_project_option(vm, codebook_name, paths, project, io)) return exit_failure;
  if (paths.empty()) return usage_error(io, "report", "give at least one FILE or folder");

  std::optional<std::pair<std::size_t, std::size_t>> shard;
  if (vm.count("shard")) {
    shard = parse_shard(vm["shard"].as<std::string>());
    if (!shard) return usage_error(io, "report", "--shard must be K/N with 1 <= K <= N, e.g. --shard 2/8");
  }

  net::Fetcher fetcher(network.fetch_options());
  const auto cb = load_codebook(codebook_name, fetcher, io, "report");
  if (!cb) return exit_failure;
  // The output folder is never read as input, even when it sits inside a project folder.
  const std::vector<fs::path> files = collect_project_files(paths, io, "report", fs::path(output));
  if (files.empty()) return exit_failure;
  const codebook::Project* project_ptr = project ? &*project : nullptr;

  report::LabSettings settings;
  settings.paths = paths;
  settings.codebook = codebook_name;
  settings.codebook_id = cb->id;
  if (vm.count("project")) settings.project = vm["project"].as<std::string>();
  settings.include_transcript = vm.count("include-transcript") > 0;
  settings.files = files.size();
  settings.file_list_hash = report::file_list_hash(files);

  std::vector<std::size_t> indices(files.size());
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  if (shard) indices = report::shard_files(files, shard->first, shard->second, *cb, project_ptr);

  Progress progress(io.err, Progress::wanted(io, vm.count("quiet") > 0), "report", indices.size());
  reliability::ReliabilityOptions options = default_reliability_options(threads);
  options.progress = [&](const std::string& phase) { progress.phase(phase); };

  // Each document is read, reduced to its digest and dropped at once: memory is bounded by the
  // largest file, not by the project.
  report::DigestMaker maker(*cb, project_ptr, settings.include_transcript);
  const eaf::ReadOptions reading = read_options(fetcher);
  const auto read_all = [&](const std::function<void(report::FileDigest &&)>& sink) {
    maker.run(files, indices, reading, threads, sink, [&](std::size_t done) { progress.files_done(done); });
  };

  if (shard) {
    report::PartHeader header;
    header.version = RAPPORT_VERSION_STRING;
    header.k = shard->first;
    header.n = shard->second;
    header.settings = settings;
    header.options = options;
    for (const auto i : indices) header.shard_keys.push_back(report::shard_key(files[i], *cb, project_ptr));
    std::sort(header.shard_keys.begin(), header.shard_keys.end());
    header.shard_keys.erase(std::unique(header.shard_keys.begin(), header.shard_keys.end()), header.shard_keys.end());
    const fs::path part = fs::path(output) / report::part_file_name(shard->first, shard->second);
    const std::string error = report::write_part_file(
        part, header, [&](const auto& emit) { read_all([&](report::FileDigest&& d) { emit(d); }); });
    progress.finish();
    print_fetch_diagnostics(fetcher, io);
    if (!error.empty()) {
      io.err << "rapport report: " << error << '\n';
      return exit_failure;
    }
    // Findings are judged by rapport merge over the whole project: a shard that wrote its part
    // succeeded (so that a scheduler's dependent merge job runs).
    io.out << "Wrote " << part.string() << ": shard " << shard->first << "/" << shard->second << ", " << indices.size()
           << " of " << files.size() << " files, " << header.shard_keys.size() << " session(s)\n";
    return exit_ok;
  }

  report::LabAccumulator accumulator(*cb);
  read_all([&](report::FileDigest&& d) { accumulator.add(std::move(d)); });
  print_fetch_diagnostics(fetcher, io);
  return finish_lab_report(accumulator, settings, options, output, *threshold, progress, io, "report");
}

}  // namespace rapport::cli
