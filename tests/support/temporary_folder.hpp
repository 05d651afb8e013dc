// SPDX-License-Identifier: MIT
// Temporary folders for tests: a fresh folder for a scope, TMPDIR set for a scope, and the files
// of this process that are open in a folder (Linux: /proc/self/fd; for the unnamed temporary
// files of io::TemporarySpool).
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace rapport::test {

/// Sets TMPDIR for the life of the object, then puts back what was there.
class TmpdirSet {
 public:
  explicit TmpdirSet(const std::string& value) {
    if (const char* old = std::getenv("TMPDIR")) m_old = old;
    ::setenv("TMPDIR", value.c_str(), 1);
  }
  ~TmpdirSet() {
    if (m_old)
      ::setenv("TMPDIR", m_old->c_str(), 1);
    else
      ::unsetenv("TMPDIR");
  }
  TmpdirSet(const TmpdirSet&) = delete;
  TmpdirSet& operator=(const TmpdirSet&) = delete;

 private:
  std::optional<std::string> m_old;
};

/// A fresh empty folder under the system's temporary folder (rapport-NAME-PID-N), removed with
/// its contents at the end of the scope.
class TempDir {
 public:
  explicit TempDir(const std::string& name = "test") {
    m_path = std::filesystem::temp_directory_path() /
             ("rapport-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    // Folders a test made read-only or unreadable must be opened again to be removed.
    for (auto it = std::filesystem::recursive_directory_iterator(m_path, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code ignored;
      if (it->is_directory(ignored) && !it->is_symlink(ignored))
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all, std::filesystem::perm_options::add,
                                     ignored);
    }
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path m_path;
};

struct OpenFile {
  int fd = -1;
  std::string target;  ///< what /proc/self/fd/N points to: "DIR/NAME (deleted)" once unlinked
};

/// The files of this process that are open in `dir`.
inline std::vector<OpenFile> open_files_in(const std::filesystem::path& dir) {
  std::vector<OpenFile> found;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(fd.path(), ec).string();
    if (!ec && target.starts_with(dir.string() + "/")) found.push_back({std::stoi(fd.path().filename()), target});
  }
  return found;
}

}  // namespace rapport::test
