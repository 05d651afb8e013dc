// SPDX-License-Identifier: MIT
// Faults while writing (issue 11): a full disk (RLIMIT_FSIZE on the child with SIGXFSZ ignored,
// so write() fails with EFBIG at chosen sizes; and a real ENOSPC on a small tmpfs where mounting
// is allowed), a read-only output folder (as nobody when the tests run as root), and SIGKILL in
// the middle of a run over a project with hostile files (the atomicity of every report file under
// SIGKILL is report_kill_test.cpp's; this one adds that no input is ever touched). In every
// case: inputs byte-identical before and after, each report file complete or absent, temporaries
// swept or carrying the .rapport-tmp- prefix, a clear message and a non-zero exit code.
#include <catch2/catch.hpp>

#include <sys/mount.h>

#include <cstring>
#include <map>

#include "child_process.hpp"
#include "rapport/report/atomic_file.hpp"
#include "rapport/report/lab_report.hpp"
#include "report_support.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace rapport;
using namespace rapport::test;

namespace {

Limits run_bounds() {
  Limits l;
  l.cpu_seconds = 120;
  l.wall_seconds = 240;
  return l;
}

/// samples/ copied to `dir`/project (the inputs whose bytes are compared).
fs::path copy_samples(const fs::path& dir) {
  const fs::path project = dir / "project";
  fs::create_directories(project);
  for (const auto& e : fs::directory_iterator(source_dir() / "samples"))
    if (e.path().extension() == ".eaf") fs::copy_file(e.path(), project / e.path().filename());
  // A hostile file among them: the faults must not depend on a clean project.
  fs::copy_file(data_dir() / "hostile" / "binary_garbage.eaf", project / "S09_coderA.eaf");
  return project;
}

/// Sizes of the report files of a complete run (only the timestamp differs between runs, and it
/// has a fixed width).
std::map<std::string, std::uintmax_t> reference_sizes(const fs::path& root) {
  const ChildResult r = run_rapport({"report", "project", "-o", "reference", "--quiet"}, root, run_bounds());
  REQUIRE(r.exited_normally());
  REQUIRE(r.exit_code == 1);  // binary_garbage.eaf
  std::map<std::string, std::uintmax_t> sizes;
  for (const auto& name : report::lab_report_files()) sizes[name] = fs::file_size(root / "reference" / name);
  return sizes;
}

/// Every report file in `out` is absent or complete; no temporary is left with a report name.
void check_complete_or_absent(const fs::path& out, const std::map<std::string, std::uintmax_t>& sizes) {
  if (!fs::exists(out)) return;
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    INFO(name);
    if (sizes.count(name)) {
      CHECK(fs::file_size(e.path()) == sizes.at(name));
    } else {
      // Anything else must be a temporary a later run sweeps.
      CHECK(name.starts_with(report::atomic_temp_prefix));
    }
  }
}

std::size_t temporaries(const fs::path& out) {
  std::size_t n = 0;
  if (!fs::exists(out)) return 0;
  for (const auto& e : fs::directory_iterator(out))
    if (e.path().filename().string().starts_with(report::atomic_temp_prefix)) ++n;
  return n;
}

bool has_line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with(prefix)) return true;
  return false;
}

}  // namespace

TEST_CASE("full disk while writing the report (RLIMIT_FSIZE): exit 2, a clear message, nothing partial",
          "[hostile][fault]") {
  const TempDir root("full-disk");
  const fs::path project = copy_samples(root.path());
  const auto sizes = reference_sizes(root.path());
  std::uintmax_t largest = 0;
  for (const auto& [name, size] : sizes) largest = std::max(largest, size);
  const Snapshot before = snapshot(project);
  // Limits that cut each file at a different point: the first file, the middle ones, the last.
  // Limits that cut the file being written at different points (each file is limited alone;
  // the tmpfs test below fills the disk across files). The child's stderr is a file under the same
  // limit, so the smallest cut leaves room for the message.
  for (const std::uint64_t limit : {std::uint64_t{512}, std::uint64_t{4096}, std::uint64_t{64} << 10,
                                    static_cast<std::uint64_t>(largest / 2), static_cast<std::uint64_t>(largest - 1)}) {
    INFO("RLIMIT_FSIZE " << limit);
    const std::string out = "out-" + std::to_string(limit);
    Limits l = run_bounds();
    l.fsize_bytes = limit;
    const ChildResult r = run_rapport({"report", "project", "-o", out, "--quiet"}, root.path(), l);
    INFO("stderr: " << r.err);
    REQUIRE(r.exited_normally());
    CHECK(r.exit_code == 2);
    CHECK(has_line_starting(r.err, "rapport report: cannot write "));
    check_complete_or_absent(root / out, sizes);
    CHECK(temporaries(root / out) == 0);
    CHECK(snapshot(project) == before);
  }
}

