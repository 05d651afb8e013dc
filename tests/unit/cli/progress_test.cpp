// SPDX-License-Identifier: MIT
// The progress line of `rapport report` and `rapport merge` (lab_run.hpp): drawn only when
// enabled, never stepping back, and redrawn at most once per interval except for the last file,
// so that a project of thousands of small files does not send a line per file to the terminal.
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>

#include "lab_run.hpp"

using rapport::cli::Progress;
using namespace std::chrono_literals;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("progress: an interval no run reaches draws the first and the last file only", "[cli][progress]") {
  std::ostringstream err;
  Progress progress(err, true, "report", 100, std::chrono::hours(1));
  for (std::size_t done = 1; done <= 100; ++done) progress.files_done(done);
  const std::string text = err.str();
  CHECK(count_of(text, "\r") == 2);
  CHECK(text.find("\rrapport report: read 1/100 files, about ") == 0);
  CHECK(text.find("read 50/100") == std::string::npos);
  // The last line names no time left and clears the rest of the line.
  CHECK(text.ends_with("\rrapport report: read 100/100 files\x1b[K"));
}

TEST_CASE("progress: with no interval every new count is drawn, and a count never steps back", "[cli][progress]") {
  std::ostringstream err;
  Progress progress(err, true, "merge", 3, 0ms);
  progress.files_done(1, "merged");
  progress.files_done(2, "merged");
  progress.files_done(1, "merged");  // a slower thread reporting late: ignored
  progress.files_done(3, "merged");
  const std::string text = err.str();
  CHECK(count_of(text, "\r") == 3);
  CHECK(count_of(text, "merged 1/3") == 1);
  CHECK(count_of(text, "merged 2/3") == 1);
  CHECK(text.ends_with("\rrapport merge: merged 3/3 files\x1b[K"));
}

TEST_CASE("progress: disabled (not a terminal, or --quiet) it writes nothing", "[cli][progress]") {
  std::ostringstream err;
  Progress progress(err, false, "report", 2, 0ms);
  progress.files_done(1);
  progress.phase("segment level");
  progress.files_done(2);
  progress.finish();
  CHECK(err.str().empty());
}
