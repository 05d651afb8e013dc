// SPDX-License-Identifier: MIT
// Running the real `rapport` binary as a child under bounds (issue 11): CPU seconds
// (RLIMIT_CPU), a wall-clock timeout (SIGKILL), optionally an address-space limit (release builds
// only: ASan reserves terabytes of shadow memory, so RLIMIT_AS cannot work under it) and a
// file-size limit (RLIMIT_FSIZE with SIGXFSZ ignored: a full disk as the writer sees it, EFBIG).
// The peak RSS comes from wait4's rusage. stdout and stderr go to files, so a chatty child never
// blocks on a full pipe.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <grp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "temporary_folder.hpp"

namespace rapport::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool under_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool under_sanitizer = true;
#else
inline constexpr bool under_sanitizer = false;
#endif
#else
inline constexpr bool under_sanitizer = false;
#endif

inline std::filesystem::path rapport_binary() {
  return std::filesystem::path(RAPPORT_BINARY_DIR) / "engine" / "cli" / "rapport";
}

struct Limits {
  int cpu_seconds = 30;                      ///< RLIMIT_CPU (the kernel sends SIGXCPU, then SIGKILL)
  double wall_seconds = 120;                 ///< then SIGKILL from here
  std::optional<std::uint64_t> fsize_bytes;  ///< RLIMIT_FSIZE, SIGXFSZ ignored
  std::optional<std::uint64_t> as_bytes;     ///< RLIMIT_AS, ignored under a sanitizer
  /// Run as nobody (65534) when started as root, for whom file modes mean nothing.
  bool drop_root = false;
};

struct ChildResult {
  int exit_code = -1;  ///< -1 when killed by a signal
  int signal = 0;
  bool timed_out = false;
  double wall_seconds = 0;
  long max_rss_kb = 0;
  std::string out, err;
  bool exited_normally() const { return exit_code >= 0 && signal == 0 && !timed_out; }
};

inline std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Starts `rapport ARGS...` in `cwd`; returns the pid. Output goes to `out_file` and `err_file`.
inline pid_t spawn_rapport(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                           const std::filesystem::path& out_file, const std::filesystem::path& err_file,
                           const Limits& limits) {
  std::vector<std::string> argv_store{"rapport"};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string binary = rapport_binary().string();
  // The environment is prepared before fork (the test process may have threads). Under the
  // sanitizers, LeakSanitizer gets the suppressions of a leak inside Xerces (lsan_xerces.supp).
  std::vector<std::string> env_store;
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with("LSAN_OPTIONS=")) env_store.emplace_back(*e);
  if (under_sanitizer) {
    const char* lsan = std::getenv("LSAN_OPTIONS");
    env_store.push_back(std::string("LSAN_OPTIONS=") + (lsan ? std::string(lsan) + ":" : std::string()) +
                        "print_suppressions=0:suppressions=" + RAPPORT_SOURCE_DIR +
                        "/tests/unit/hostile/lsan_xerces.supp");
  }
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  // Child: only async-signal-safe calls from here on.
  if (::chdir(cwd.c_str()) != 0) ::_exit(126);
  const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int in = ::open("/dev/null", O_RDONLY);
  if (out < 0 || err < 0 || in < 0) ::_exit(126);
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  ::setpgid(0, 0);
  rlimit cpu{static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(limits.cpu_seconds + 5)};
  ::setrlimit(RLIMIT_CPU, &cpu);
  if (limits.as_bytes && !under_sanitizer) {
    rlimit as{*limits.as_bytes, *limits.as_bytes};
    ::setrlimit(RLIMIT_AS, &as);
  }
  if (limits.fsize_bytes) {
    // The stdout/stderr files are opened already; the limit applies to writes past it, so the
    // child's own output is kept small by the tests that use this.
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit fs{*limits.fsize_bytes, *limits.fsize_bytes};
    ::setrlimit(RLIMIT_FSIZE, &fs);
  }
  if (limits.drop_root && ::geteuid() == 0) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(125);
  }
  ::execve(binary.c_str(), argv.data(), envp.data());
  ::_exit(127);
}

/// Waits for `pid` up to the wall-clock limit (then SIGKILLs its process group).
inline ChildResult wait_rapport(pid_t pid, const Limits& limits, std::chrono::steady_clock::time_point started,
                                const std::filesystem::path& out_file, const std::filesystem::path& err_file) {
  ChildResult r;
  int status = 0;
  rusage usage{};
  while (true) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid || done < 0) break;  // < 0: already reaped elsewhere
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() > limits.wall_seconds) {
      r.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  r.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = read_whole(out_file);
  r.err = read_whole(err_file);
  return r;
}

/// Runs `rapport ARGS...` in `cwd` under `limits` and collects everything.
inline ChildResult run_rapport(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                               const Limits& limits = {}) {
  static int counter = 0;
  const auto tmp = std::filesystem::temp_directory_path();
  const std::string stem = "rapport-child-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const auto out_file = tmp / (stem + ".out");
  const auto err_file = tmp / (stem + ".err");
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = spawn_rapport(args, cwd, out_file, err_file, limits);
  ChildResult r = wait_rapport(pid, limits, started, out_file, err_file);
  std::error_code ec;
  std::filesystem::remove(out_file, ec);
  std::filesystem::remove(err_file, ec);
  return r;
}

/// Every regular file under `dir` (not following symlinks) with its bytes and mode: compared
/// before and after a run to prove that nothing the engine read was written.
struct Snapshot {
  struct Entry {
    std::string bytes;
    std::filesystem::perms perms;
    std::filesystem::file_time_type mtime;
    bool operator==(const Entry&) const = default;
  };
  std::vector<std::pair<std::string, Entry>> files;
  bool operator==(const Snapshot&) const = default;
};

inline Snapshot snapshot(const std::filesystem::path& dir) {
  Snapshot s;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code e;
    if (!it->is_regular_file(e) || it->is_symlink(e)) continue;
    s.files.push_back(
        {it->path().string(), {read_whole(it->path()), it->status(e).permissions(), it->last_write_time(e)}});
  }
  std::sort(s.files.begin(), s.files.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return s;
}

/// Whether this process can read files whatever their mode (root, or CAP_DAC_OVERRIDE /
/// CAP_DAC_READ_SEARCH): then chmod 000 does not make a file unreadable.
inline bool mode_bits_are_ignored(const std::filesystem::path& probe_dir) {
  const auto probe = probe_dir / ".mode-probe";
  { std::ofstream(probe) << "x"; }
  std::filesystem::permissions(probe, std::filesystem::perms::none);
  const int fd = ::open(probe.c_str(), O_RDONLY);
  const bool ignored = fd >= 0;
  if (fd >= 0) ::close(fd);
  std::error_code ec;
  std::filesystem::remove(probe, ec);
  return ignored;
}

}  // namespace rapport::test
