// SPDX-License-Identifier: MIT
#include "lab_run.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "rapport/report/timestamp.hpp"
#include "rapport/version.hpp"

namespace rapport::cli {

Progress::Progress(std::ostream& err, bool enabled, std::string command, std::size_t total,
                   std::chrono::milliseconds redraw)
    : m_err(err),
      m_enabled(enabled),
      m_command(std::move(command)),
      m_total(total),
      m_redraw(redraw),
      m_start(std::chrono::steady_clock::now()) {}

bool Progress::wanted(const Streams& io, bool quiet) {
  // The progress line only makes sense on a terminal; in a pipe or a log it is noise.
  return !quiet && &io.err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
}

void Progress::files_done(std::size_t done, const char* verb) {
  if (!m_enabled) return;
  const std::lock_guard lock(m_mutex);
  // Never step backwards.
  if (done <= m_done) return;
  m_done = done;
  const auto now = std::chrono::steady_clock::now();
  if (m_drawn && done < m_total && now - *m_drawn < m_redraw) return;
  m_drawn = now;
  const double elapsed = std::chrono::duration<double>(now - m_start).count();
  std::string eta;
  if (done > 0 && done < m_total)
    eta = ", about " +
          std::to_string(
              static_cast<long long>(elapsed / static_cast<double>(done) * static_cast<double>(m_total - done) + 0.5)) +
          " s left";
  m_err << "\rrapport " << m_command << ": " << verb << ' ' << done << "/" << m_total << " files" << eta << "\x1b[K"
        << std::flush;
}

void Progress::phase(const std::string& what) {
  if (!m_enabled) return;
  const std::lock_guard lock(m_mutex);
  m_err << "\rrapport " << m_command << ": " << what << "\x1b[K" << std::flush;
}

void Progress::finish() {
  if (m_enabled) m_err << "\r\x1b[K" << std::flush;
}

int finish_lab_report(report::LabAccumulator& accumulator, const report::LabSettings& settings,
                      const reliability::ReliabilityOptions& options, const std::string& output, Severity threshold,
                      Progress& progress, Streams& io, const std::string& command) {
  report::LabReportInput header;
  header.paths = settings.paths;
  header.codebook = settings.codebook_id;
  header.generated_at = report::utc_timestamp();
  header.version = RAPPORT_VERSION_STRING;
  header.include_transcript = settings.include_transcript;
  report::LabReportWriter writer(output, header);
  std::string error = writer.open();
  report::LabOutcome outcome;
  if (error.empty()) {
    outcome = accumulator.finish(settings, options, writer);
    progress.phase("writing the report");
    error = writer.commit();
  }
  progress.finish();
  if (!error.empty()) {
    io.err << "rapport " << command << ": " << error << '\n';
    return exit_failure;
  }
  for (const auto& d : outcome.errors) io.err << format_diagnostic(d) << '\n';
  for (const auto& line : writer.summary()) io.out << line << '\n';
  io.out << "Wrote " << (std::filesystem::path(output) / "report.html").string() << " (and report.json, ";
  const auto outputs = report::lab_report_files();
  for (std::size_t i = 1; i + 1 < outputs.size(); ++i) io.out << outputs[i] << (i + 2 < outputs.size() ? ", " : ")\n");
  if (outcome.io_problem) return exit_failure;
  return count_at_least(outcome.findings, threshold) > 0 ? exit_findings : exit_ok;
}

}  // namespace rapport::cli
