// SPDX-License-Identifier: MIT
// `rapport agree --intervals FILE.csv`: time-aligned agreement (krippendorff_alpha_u, gamma,
// gamma_cat, gamma_k, ELAN's modified kappa) on `rater,start_ms,end_ms,category` rows.
// run_agree (command_agree.cpp) hands over every invocation that names --intervals.
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <ostream>

#include "cli.hpp"
#include "options.hpp"
#include "rapport/intervals/interval_agreement.hpp"
#include "rapport/intervals/intervals_csv.hpp"
#include "rapport/intervals/intervals_report.hpp"
#include "rapport/report/json_writer.hpp"

namespace rapport::cli {

int run_agree_intervals(const std::vector<std::string>& args, Streams& io);

namespace {

namespace po = boost::program_options;

}  // namespace

int run_agree_intervals(const std::vector<std::string>& args, Streams& io) {
  std::string file, continuum_text, measures_text, format = "text", seed_text = "1", sampler = "shuffle";
  double overlap = 60, gamma_alpha = 1, gamma_beta = 1;
  std::size_t samples = 30;
  unsigned threads = 0;
  po::options_description visible(
      "usage: rapport agree --intervals FILE.csv [--continuum START_MS,END_MS] [OPTIONS]\n\n"
      "Time-aligned agreement of codings given as rows rater,start_ms,end_ms,category (half-open\n"
      "intervals in milliseconds): Krippendorff's alpha_u, gamma (with gamma-cat and gamma-k) and\n"
      "ELAN's modified kappa, with the list of links and unmatched annotations.\n\noptions");
  visible.add_options()("help,h", "show this help")("intervals", po::value(&file)->value_name("FILE.csv"),
                                                    "codings: rater,start_ms,end_ms,category")(
      "continuum", po::value(&continuum_text)->value_name("START_MS,END_MS"),
      "the coded stretch (default: earliest start to latest end)")(
      "measures", po::value(&measures_text)->value_name("a,b,..."), "measures to compute (default: all)")(
      "list-measures", "print the measure names and exit")(
      "elan-overlap", po::value(&overlap)->value_name("PCT")->default_value(60),
      "ELAN kappa: minimal overlap, % of the longer annotation (51-100)")(
      "gamma-alpha", po::value(&gamma_alpha)->value_name("A")->default_value(1), "gamma: positional weight")(
      "gamma-beta", po::value(&gamma_beta)->value_name("B")->default_value(1), "gamma: categorical weight")(
      "gamma-samples", po::value(&samples)->value_name("N")->default_value(30),
      "gamma: sampled continua for the expected disorder")(
      "gamma-sampler", po::value(&sampler)->value_name("shuffle|statistical")->default_value("shuffle"),
      "gamma: Mathet et al.'s shuffled annotators, or pygamma's statistical sampler")(
      "seed", po::value(&seed_text)->value_name("S")->default_value("1"), "seed of the gamma sampling")(
      "threads", po::value(&threads)->value_name("N")->default_value(0),
      "threads for the gamma sampling (0: one per core; the result does not depend on it)")(
      "format", po::value(&format)->value_name("text|json")->default_value("text"), "output format")(
      "all-links", "text output: list every link, not only the disagreements")(
      "explain", "text output: add a plain-language paragraph per measure");
  po::options_description hidden;
  hidden.add_options()("paths", po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add("paths", -1);
  po::variables_map vm;
  if (const int code = parse_options(args, visible, hidden, positional, vm, io); code >= 0) return code;
  if (vm.count("list-measures")) {
    for (auto name : intervals::interval_measure_names()) io.out << name << '\n';
    return exit_ok;
  }
  if (format != "text" && format != "json")
    return usage_error(io, "agree", "--format must be text or json, not '" + format + "'");
  if (vm.count("paths")) return usage_error(io, "agree", "--intervals takes no EAF paths");
  if (file.empty()) return usage_error(io, "agree", "give --intervals FILE.csv");
  intervals::IntervalAgreementOptions options;
  if (!continuum_text.empty()) {
    options.continuum = intervals::parse_continuum(continuum_text);
    if (!options.continuum)
      return usage_error(io, "agree",
                         "--continuum must be START_MS,END_MS with START < END, not '" + continuum_text + "'");
  }
  if (!(overlap >= 51 && overlap <= 100))
    return usage_error(io, "agree", "--elan-overlap must be between 51 and 100 (ELAN's range)");
  if (!(gamma_alpha >= 0) || !(gamma_beta >= 0) || !std::isfinite(gamma_alpha) || !std::isfinite(gamma_beta))
    return usage_error(io, "agree", "--gamma-alpha and --gamma-beta must be non-negative numbers");
  if (sampler != "shuffle" && sampler != "statistical")
    return usage_error(io, "agree", "--gamma-sampler must be shuffle or statistical, not '" + sampler + "'");
  {
    const auto [ptr, ec] = std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), options.gamma.seed);
    if (ec != std::errc{} || ptr != seed_text.data() + seed_text.size())
      return usage_error(io, "agree", "--seed must be a non-negative integer, not '" + seed_text + "'");
  }
  options.measures = split_comma_list(measures_text);
  for (const auto& m : options.measures)
    if (!intervals::is_interval_measure(m))
      return usage_error(io, "agree", "unknown measure '" + m + "' (rapport agree --intervals x --list-measures)");
  options.elan.min_overlap = overlap / 100.0;
  options.gamma.alpha = gamma_alpha;
  options.gamma.beta = gamma_beta;
  options.gamma.samples = samples;
  options.gamma.threads = threads;
  options.gamma.sampler =
      sampler == "shuffle" ? intervals::GammaSampler::shuffle : intervals::GammaSampler::statistical;

  const bool json = format == "json";
  auto read = intervals::read_intervals_csv(file);
  intervals::IntervalsInput input;
  input.file = file;
  input.continuum_declared = options.continuum.has_value();
  if (!read) {
    if (json) {
      intervals::IntervalAgreement empty;
      report::write_pretty_json(io.out, intervals::intervals_agree_document(input, empty, read.diagnostics));
    } else {
      for (const auto& d : read.diagnostics) io.err << format_diagnostic(d) << '\n';
    }
    io.err << "rapport agree: " << file << ": problems in the intervals file; nothing computed\n";
    return exit_failure;
  }
  if (!json)
    for (const auto& d : read.diagnostics) io.err << format_diagnostic(d) << '\n';
  const auto& raters = *read.raters;
  input.raters = raters.size();
  input.intervals = intervals::interval_count(raters);
  input.categories = intervals::categories_of(raters);
  const auto agreement = intervals::compute_interval_agreement(raters, options);
  if (!json)
    for (const auto& d : agreement.diagnostics) io.err << format_diagnostic(d) << '\n';
  if (json) {
    report::write_pretty_json(io.out, intervals::intervals_agree_document(input, agreement, read.diagnostics));
  } else {
    intervals::write_intervals_agree_text(io.out, input, agreement, vm.count("explain") > 0, vm.count("all-links") > 0);
  }
  return count_at_least(agreement.diagnostics, Severity::error) > 0 ? exit_findings : exit_ok;
}

}  // namespace rapport::cli