TEST_CASE("full disk on a real small tmpfs (ENOSPC), filled at each report file in turn", "[hostile][fault]") {
  const TempDir root("tmpfs");
  const fs::path project = copy_samples(root.path());
  const auto sizes = reference_sizes(root.path());
  const Snapshot before = snapshot(project);
  // Room for the files written before the n-th, and half of the n-th: each size fills the disk
  // inside a different file (the order in which the report writes them).
  std::uintmax_t written = 0;
  std::size_t mounted = 0;
  for (const auto& name : report::lab_report_files()) {
    const std::uintmax_t room = written + sizes.at(name) / 2;
    written += sizes.at(name);
    INFO("tmpfs of " << room << " bytes: full inside " << name);
    const TempDir mount_point("tmpfs-mount");
    if (::mount("tmpfs", mount_point.path().c_str(), "tmpfs", 0,
                ("size=" + std::to_string(std::max<std::uintmax_t>(room, 4096))).c_str()) != 0) {
      report_skip(std::string("cannot mount a tmpfs here (") + std::strerror(errno) +
                  "); the RLIMIT_FSIZE test covers the full disk");
      return;
    }
    ++mounted;
    const fs::path out = mount_point / "out";
    const ChildResult r = run_rapport({"report", "project", "-o", out.string(), "--quiet"}, root.path(), run_bounds());
    INFO("stderr: " << r.err);
    CHECK(r.exited_normally());
    CHECK(r.exit_code == 2);
    CHECK(has_line_starting(r.err, "rapport report: cannot write "));
    check_complete_or_absent(out, sizes);
    CHECK(temporaries(out) == 0);
    CHECK(snapshot(project) == before);
    ::umount2(mount_point.path().c_str(), MNT_DETACH);
  }
  CHECK(mounted == report::lab_report_files().size());
}

