// SPDX-License-Identifier: MIT
// rapport check PATHS... [--codebook NAME|FILE] [--project FILE] [--format text|json|sarif] [--fail-on LEVEL]
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "coding_inputs.hpp"
#include "commands.hpp"
#include "network_options.hpp"
#include "options.hpp"
#include "rapport/check/check.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/collect.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/net/schema.hpp"
#include "rapport/report/check_json.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/version.hpp"

namespace rapport::cli {
namespace {

namespace fs = std::filesystem;

}  // namespace

int run_check(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible(
      "rapport check PATHS... [options]\n\nCheck 3RS coding in ELAN files (and folders of them) against a codebook");
  std::string codebook_name(codebook::default_codebook);
  std::string format = "text";
  std::string fail_on = "error";
  unsigned threads = 0;
  visible.add_options()("help,h", "show this help")(
      "codebook", po::value(&codebook_name)->default_value(std::string(codebook::default_codebook)),
      "codebook NAME (codebooks/NAME.xml) or FILE")("format", po::value(&format)->default_value("text"),
                                                    "text, json or sarif")(
      "fail-on", po::value(&fail_on)->default_value("error"),
      "exit 1 when a diagnostic is at or above: error|warning|info")("threads", po::value(&threads)->default_value(0),
                                                                     "reader threads (0 = one per core)")(
      "list-rules", "print the rule ids with their default severity and exit")(
      "project", po::value<std::string>(),
      "project FILE (schemas/project.xsd): codebook, coder identification, session/coder per file; "
      "without PATHS, checks the files it lists");
  NetworkOptions network;
  network.add_to(visible);
  bool validate_schema = false;
  std::string schema_dir;
  visible.add_options()("validate-schema", po::bool_switch(&validate_schema),
                        "also validate each file against the XML Schema it declares (fetched and cached)")(
      "schema-dir", po::value(&schema_dir), "folder with the XSDs (EAFv3.0.xsd, ...) to use before fetching");
  std::vector<std::string> paths;
  po::variables_map vm;
  if (const int rc = parse_options(args, visible, paths, vm, io); rc >= 0) return rc;
  if (vm.count("list-rules")) {
    for (const auto& r : check::rules())
      io.out << r.id << std::string(r.id.size() < 30 ? 30 - r.id.size() : 1, ' ') << to_string(r.severity)
             << std::string(9 - to_string(r.severity).size(), ' ') << r.description << '\n';
    return exit_ok;
  }
  const auto threshold = parse_severity(fail_on);
  if (format != "text" && format != "json" && format != "sarif")
    return usage_error(io, "check", "--format must be text, json or sarif");
  if (!threshold) return usage_error(io, "check", "--fail-on must be error, warning or info");
  std::optional<codebook::Project> project;
  if (!apply_project_option(vm, codebook_name, paths, project, io)) return exit_failure;
  if (paths.empty()) return usage_error(io, "check", "give at least one FILE or folder");

  net::Fetcher fetcher(network.fetch_options());
  const auto cb = load_codebook(codebook_name, fetcher, io, "check");
  if (!cb) return exit_failure;
  const std::vector<fs::path> files = collect_project_files(paths, io, "check");
  if (files.empty()) return exit_failure;

  // Read in batches so that a project of any size goes through bounded memory; each batch is
  // read on several threads, checked, and dropped.
  check::Checker checker(*cb, project ? &*project : nullptr);
  net::SchemaValidator validator(fetcher, schema_dir.empty() ? std::nullopt : std::optional<fs::path>(schema_dir));
  std::vector<Diagnostic> schema_diagnostics;
  const bool io_problem = read_in_batches(
      files, read_options(fetcher), threads, io, "check", [&](const fs::path& file, const eaf::Document& doc) {
        checker.add(doc);
        if (!validate_schema || doc.read_failed()) return;
        std::vector<Diagnostic> found = validator.validate(file);
        schema_diagnostics.insert(schema_diagnostics.end(), found.begin(), found.end());
      });
  check::CheckResult result = checker.take();
  result.diagnostics.insert(result.diagnostics.end(), schema_diagnostics.begin(), schema_diagnostics.end());
  print_fetch_diagnostics(fetcher, io);

  if (format == "json") {
    report::write_pretty_json(io.out, report::check_to_json(result));
  } else if (format == "sarif") {
    report::write_pretty_json(io.out, report::check_to_sarif(result, RAPPORT_VERSION_STRING));
  } else {
    for (const auto& d : result.diagnostics) io.out << format_diagnostic(d) << '\n';
    const auto count = [&](Severity s, std::string_view noun) {
      return count_noun(static_cast<std::size_t>(std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                                                               [&](const Diagnostic& d) { return d.severity == s; })),
                        noun);
    };
    io.out << "checked " << count_noun(result.file_count, "file") << " against " << cb->id << ": "
           << count(Severity::error, "error") << ", " << count(Severity::warning, "warning") << ", "
           << count(Severity::info, "note") << '\n';
  }
  if (io_problem) return exit_failure;
  return count_at_least(result.diagnostics, *threshold) > 0 ? exit_findings : exit_ok;
}

}  // namespace rapport::cli
