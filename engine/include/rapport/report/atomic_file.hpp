// SPDX-License-Identifier: MIT
// Output files written so that a reader (or a killed run) never sees a half-written file: the
// content goes to a temporary name in the target's folder, is flushed to disk, then renamed over
// the target (rename is atomic within one file system).
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace rapport::report {

/// The temporary names write_file_atomically uses start with this, so a later run can sweep the
/// ones a killed run left behind.
inline constexpr const char* atomic_temp_prefix = ".rapport-tmp-";

/// Calls `write` on a stream to a temporary file beside `path`, syncs it and renames it to
/// `path`. Returns "" on success, else why not; on failure nothing is left under either name.
std::string write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

/// A file written under a temporary name beside its path and renamed into place whole by
/// commit(). Destroyed (or discarded) before that, it removes the temporary: the path is never
/// half-written. A killed process leaves the temporary, which remove_stale_temp_files sweeps.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// Creates the temporary. Returns "" or why not.
  std::string open();
  /// The temporary's stream, after open().
  std::ostream& stream() { return m_out; }
  /// Flushes, checks, syncs and renames the temporary to the path. Returns "" or why not (the
  /// temporary is then removed).
  std::string commit();
  /// Closes and removes the temporary.
  void discard();
  /// "cannot write PATH: WHY", removing the temporary: for a writer that failed.
  std::string fail(std::string_view why);
  const std::filesystem::path& path() const noexcept { return m_path; }

 private:
  std::filesystem::path m_path, m_tmp;
  std::ofstream m_out;
  bool m_open = false;
};

/// A unique temporary name in `dir` for `name`, starting with atomic_temp_prefix.
std::filesystem::path temp_path_in(const std::filesystem::path& dir, std::string_view name);

/// Removes the temporary files of write_file_atomically that a killed run left in `dir`.
void remove_stale_temp_files(const std::filesystem::path& dir);

}  // namespace rapport::report
