// SPDX-License-Identifier: MIT
// The on-disk cache. Layout: <cache>/<host>/<key>.json (metadata: URL, ETag, Last-Modified,
// body file name, size, checksum) and <cache>/<host>/<key>-<unique>-<name> (the body, a plain
// file other readers open by path). Both are written to a temporary name and renamed; the
// metadata is renamed last, so a reader sees either the old entry or the new one, never half.
// Superseded bodies are removed only once they are old, so a parallel reader that has just
// been handed one can still open it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rapport/diagnostic.hpp"

namespace rapport::net::detail {

struct CacheEntry {
  std::string url;
  std::filesystem::path body;  ///< absolute path of the body file
  std::uint64_t size = 0;
  std::string checksum;  ///< hex FNV-1a of the body
  std::string etag;
  std::string last_modified;
  std::string fetched_at;  ///< ISO 8601 UTC, when the body was downloaded
};

class Cache {
 public:
  explicit Cache(std::filesystem::path root) : m_root(std::move(root)) {}
  const std::filesystem::path& root() const noexcept { return m_root; }

  /// The entry for `url` if there is a sound one. A damaged entry (unreadable metadata, missing
  /// or altered body) adds a `net-cache-corrupt` warning and counts as absent.
  std::optional<CacheEntry> lookup(const std::string& url, std::vector<Diagnostic>& diagnostics) const;

  /// A fresh temporary file name in the entry's folder (created folders included), for the
  /// download to be written to before commit(). Empty on failure, with a diagnostic.
  std::filesystem::path temp_body(const std::string& url, std::vector<Diagnostic>& diagnostics) const;

  /// Moves the downloaded `temp` into place and writes the metadata. nullopt on failure (the
  /// temporary file is removed), with a diagnostic.
  std::optional<CacheEntry> commit(const std::string& url, const std::filesystem::path& temp, std::uint64_t size,
                                   const std::string& checksum, const std::string& etag,
                                   const std::string& last_modified, std::vector<Diagnostic>& diagnostics) const;

  /// Records a successful revalidation (new validators if the server sent them).
  void refresh(const CacheEntry& entry, const std::string& etag, const std::string& last_modified) const;

  /// Folder and key of the entry for `url` (exposed for tests that damage entries on purpose).
  std::filesystem::path metadata_path(const std::string& url) const;

 private:
  bool write_metadata(const CacheEntry& entry, std::vector<Diagnostic>& diagnostics) const;
  void remove_stale_bodies(const CacheEntry& current) const;
  std::filesystem::path m_root;
};

/// Current time as ISO 8601 UTC ("2024-05-01T12:00:00Z").
std::string now_iso8601();

}  // namespace rapport::net::detail
