// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "rapport/report/atomic_file.hpp"

namespace rapport::report {

namespace fs = std::filesystem;

namespace {

/// fsync before rename: without it a crash after the rename can leave an empty file on some
/// file systems (ext4 without auto_da_alloc, XFS).
bool sync_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

}  // namespace

std::string write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  // Unique per process and call, so concurrent writers of one folder never share a temporary.
  static std::atomic<unsigned> counter{0};
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const fs::path tmp = dir / (std::string(atomic_temp_prefix) + path.filename().string() + "-" +
                              std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot create " + tmp.string() + ": " + std::strerror(errno);
    try {
      write(out);
    } catch (const std::exception& e) {
      out.close();
      fs::remove(tmp, ec);
      return "cannot write " + path.string() + ": " + e.what();
    }
    out.flush();
    if (!out) {
      // Say why (a full disk: "No space left on device", a size limit: "File too large").
      const std::string why = std::strerror(errno);
      out.close();
      fs::remove(tmp, ec);
      return "cannot write " + path.string() + ": " + why;
    }
  }
  if (!sync_file(tmp)) {
    fs::remove(tmp, ec);
    return "cannot sync " + tmp.string();
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message();
  }
  return {};
}

void remove_stale_temp_files(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(atomic_temp_prefix)) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

}  // namespace rapport::report
