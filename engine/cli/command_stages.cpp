// SPDX-License-Identifier: MIT
// rapport stages PATHS... [--codebook NAME|FILE|URL] [--project FILE] [--format text|json|csv]
//   [--gap-max-ms N] [--quiet-min-ms N] [--typology ID] [--fail-on LEVEL] [--threads N]
// Rupture episodes and rupture-resolution stages per session and coder (../shared/DESIGN.md).
// The analysis is rapport::stages::StagesRun; this file parses options, reads files in batches
// and picks the writer.
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <ostream>

#include "coding_inputs.hpp"
#include "commands.hpp"
#include "network_options.hpp"
#include "options.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/report/stages_report.hpp"
#include "rapport/stages/stages.hpp"

namespace rapport::cli {

int run_stages(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible(
      "rapport stages PATHS... [options]\n\nRupture episodes, their resolution strategies and stages (Safran & Muran; "
      "Lipner, Liu & Muran 2019), outcomes, summaries and coder agreement on episodes");
  std::string codebook_name(codebook::default_codebook);
  std::string format = "text";
  std::string fail_on = "error";
  std::string typology;
  unsigned threads = 0;
  long long gap_max_ms = -1;
  long long quiet_min_ms = -1;
  visible.add_options()("help,h", "show this help")(
      "codebook", po::value(&codebook_name)->default_value(std::string(codebook::default_codebook)),
      "codebook NAME (codebooks/NAME.xml), FILE or URL")("format", po::value(&format)->default_value("text"),
                                                         "text, json or csv (one row per episode)")(
      "project", po::value<std::string>(),
      "project FILE (schemas/project.xsd): codebook, coder identification, session/coder per file; "
      "without PATHS, reads the files it lists")("gap-max-ms", po::value(&gap_max_ms),
                                                 "episode gap threshold in ms (default: the codebook's <episodes>)")(
      "quiet-min-ms", po::value(&quiet_min_ms),
      "quiet time after a repair that closes an episode, in ms (default: the codebook's)")(
      "typology", po::value(&typology), "repair typology to tag strategies with (default: the codebook's first)")(
      "fail-on", po::value(&fail_on)->default_value("error"),
      "exit 1 when a diagnostic is at or above: error|warning|info")("threads", po::value(&threads)->default_value(0),
                                                                     "reader threads (0 = one per core)");
  NetworkOptions network;
  network.add_to(visible);
  std::vector<std::string> paths;
  po::variables_map vm;
  if (const int rc = parse_options(args, visible, paths, vm, io); rc >= 0) return rc;
  const auto threshold = parse_severity(fail_on);
  if (format != "text" && format != "json" && format != "csv")
    return usage_error(io, "stages", "--format must be text, json or csv");
  if (!threshold) return usage_error(io, "stages", "--fail-on must be error, warning or info");
  if (vm.count("gap-max-ms") && gap_max_ms < 0) return usage_error(io, "stages", "--gap-max-ms must be 0 or more");
  if (vm.count("quiet-min-ms") && quiet_min_ms < 0)
    return usage_error(io, "stages", "--quiet-min-ms must be 0 or more");
  std::optional<codebook::Project> project;
  if (!apply_project_option(vm, codebook_name, paths, project, io)) return exit_failure;
  if (paths.empty()) return usage_error(io, "stages", "give at least one FILE or folder");

  net::Fetcher fetcher(network.fetch_options());
  const auto cb = load_codebook(codebook_name, fetcher, io, "stages");
  if (!cb) return exit_failure;
  stages::StageOptions options;
  if (vm.count("gap-max-ms")) options.thresholds.gap_max_ms = gap_max_ms;
  if (vm.count("quiet-min-ms")) options.thresholds.quiet_min_ms = quiet_min_ms;
  options.typology = typology;
  if (!typology.empty() && !cb->find_repair_typology(typology))
    return usage_error(io, "stages", "the codebook " + cb->id + " has no repair typology '" + typology + "'");

  const std::vector<std::filesystem::path> files = collect_project_files(paths, io, "stages");
  if (files.empty()) return exit_failure;
  stages::StagesRun run(*cb, project ? &*project : nullptr, options);
  // Only the per-session results stay; each document is dropped with its batch.
  const bool io_problem =
      read_in_batches(files, read_options(fetcher), threads, io, "stages",
                      [&](const std::filesystem::path&, const eaf::Document& doc) { run.add(doc); });
  const stages::StagesResult result = run.finish();
  print_fetch_diagnostics(fetcher, io);

  if (format == "json") {
    report::write_pretty_json(io.out, report::stages_to_json(result));
  } else if (format == "csv") {
    report::write_stages_csv(io.out, result);
  } else {
    for (const auto& d : result.diagnostics) io.err << format_diagnostic(d) << '\n';
    report::write_stages_text(io.out, result);
  }
  if (format != "text")
    for (const auto& d : result.diagnostics)
      if (d.severity == Severity::error) io.err << format_diagnostic(d) << '\n';
  if (io_problem) return exit_failure;
  return count_at_least(result.diagnostics, *threshold) > 0 ? exit_findings : exit_ok;
}

}  // namespace rapport::cli
