// SPDX-License-Identifier: MIT
// A run killed with SIGKILL at any moment leaves no truncated report: every file in DIR is
// either absent or complete (each is renamed into place whole; report_atomic_file.cpp).
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "rapport/report/atomic_file.hpp"
#include "rapport/report/lab_report.hpp"
#include "report_support.hpp"

using namespace rapport;
namespace fs = std::filesystem;

namespace {

const fs::path rapport_binary = fs::path(RAPPORT_BINARY_DIR) / "engine" / "cli" / "rapport";

pid_t start_report(const fs::path& dir) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(RAPPORT_SOURCE_DIR) != 0) ::_exit(127);
    const std::string out = dir.string();
    ::freopen("/dev/null", "w", stdout);
    ::freopen("/dev/null", "w", stderr);
    ::execl(rapport_binary.c_str(), "rapport", "report", "samples", "-o", out.c_str(), "--quiet",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("report: SIGKILL at any moment never leaves a truncated file", "[report][atomic][kill]") {
  REQUIRE(fs::is_regular_file(rapport_binary));
  test::InSourceDir here;
  const auto reference = test::fresh_dir("kill-reference");
  const auto started = std::chrono::steady_clock::now();
  const pid_t reference_pid = start_report(reference);
  // When DIR appears the run has read its files and starts writing (the report is written while
  // the analyses run, renamed into place at the end): the window the kills below aim at.
  while (!fs::exists(reference) && ::waitpid(reference_pid, nullptr, WNOHANG) == 0)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  const auto writing = std::chrono::steady_clock::now();
  const int status = wait_for(reference_pid);
  const auto full = std::chrono::steady_clock::now() - started;
  const auto window = std::chrono::steady_clock::now() - writing;
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  // Moments spread over the run, then moments inside the writing phase: after DIR appears (the
  // run creates it once the files are read), a few milliseconds more.
  struct Moment {
    double fraction;   // of the full run, or
    double after_dir;  // of the writing window after DIR appeared (-1: use fraction)
  };
  std::vector<Moment> moments;
  for (const double f : {0.2, 0.5, 0.8}) moments.push_back({f, -1});
  for (const double w : {0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95}) moments.push_back({0, w});
  std::size_t found_files = 0;
  for (std::size_t i = 0; i < moments.size(); ++i) {
    const auto& [fraction, after_dir] = moments[i];
    const auto dir = test::fresh_dir("kill-" + std::to_string(i));
    const pid_t pid = start_report(dir);
    if (after_dir < 0) {
      std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(full * fraction));
    } else {
      const auto deadline = std::chrono::steady_clock::now() + full * 4;
      while (!fs::exists(dir) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(window * after_dir));
    }
    ::kill(pid, SIGKILL);
    wait_for(pid);
    INFO("killed at " << fraction << " of the run / " << after_dir << " of the writing window");
    for (const auto& name : report::lab_report_files()) {
      const fs::path file = dir / name;
      if (!fs::exists(file)) continue;
      INFO(name);
      ++found_files;
      // Only the timestamp differs between runs, and it has a fixed width.
      CHECK(fs::file_size(file) == fs::file_size(reference / name));
      if (name.ends_with(".csv")) CHECK(test::slurp(file) == test::slurp(reference / name));
    }
    // Leftover temporaries carry the prefix a later run sweeps, never a report name.
    if (fs::exists(dir)) {
      const auto r = test::run_cli({"report", "samples/vignette", "-o", dir.string()});
      CHECK(r.rc == cli::exit_ok);
      for (const auto& entry : fs::directory_iterator(dir))
        CHECK_FALSE(entry.path().filename().string().starts_with(report::atomic_temp_prefix));
    }
  }
  // Kill moments are aimed at the writing window measured on the reference run; on a loaded
  // machine (CI runs tests in parallel) a run can be slower and every kill land before the first
  // rename. That is not a failure of atomicity, so it is reported rather than failed.
  if (found_files == 0) WARN("no kill landed after a report file was renamed into place this time");
}
