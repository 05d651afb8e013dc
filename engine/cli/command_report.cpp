// SPDX-License-Identifier: MIT
// rapport report PATHS... -o DIR [--codebook NAME|FILE|URL] [--project FILE] [--fail-on LEVEL]
//   [--threads N] [--quiet] [--include-transcript] [--offline] [--cache-dir DIR]
// The main job of a lab (issue 9): reads the project once, on every core, and feeds each
// document to check, reliability and stages; then writes report.json (the three commands' JSON
// documents), tidy CSVs and report.html into DIR, each file atomically. Inputs are never written.
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "coding_inputs.hpp"
#include "commands.hpp"
#include "network_options.hpp"
#include "options.hpp"
#include "rapport/check/check.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/eaf/collect.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/reliability/reliability.hpp"
#include "rapport/reliability/report.hpp"
#include "rapport/report/check_json.hpp"
#include "rapport/report/lab_report.hpp"
#include "rapport/report/stages_report.hpp"
#include "rapport/stages/stages.hpp"
#include "rapport/version.hpp"

namespace rapport::cli {
namespace {

namespace fs = std::filesystem;

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// A progress line on a terminal: files read of all, and the time left at the rate so far.
class Progress {
 public:
  Progress(std::ostream& err, bool enabled, std::size_t total)
      : m_err(err), m_enabled(enabled), m_total(total), m_start(std::chrono::steady_clock::now()) {}

  void files_done(std::size_t done) {
    if (!m_enabled) return;
    const std::lock_guard lock(m_mutex);
    // Reader threads may report out of order: never step backwards.
    if (done <= m_done) return;
    m_done = done;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    std::string eta = "";
    if (done > 0 && done < m_total)
      eta = ", about " +
            std::to_string(static_cast<long long>(
                elapsed / static_cast<double>(done) * static_cast<double>(m_total - done) + 0.5)) +
            " s left";
    m_err << "\rrapport report: read " << done << "/" << m_total << " files" << eta << "\x1b[K" << std::flush;
  }
  void phase(const std::string& what) {
    if (!m_enabled) return;
    const std::lock_guard lock(m_mutex);
    m_err << "\rrapport report: " << what << "\x1b[K" << std::flush;
  }
  void finish() {
    if (m_enabled) m_err << "\r\x1b[K" << std::flush;
  }

