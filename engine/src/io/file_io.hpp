// SPDX-License-Identifier: MIT
// Reading and writing at an offset of an open file descriptor (pread/pwrite), with the retries
// after signals and short transfers that every caller would otherwise repeat.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rapport::io {

/// Reads up to `size` bytes from the file's position (read(2)): the number read, less than `size`
/// only at the end of the file, or -1 with errno set.
std::int64_t read_next(int fd, char* out, std::size_t size) noexcept;

/// Reads up to `size` bytes at `offset` into `out`: the number read, less than `size` only at the
/// end of the file, or -1 with errno set.
std::int64_t read_at(int fd, char* out, std::size_t size, std::uint64_t offset) noexcept;

/// Writes all of `bytes` at `offset`; false with errno set when the write fails (ENOSPC when the
/// disk is full, EFBIG past a file-size limit).
bool write_at(int fd, std::string_view bytes, std::uint64_t offset) noexcept;

/// An unnamed temporary file in the temporary folder the user set (TMPDIR, as
/// std::filesystem::temp_directory_path reads it; std::tmpfile() ignores it and uses /tmp, often
/// small on a cluster node): made with a name starting `prefix`, which is removed at once, so the
/// system removes the file when the process ends, even when it is killed. -1 when that fails.
int unnamed_temporary_file(std::string_view prefix);

}  // namespace rapport::io
