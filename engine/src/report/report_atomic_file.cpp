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

fs::path temp_path_in(const fs::path& dir, std::string_view name) {
  // Unique per process and call, so concurrent writers of one folder never share a temporary.
  static std::atomic<unsigned> counter{0};
  return dir / (std::string(atomic_temp_prefix) + std::string(name) + "-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter++));
}

AtomicFile::AtomicFile(fs::path path) : m_path(std::move(path)) {}

AtomicFile::~AtomicFile() { discard(); }

std::string AtomicFile::open() {
  const fs::path dir = m_path.has_parent_path() ? m_path.parent_path() : fs::path(".");
  m_tmp = temp_path_in(dir, m_path.filename().string());
  m_out.open(m_tmp, std::ios::binary | std::ios::trunc);
  if (!m_out) return "cannot create " + m_tmp.string() + ": " + std::strerror(errno);
  m_open = true;
  return {};
}

void AtomicFile::discard() {
  if (!m_open) return;
  m_open = false;
  m_out.close();
  std::error_code ec;
  fs::remove(m_tmp, ec);
}

std::string AtomicFile::fail(std::string_view why) {
  discard();
  return "cannot write " + m_path.string() + ": " + std::string(why);
}

std::string AtomicFile::commit() {
  m_out.flush();
  if (!m_out) {
    // Say why (a full disk: "No space left on device", a size limit: "File too large").
    const std::string why = std::strerror(errno);
    return fail(why);
  }
  m_out.close();
  if (!sync_file(m_tmp)) {
    discard();
    return "cannot sync " + m_tmp.string();
  }
  std::error_code ec;
  fs::rename(m_tmp, m_path, ec);
  if (ec) {
    discard();
    return "cannot rename " + m_tmp.string() + " to " + m_path.string() + ": " + ec.message();
  }
  m_open = false;
  return {};
}

std::string write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  AtomicFile file(path);
  if (std::string error = file.open(); !error.empty()) return error;
  try {
    write(file.stream());
  } catch (const std::exception& e) {
    return file.fail(e.what());
  }
  return file.commit();
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
