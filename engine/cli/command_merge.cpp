// SPDX-License-Identifier: MIT
// rapport merge PARTS... -o DIR [--codebook NAME|FILE|URL] [--fail-on LEVEL] [--threads N]
//   [--quiet] [--offline] [--cache-dir DIR]
// Combines the part files of a sharded `rapport report --shard K/N` into exactly the report an
// unsharded run writes: the parts carry each file's digest (check findings, coded units,
// diagnostics), and every statistic is computed here over their union by the same pipeline
// (report/lab_project.hpp), never averaged across shards.
#include <boost/program_options.hpp>
#include <filesystem>
#include <memory>
#include <ostream>

#include "coding_inputs.hpp"
#include "commands.hpp"
#include "lab_run.hpp"
#include "network_options.hpp"
#include "options.hpp"
#include "rapport/report/lab_project.hpp"
#include "rapport/version.hpp"

namespace rapport::cli {

int run_merge(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible(
      "rapport merge PARTS... -o DIR [options]\n\nThe report of a project processed in shards: combines the part "
      "files that `rapport report PATHS... --shard K/N -o DIR` wrote (every K of one N, once each) into the report "
      "an unsharded run writes");
  std::string fail_on = "error";
  std::string output;
  unsigned threads = 0;
  visible.add_options()("help,h", "show this help")("output,o", po::value(&output)->value_name("DIR"),
                                                    "folder to write the report into (created if missing)")(
      "codebook", po::value<std::string>()->value_name("NAME|FILE|URL"),
      "the codebook the shards used, when it is found elsewhere here (default: as the shards named it)")(
      "fail-on", po::value(&fail_on)->default_value("error"),
      "exit 1 when a diagnostic is at or above: error|warning|info")(
      "threads", po::value(&threads)->default_value(0), "threads (0 = one per core)")("quiet,q",
                                                                                      "no progress line on stderr");
  NetworkOptions network;
  network.add_to(visible);
  std::vector<std::string> part_paths;
  po::variables_map vm;
  if (const int rc = parse_options(args, visible, part_paths, vm, io); rc >= 0) return rc;
  const auto threshold = parse_severity(fail_on);
  if (!threshold) return usage_error(io, "merge", "--fail-on must be error, warning or info");
  if (output.empty()) return usage_error(io, "merge", "give the output folder with -o DIR");
  if (part_paths.empty()) return usage_error(io, "merge", "give the part files of every shard");

  std::vector<std::unique_ptr<report::PartReader>> readers;
  std::vector<const report::PartReader*> const_parts;
  std::vector<report::PartReader*> parts;
  for (const auto& p : part_paths) {
    readers.push_back(std::make_unique<report::PartReader>(p));
    const_parts.push_back(readers.back().get());
    parts.push_back(readers.back().get());
  }
  if (const std::string error = report::validate_parts(const_parts, RAPPORT_VERSION_STRING); !error.empty()) {
    io.err << "rapport merge: " << error << '\n';
    return exit_failure;
  }
  const report::PartHeader& header = parts.front()->header();

  net::Fetcher fetcher(network.fetch_options());
  const std::string codebook_name = vm.count("codebook") ? vm["codebook"].as<std::string>() : header.settings.codebook;
  const auto cb = load_codebook(codebook_name, fetcher, io, "merge");
  if (!cb) return exit_failure;
  if (cb->id != header.settings.codebook_id) {
    io.err << "rapport merge: the codebook " << codebook_name << " is '" << cb->id << "', the shards used '"
           << header.settings.codebook_id << "'\n";
    return exit_failure;
  }

  Progress progress(io.err, Progress::wanted(io, vm.count("quiet") > 0), "merge", header.settings.files);
  report::LabAccumulator accumulator(*cb);
  if (const std::string error =
          report::merge_parts(parts, accumulator, [&](std::size_t done) { progress.files_done(done, "merged"); });
      !error.empty()) {
    progress.finish();
    io.err << "rapport merge: " << error << '\n';
    return exit_failure;
  }
  print_fetch_diagnostics(fetcher, io);
  reliability::ReliabilityOptions options = header.options;
  options.threads = threads;
  options.progress = [&](const std::string& phase) { progress.phase(phase); };
  return finish_lab_report(accumulator, header.settings, options, output, *threshold, progress, io, "merge");
}

}  // namespace rapport::cli