TEST_CASE("read-only output folder: exit 2, the folder named, nothing written", "[hostile][fault]") {
  const TempDir root("read-only");
  const fs::path project = copy_samples(root.path());
  fs::permissions(root.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
  fs::create_directory(root / "locked");
  fs::permissions(root / "locked", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                       fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  Limits l = run_bounds();
  // Root writes into a mode-555 folder anyway: then the child runs as nobody.
  l.drop_root = mode_bits_are_ignored(root.path());
  const Snapshot before = snapshot(project);
  SECTION("the output folder itself is read-only") {
    const ChildResult r = run_rapport({"report", "project", "-o", "locked", "--quiet"}, root.path(), l);
    INFO("stderr: " << r.err);
    REQUIRE(r.exited_normally());
    CHECK(r.exit_code == 2);
    CHECK(has_line_starting(r.err, "rapport report: cannot create locked/.rapport-tmp-report.json-"));
    CHECK(fs::is_empty(root / "locked"));
  }
  SECTION("the output folder would be created inside a read-only one") {
    const ChildResult r = run_rapport({"report", "project", "-o", "locked/out", "--quiet"}, root.path(), l);
    INFO("stderr: " << r.err);
    REQUIRE(r.exited_normally());
    CHECK(r.exit_code == 2);
    CHECK(r.err == "rapport report: cannot create the folder locked/out\n");
    CHECK(fs::is_empty(root / "locked"));
  }
  SECTION("the output is an existing file") {
    std::ofstream(root / "a_file") << "not a folder";
    const ChildResult r = run_rapport({"report", "project", "-o", "a_file", "--quiet"}, root.path(), l);
    REQUIRE(r.exited_normally());
    CHECK(r.exit_code == 2);
    CHECK(r.err == "rapport report: cannot create the folder a_file\n");
    CHECK(read_whole(root / "a_file") == "not a folder");
  }
  CHECK(snapshot(project) == before);
}

TEST_CASE("SIGKILL in the middle of a report run over a hostile project: inputs untouched", "[hostile][fault][kill]") {
  const TempDir root("kill");
  const fs::path project = copy_samples(root.path());
  for (const char* f : {"xxe_external_parameter_entity.eaf", "nul_byte_in_value.eaf", "utf16le_with_bom.eaf"})
    fs::copy_file(data_dir() / "hostile" / f, project / f);
  const Snapshot before = snapshot(project);
  const auto started = std::chrono::steady_clock::now();
  const auto sizes = reference_sizes(root.path());
  const auto full = std::chrono::steady_clock::now() - started;
  std::size_t killed_running = 0;
  for (const double fraction : {0.1, 0.3, 0.5, 0.7, 0.85, 0.95}) {
    INFO("killed at " << fraction << " of the run");
    const fs::path out = root / ("out-" + std::to_string(static_cast<int>(fraction * 100)));
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = spawn_rapport({"report", "project", "-o", out.filename().string(), "--quiet"}, root.path(),
                                    root / "kill.out", root / "kill.err", run_bounds());
    std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(full * fraction));
    siginfo_t info{};
    // WNOWAIT: look without reaping, so that wait_rapport below still collects the child.
    killed_running +=
        ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
    ::kill(pid, SIGKILL);
    (void)wait_rapport(pid, run_bounds(), t0, root / "kill.out", root / "kill.err");
    CHECK(snapshot(project) == before);
    check_complete_or_absent(out, sizes);
    // A later run into the same folder completes and sweeps what the killed one left.
    if (fs::exists(out)) {
      const ChildResult again =
          run_rapport({"report", "project", "-o", out.filename().string(), "--quiet"}, root.path(), run_bounds());
      CHECK(again.exit_code == 1);
      CHECK(temporaries(out) == 0);
      check_complete_or_absent(out, sizes);
    }
  }
  // On a loaded machine a kill may land after the run ended; that is no failure of the run.
  if (killed_running == 0) WARN("every kill landed after the run had finished this time");
  CHECK(snapshot(project) == before);
}

TEST_CASE("full disk while writing other outputs: codebook export and agree --review", "[hostile][fault]") {
  const TempDir root("full-disk-other");
  const fs::path project = copy_samples(root.path());
  const Snapshot before = snapshot(project);
  Limits l = run_bounds();
  l.fsize_bytes = 1024;
  SECTION("codebook export -o FILE") {
    const ChildResult r =
        run_rapport({"codebook", "export", "3rs-2015", "--format", "etf", "-o", "out.etf"}, root.path(), l);
    INFO("stderr: " << r.err);
    REQUIRE(r.exited_normally());
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(root / "out.etf"));
  }
  SECTION("agree PATHS --review DIR") {
    const ChildResult r = run_rapport({"agree", "project", "--review", "review"}, root.path(), l);
    INFO("stderr: " << r.err);
    REQUIRE(r.exited_normally());
    CHECK(r.exit_code == 2);
    CHECK(has_line_starting(r.err, "rapport agree: --review: cannot write review/S01_review.eaf: File too large"));
    // Review files are written whole or not at all, and no temporary is left behind.
    if (fs::exists(root / "review")) CHECK(fs::is_empty(root / "review"));
  }
  CHECK(snapshot(project) == before);
}

TEST_CASE("full disk: codebook export leaves no temporary behind", "[hostile][fault]") {
  // elan_writer.cpp left "<target>.tmp-rapport" after a failed write until 3dfd7fb moved it onto
  // report::write_file_atomically; this keeps it that way.
  const TempDir root("full-disk-temp");
  copy_samples(root.path());
  Limits l = run_bounds();
  l.fsize_bytes = 1024;
  const ChildResult r =
      run_rapport({"codebook", "export", "3rs-2015", "--format", "etf", "-o", "out.etf"}, root.path(), l);
  CHECK(r.exit_code == 2);
  CHECK_FALSE(fs::exists(root / "out.etf.tmp-rapport"));
  for (const auto& e : fs::directory_iterator(root.path())) {
    INFO(e.path().filename().string());
    CHECK_FALSE(e.path().filename().string().starts_with(report::atomic_temp_prefix));
    CHECK(e.path().filename().string() != "out.etf");
  }
}
