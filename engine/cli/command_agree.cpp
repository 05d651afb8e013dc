// SPDX-License-Identifier: MIT
// `rapport agree`: inter-rater agreement. One function per input mode; today the rating table
// (`--ratings FILE.csv`). `--intervals` and EAF `PATHS...` modes go beside run_ratings_mode.
#include <algorithm>
#include <boost/json/value.hpp>
#include <charconv>
#include <ostream>

#include "commands.hpp"
#include "options.hpp"
#include "rapport/report/agree_report.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/stats/agreement.hpp"
#include "rapport/stats/interpretation.hpp"
#include "rapport/stats/ratings_csv.hpp"

namespace rapport::cli {
namespace {

namespace po = boost::program_options;

struct AgreeOptions {
  std::string format = "text";
  std::vector<std::string> measures;
  std::size_t bootstrap = 1000;
  std::uint64_t seed = 1;
  bool explain = false;
};

/// `--ratings FILE.csv --level L`: every measure that applies to a long rating table.
int run_ratings_mode(const std::string& file, stats::Level level, const AgreeOptions& options, Streams& io) {
  const bool json = options.format == "json";
  auto result = stats::read_ratings_csv(file, level);
  report::AgreeInput input;
  input.file = file;
  input.level = std::string(stats::to_string(level));
  if (!result) {
    if (json) {
      report::write_pretty_json(io.out, report::agree_document(input, {}, {}, result.diagnostics));
    } else {
      for (const auto& d : result.diagnostics) io.err << format_diagnostic(d) << '\n';
    }
    io.err << "rapport agree: " << file << ": " << result.diagnostics.size()
           << " problem(s) in the ratings file; nothing computed\n";
    return exit_failure;
  }
  const stats::RatingTable& table = *result.table;
  input.units = table.unit_count();
  input.raters = table.rater_count();
  input.ratings = result.rows - result.missing;
  input.missing = result.missing;
  for (const auto& c : table.categories) input.categories.push_back(c.label);

  stats::AgreementOptions agreement;
  agreement.level = level;
  agreement.measures = options.measures;
  agreement.bootstrap = options.bootstrap;
  agreement.seed = options.seed;
  const auto measures = stats::compute_agreement(table, agreement);
  const auto notes = stats::agreement_notes(measures);
  if (json) {
    report::write_pretty_json(io.out, report::agree_document(input, measures, notes, result.diagnostics));
  } else {
    report::write_agree_text(io.out, input, measures, notes, options.explain);
  }
  return exit_ok;
}

}  // namespace

// `--intervals FILE.csv` (time-aligned agreement) lives in agree_intervals.cpp.
int run_agree_intervals(const std::vector<std::string>& args, Streams& io);
// EAF `PATHS...` (3RS reliability of a coding project) lives in agree_project.cpp.
int run_agree_project(const std::vector<std::string>& args, Streams& io);

int run_agree(const std::vector<std::string>& args, Streams& io) {
  for (const auto& arg : args)
    if (arg == "--intervals" || arg.starts_with("--intervals=")) return run_agree_intervals(args, io);
  // Without --ratings, a word that is not an option means EAF paths (option values included:
  // the project mode then asks for paths itself).
  const auto is = [&](std::string_view name) {
    return std::any_of(args.begin(), args.end(),
                       [&](const std::string& a) { return a == name || a.starts_with(std::string(name) + "="); });
  };
  if (!is("--ratings") &&
      std::any_of(args.begin(), args.end(), [](const std::string& a) { return !a.empty() && a[0] != '-'; }))
    return run_agree_project(args, io);
  AgreeOptions options;
  std::string ratings, level_text, measures_text, seed_text = "1";
  po::options_description visible(
      "usage: rapport agree --ratings FILE.csv --level nominal|ordinal|interval|ratio [OPTIONS]\n\n"
      "Inter-rater agreement of a long rating table with header unit,rater,value (an empty value is\n"
      "missing). Prints every measure that applies at the level, with SE, 95% CI and n.\n"
      "Also: rapport agree --intervals FILE.csv --help; rapport agree PATHS... --help (3RS reliability of EAF "
      "files).\n\noptions");
  visible.add_options()("help,h", "show this help")("ratings", po::value(&ratings)->value_name("FILE.csv"),
                                                    "rating table: unit,rater,value")(
      "level", po::value(&level_text)->value_name("LEVEL"), "nominal, ordinal, interval or ratio")(
      "measures", po::value(&measures_text)->value_name("a,b,..."),
      "measures to compute (default: all that apply; see --list-measures)")("list-measures",
                                                                            "print the measure names and exit")(
      "bootstrap", po::value(&options.bootstrap)->value_name("N")->default_value(1000),
      "bootstrap draws for Krippendorff's alpha CI (0: none)")(
      "seed", po::value(&seed_text)->value_name("S")->default_value("1"), "bootstrap seed")(
      "format", po::value(&options.format)->value_name("text|json")->default_value("text"), "output format")(
      "explain", "text output: add a plain-language paragraph per measure");
  po::options_description hidden;
  hidden.add_options()("paths", po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add("paths", -1);
  po::variables_map vm;
  if (const int code = parse_options(args, visible, hidden, positional, vm, io); code >= 0) return code;

  if (vm.count("list-measures")) {
    for (auto name : stats::rating_measure_names()) io.out << name << '\n';
    return exit_ok;
  }
  if (options.format != "text" && options.format != "json")
    return usage_error(io, "agree", "--format must be text or json, not '" + options.format + "'");
  options.explain = vm.count("explain") > 0;
  {
    const auto [ptr, ec] = std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), options.seed);
    if (ec != std::errc{} || ptr != seed_text.data() + seed_text.size())
      return usage_error(io, "agree", "--seed must be a non-negative integer, not '" + seed_text + "'");
  }
  options.measures = split_comma_list(measures_text);
  for (const auto& name : options.measures)
    if (!stats::is_rating_measure(name))
      return usage_error(io, "agree", "unknown measure '" + name + "' (rapport agree --list-measures)");

  if (vm.count("paths"))
    return usage_error(io, "agree", "EAF project paths are not supported yet; use --ratings FILE.csv");
  if (ratings.empty()) return usage_error(io, "agree", "give --ratings FILE.csv");
  if (level_text.empty()) return usage_error(io, "agree", "--ratings needs --level nominal|ordinal|interval|ratio");
  const auto level = stats::parse_level(level_text);
  if (!level)
    return usage_error(io, "agree", "--level must be nominal, ordinal, interval or ratio, not '" + level_text + "'");
  return run_ratings_mode(ratings, *level, options, io);
}

}  // namespace rapport::cli
