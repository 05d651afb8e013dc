// SPDX-License-Identifier: MIT
// `rapport agree PATHS...`: 3RS reliability of a coding project (issue 7). The front end only
// finds the files, reads them in batches on several threads (bounded memory), prints progress
// on stderr, and hands every decision to the reliability component.
#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <system_error>

#include "cli.hpp"
#include "coding_inputs.hpp"
#include "network_options.hpp"
#include "options.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/collect.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/reliability/reliability.hpp"
#include "rapport/reliability/report.hpp"
#include "rapport/reliability/review.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/stats/agreement.hpp"
#include "reliability_options.hpp"

namespace rapport::cli {

int run_agree_project(const std::vector<std::string>& args, Streams& io);

namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

}  // namespace

int run_agree_project(const std::vector<std::string>& args, Streams& io) {
  // The flags' defaults are those `rapport report` runs with (reliability_options.hpp).
  reliability::ReliabilityOptions options = default_reliability_options();
  std::string codebook_name(codebook::default_codebook), format = "text", measures_text,
                                                         seed_text = std::to_string(options.seed);
  std::string review_dir, certify_on = "estimate";
  std::vector<std::string> paths, consensus;
  std::optional<std::string> gold;
  double overlap = options.elan_min_overlap * 100.0, gamma_alpha = options.gamma_options.alpha,
         gamma_beta = options.gamma_options.beta, min_kappa = options.thresholds.min_kappa,
         min_icc = options.thresholds.min_icc;
  std::size_t gamma_samples = options.gamma_options.samples, bootstrap = options.bootstrap;
  unsigned threads = options.threads;
  // As a reader writes them ("0.6", not lexical_cast's "0.59999999999999998").
  const auto shown = [](double value) {
    std::ostringstream text;
    text << value;
    return text.str();
  };
  po::options_description visible(
      "usage: rapport agree PATHS... [OPTIONS]\n\n"
      "3RS reliability of a coding project: EAF files and folders, one file per coder or all coders in\n"
      "one file. Pairs sessions across coders, then reports agreement the way 3RS studies do: code\n"
      "presence per segment (kappa, AC1, alpha, prevalence), segment ratings and session frequencies\n"
      "(ICC(2,1) first), the time-aligned measures of each family's tier, and where coders disagree.\n\noptions");
  visible.add_options()("help,h", "show this help")(
      "codebook", po::value(&codebook_name)->value_name("NAME|FILE")->default_value(codebook_name),
      "codebook (codebooks/NAME.xml) or FILE")("project", po::value<std::string>()->value_name("FILE"),
                                               "project file: codebook, coder identification, session/coder per file")(
      "format", po::value(&format)->value_name("text|json")->default_value("text"), "output format")(
      "measures", po::value(&measures_text)->value_name("a,b,..."),
      "measures beside the headline ones (default: those of each level; see --list-measures)")(
      "list-measures", "print the measure names and exit")(
      "bootstrap", po::value(&bootstrap)->value_name("N")->default_value(bootstrap),
      "bootstrap draws for Krippendorff's alpha CI (0: none; kappa, AC1 and ICC have analytic CIs)")(
      "seed", po::value(&seed_text)->value_name("S")->default_value(seed_text), "seed of the bootstrap and of gamma")(
      "elan-overlap", po::value(&overlap)->value_name("PCT")->default_value(overlap),
      "ELAN kappa: minimal overlap, % of the longer annotation (51-100)")(
      "gamma-alpha", po::value(&gamma_alpha)->value_name("A")->default_value(gamma_alpha), "gamma: positional weight")(
      "gamma-beta", po::value(&gamma_beta)->value_name("B")->default_value(gamma_beta), "gamma: categorical weight")(
      "gamma-samples", po::value(&gamma_samples)->value_name("N")->default_value(gamma_samples),
      "gamma: sampled continua (0: no gamma)")("no-time-aligned", "skip the time-aligned level")(
      "gold", po::value<std::string>()->value_name("CODER"),
      "certify every other coder against CODER (a master coder, or a consensus coder)")(
      "consensus", po::value(&consensus)->value_name("CODER")->composing(),
      "CODER's files hold consensus codes: left out of the reliability of independent codes (repeatable)")(
      "min-kappa", po::value(&min_kappa)->value_name("K")->default_value(min_kappa, shown(min_kappa)),
      "certification: kappa on a family's presence at least K")(
      "min-icc", po::value(&min_icc)->value_name("I")->default_value(min_icc, shown(min_icc)),
      "certification: ICC(2,1) on segment ratings at least I")(
      "certify-on", po::value(&certify_on)->value_name("estimate|ci_low")->default_value("estimate"),
      "certification: judge the estimate or the lower 95% bound (Koo & Li 2016)")(
      "review", po::value(&review_dir)->value_name("DIR"),
      "write for each session a copy of its .eaf with tiers marking agreements, disagreements and "
      "unmatched annotations (inputs are never modified)")("no-disagreements",
                                                           "text output: leave out the list of disagreements")(
      "threads", po::value(&threads)->value_name("N")->default_value(0), "threads (0: one per core)")(
      "explain", "text output: add a plain-language paragraph per measure");
  NetworkOptions network;  // external vocabularies (.ecv) by URL
  network.add_to(visible);
  po::variables_map vm;
  if (const int code = parse_options(args, visible, paths, vm, io); code >= 0) return code;
  if (vm.count("list-measures")) {
    for (auto name : stats::rating_measure_names()) io.out << name << '\n';
    return exit_ok;
  }
  if (format != "text" && format != "json")
    return usage_error(io, "agree", "--format must be text or json, not '" + format + "'");
  if (!(overlap >= 51 && overlap <= 100))
    return usage_error(io, "agree", "--elan-overlap must be between 51 and 100 (ELAN's range)");
  if (!(gamma_alpha >= 0) || !(gamma_beta >= 0) || !std::isfinite(gamma_alpha) || !std::isfinite(gamma_beta))
    return usage_error(io, "agree", "--gamma-alpha and --gamma-beta must be non-negative numbers");
  if (certify_on != "estimate" && certify_on != "ci_low")
    return usage_error(io, "agree", "--certify-on must be estimate or ci_low, not '" + certify_on + "'");
  if (!(min_kappa >= -1 && min_kappa <= 1) || !(min_icc >= -1 && min_icc <= 1))
    return usage_error(io, "agree", "--min-kappa and --min-icc must be between -1 and 1");
  {
    const auto [ptr, ec] = std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), options.seed);
    if (ec != std::errc{} || ptr != seed_text.data() + seed_text.size())
      return usage_error(io, "agree", "--seed must be a non-negative integer, not '" + seed_text + "'");
  }
  options.measures = split_comma_list(measures_text);
  for (const auto& name : options.measures)
    if (!stats::is_rating_measure(name))
      return usage_error(io, "agree", "unknown measure '" + name + "' (rapport agree PATHS --list-measures)");
  if (vm.count("gold")) gold = vm["gold"].as<std::string>();

  std::optional<codebook::Project> project_file;
  if (!apply_project_option(vm, codebook_name, paths, project_file, io)) return exit_failure;
  if (paths.empty()) return usage_error(io, "agree", "give EAF files or folders (or --ratings FILE.csv)");

  net::Fetcher fetcher(network.fetch_options());
  const auto loaded = load_codebook(codebook_name, fetcher, io, "agree");  // NAME, FILE or URL
  if (!loaded) return exit_failure;
  const codebook::Codebook& cb = *loaded;

  const std::optional<fs::path> review = review_dir.empty() ? std::nullopt : std::optional<fs::path>(review_dir);
  const std::vector<fs::path> files = collect_project_files(paths, io, "agree", review);
  if (files.empty()) return exit_failure;
  const eaf::ReadOptions reading = read_options(fetcher);
  reliability::ProjectBuilder builder(cb, project_file ? &*project_file : nullptr);
  read_in_batches(files, reading, threads, io, "agree",
                  [&](const fs::path&, const eaf::Document& doc) { builder.add(doc); });
  print_fetch_diagnostics(fetcher, io);
  const reliability::Project project = builder.finish();

  options.bootstrap = bootstrap;
  options.time_aligned = vm.count("no-time-aligned") == 0;
  options.gamma = gamma_samples > 0;
  options.elan_min_overlap = overlap / 100.0;
  options.gamma_options.alpha = gamma_alpha;
  options.gamma_options.beta = gamma_beta;
  options.gamma_options.samples = gamma_samples;
  options.gamma_options.seed = options.seed;
  options.consensus = consensus;
  options.gold = gold;
  options.thresholds.min_kappa = min_kappa;
  options.thresholds.min_icc = min_icc;
  options.thresholds.use_ci_low = certify_on == "ci_low";
  options.thresholds.source =
      vm["min-kappa"].defaulted() && vm["min-icc"].defaulted() ? default_thresholds_source : "command line";
  options.threads = threads;
  if (files.size() > read_batch_size)
    options.progress = [&](const std::string& phase) { io.err << "rapport agree: " << phase << "\n"; };
  const reliability::Reliability result = reliability::analyse(project, cb, options);

  int rc = exit_ok;
  if (review) {
    const auto written = reliability::write_review_files(project, result, *review);
    for (const auto& e : written.errors) io.err << "rapport agree: --review: " << e << '\n';
    if (!written.errors.empty()) rc = exit_failure;
    io.err << "rapport agree: wrote " << written.files.size() << " review file(s) to " << review->string() << '\n';
  }

  reliability::ReportInput input;
  input.paths = paths;
  input.codebook = cb.id;
  input.files = files.size();
  input.elan_min_overlap = options.elan_min_overlap;
  if (format == "json") {
    reliability::write_reliability_document(io.out, input, project, result);
  } else {
    for (const auto& d : result.diagnostics) io.err << format_diagnostic(d) << '\n';
    reliability::TextOptions text;
    text.explain = vm.count("explain") > 0;
    text.disagreements = vm.count("no-disagreements") == 0;
    reliability::write_reliability_text(io.out, input, project, result, text);
  }
  if (rc != exit_ok) return rc;
  // Data problems: a file counted twice, nothing to compare, or a coder who failed certification.
  const bool failed =
      result.certification && std::any_of(result.certification->coders.begin(), result.certification->coders.end(),
                                          [](const auto& c) { return c.pass == false; });
  if (failed || result.sessions == 0 || count_at_least(result.diagnostics, Severity::error) > 0) return exit_findings;
  return exit_ok;
}

}  // namespace rapport::cli