 private:
  std::ostream& m_err;
  bool m_enabled;
  std::size_t m_total;
  std::size_t m_done = 0;
  std::chrono::steady_clock::time_point m_start;
  std::mutex m_mutex;
};

}  // namespace

int run_report(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible(
      "rapport report PATHS... -o DIR [options]\n\nThe lab report of a coding project: validation, inter-rater "
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
      "threads", po::value(&threads)->default_value(0), "threads (0 = one per core)")(
      "quiet,q", "no progress line on stderr")("include-transcript",
                                               "allow transcript text in the report (none is included by default)");
  NetworkOptions network;
  network.add_to(visible);
  po::options_description hidden;
  std::vector<std::string> paths;
  hidden.add_options()("path", po::value(&paths));
  po::positional_options_description positional;
  positional.add("path", -1);

  po::variables_map vm;
  if (const int rc = parse_options(args, visible, hidden, positional, vm, io); rc >= 0) return rc;
  const auto threshold = parse_severity(fail_on);
  if (!threshold) return usage_error(io, "report", "--fail-on must be error, warning or info");
  if (output.empty()) return usage_error(io, "report", "give the output folder with -o DIR");
  std::optional<codebook::Project> project;
  if (vm.count("project")) {
    auto read = codebook::read_project_file(vm["project"].as<std::string>());
    for (const auto& d : read.diagnostics) io.err << format_diagnostic(d) << '\n';
    if (!read) return exit_failure;
    project = std::move(read.project);
    if (vm["codebook"].defaulted() && project->codebook) codebook_name = *project->codebook;
    if (paths.empty())
      for (const auto& f : project->files) paths.push_back(f.path.string());
  }
  if (paths.empty()) return usage_error(io, "report", "give at least one FILE or folder");

  net::Fetcher fetcher(network.fetch_options());
  const auto cb = load_codebook(codebook_name, fetcher, io, "report");
  if (!cb) return exit_failure;
  // The output folder is never read as input, even when it sits inside a project folder.
  const std::vector<fs::path> files = eaf::collect_eaf_files(paths, fs::path(output));

  // The progress line only makes sense on a terminal; in a pipe or a log it is noise.
  const bool show_progress = vm.count("quiet") == 0 && &io.err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
  Progress progress(io.err, show_progress, files.size());

  // Each document is read once and handed to the three analyses, then dropped: batches keep
  // memory bounded by the batch, not the project.
  const codebook::Project* project_ptr = project ? &*project : nullptr;
  check::Checker checker(*cb, project_ptr);
  reliability::ProjectBuilder builder(*cb, project_ptr);
  stages::StagesRun stages_run(*cb, project_ptr, {});
  constexpr std::size_t batch_size = 64;
  bool io_problem = false;
  const eaf::ReadOptions reading = read_options(fetcher);
  for (std::size_t start = 0; start < files.size(); start += batch_size) {
    const std::vector<fs::path> batch(
        files.begin() + static_cast<std::ptrdiff_t>(start),
        files.begin() + static_cast<std::ptrdiff_t>(std::min(files.size(), start + batch_size)));
    const auto docs = eaf::read_eaf_files(batch, reading, threads,
                                          [&](std::size_t done, std::size_t) { progress.files_done(start + done); });
    for (const auto& doc : docs) {
      io_problem = io_problem || std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(),
                                             [](const Diagnostic& d) { return d.rule.starts_with("io-"); });
      checker.add(doc);
      builder.add(doc);
      stages_run.add(doc);
    }
  }
  const check::CheckResult checked = checker.take();
  const reliability::Project paired = builder.finish();

  // The options `rapport agree PATHS` runs with by default, so that report.json's agreement
  // part is exactly that command's --format json document.
  reliability::ReliabilityOptions options;
  options.thresholds.source = "defaults; the codebook declares none";
  options.threads = threads;
  options.gamma_options.seed = options.seed;
  options.progress = [&](const std::string& phase) { progress.phase(phase); };
  const reliability::Reliability agreement = reliability::analyse(paired, *cb, options);
  progress.phase("episodes and stages");
  const stages::StagesResult staged = stages_run.finish();
  print_fetch_diagnostics(fetcher, io);

  reliability::ReportInput agree_input;
  agree_input.paths = paths;
  agree_input.codebook = cb->id;
  agree_input.files = files.size();
  agree_input.elan_min_overlap = options.elan_min_overlap;

  report::LabReportInput input;
  input.check = report::check_to_json(checked);
  input.agreement = reliability::reliability_document(agree_input, paired, agreement);
  input.stages = report::stages_to_json(staged);
  input.paths = paths;
  input.codebook = cb->id;
  input.generated_at = utc_now();
  input.version = RAPPORT_VERSION_STRING;
  input.include_transcript = vm.count("include-transcript") > 0;

  progress.phase("writing the report");
  const std::string error = report::write_lab_report(output, input, staged);
  progress.finish();
  if (!error.empty()) {
    io.err << "rapport report: " << error << '\n';
    return exit_failure;
  }
  for (const auto& d : checked.diagnostics)
    if (d.severity == Severity::error) io.err << format_diagnostic(d) << '\n';
  for (const auto& line : report::summary_lines(input)) io.out << line << '\n';
  io.out << "Wrote " << (fs::path(output) / "report.html").string() << " (and report.json, ";
  const auto outputs = report::lab_report_files();
  for (std::size_t i = 1; i + 1 < outputs.size(); ++i) io.out << outputs[i] << (i + 2 < outputs.size() ? ", " : ")\n");

  if (io_problem) return exit_failure;
  std::vector<Diagnostic> all = checked.diagnostics;
  all.insert(all.end(), agreement.diagnostics.begin(), agreement.diagnostics.end());
  return count_at_least(all, *threshold) > 0 ? exit_findings : exit_ok;
}

}  // namespace rapport::cli
