// SPDX-License-Identifier: MIT
// Output files written so that a reader (or a killed run) never sees a half-written file: the
// content goes to a temporary name in the target's folder, is flushed to disk, then renamed over
// the target (rename is atomic within one file system).
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>

namespace rapport::report {

/// The temporary names write_file_atomically uses start with this, so a later run can sweep the
/// ones a killed run left behind.
inline constexpr const char* atomic_temp_prefix = ".rapport-tmp-";

/// Calls `write` on a stream to a temporary file beside `path`, syncs it and renames it to
/// `path`. Returns "" on success, else why not; on failure nothing is left under either name.
std::string write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

/// Removes the temporary files of write_file_atomically that a killed run left in `dir`.
void remove_stale_temp_files(const std::filesystem::path& dir);

}  // namespace rapport::report
