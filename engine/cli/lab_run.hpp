// SPDX-License-Identifier: MIT
// What `rapport report` and `rapport merge` share on the command line: the progress line and
// writing a finished project's report folder, its summary and its exit code.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

#include "cli.hpp"
#include "rapport/diagnostic.hpp"
#include "rapport/report/lab_project.hpp"

namespace rapport::cli {

/// A progress line on a terminal: files done of all, and the time left at the rate so far.
/// Redrawn at most every `redraw` (the first and the last file always): thousands of small
/// files would otherwise send a line per file, which a remote terminal pays for.
class Progress {
 public:
  Progress(std::ostream& err, bool enabled, std::string command, std::size_t total,
           std::chrono::milliseconds redraw = std::chrono::milliseconds(100));
  /// Whether progress goes to a terminal: stderr is one and --quiet was not given.
  static bool wanted(const Streams& io, bool quiet);
  void files_done(std::size_t done, const char* verb = "read");
  void phase(const std::string& what);
  void finish();

 private:
  std::ostream& m_err;
  bool m_enabled;
  std::string m_command;
  std::size_t m_total;
  std::size_t m_done = 0;
  std::chrono::milliseconds m_redraw;
  std::chrono::steady_clock::time_point m_start;
  std::optional<std::chrono::steady_clock::time_point> m_drawn;  ///< when the line was last drawn
  std::mutex m_mutex;
};

/// Finishes a project whose digests are all in `accumulator`: writes its report into `output`
/// while check, agreement and stages are computed (report::LabReportWriter, stamped with the
/// generation time and version), prints check's errors on stderr and the summary on stdout, and
/// returns the exit code: 2 when a file could not be read or the folder not written, 1 with
/// findings at or above `threshold`, else 0.
int finish_lab_report(report::LabAccumulator& accumulator, const report::LabSettings& settings,
                      const reliability::ReliabilityOptions& options, const std::string& output, Severity threshold,
                      Progress& progress, Streams& io, const std::string& command);

}  // namespace rapport::cli
