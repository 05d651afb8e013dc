// SPDX-License-Identifier: MIT
// Fetching the resources an ELAN project refers to by URL: external controlled vocabularies,
// codebooks and XML Schemas. This is the only module that talks to the network (libcurl), and it
// only ever downloads (HTTP GET): no request carries a body, so nothing the engine reads, and no
// transcript text, can leave the machine through it.
//
// Copies are kept in an on-disk cache like ELAN's CV cache (elan.md §1.7): keyed by URL,
// revalidated with ETag / Last-Modified, and used when the network is off or unreachable.
// Cache files are written to a temporary name and renamed, so parallel workers never see a torn
// file. Problems (timeouts, HTTP errors, a corrupt cache entry) are Diagnostics, never throws.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"

namespace rapport::net {

struct FetchOptions {
  /// Cache folder; empty means default_cache_dir().
  std::filesystem::path cache_dir;
  /// Never open a connection: cached copies and `file:` URLs only.
  bool offline = false;
  /// Time allowed to connect, and for the whole transfer (redirects included).
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{30'000};
  /// Largest body accepted (vocabularies and schemas are small; a huge body is a mistake).
  std::uint64_t max_bytes = 16u << 20;
  /// Redirects followed before giving up (http and https targets only).
  long max_redirects = 5;
  /// Extra CA certificates (PEM) to trust besides the system store, for a lab's own server.
  /// Certificate and host name verification are always on.
  std::filesystem::path ca_file;
  /// Refuse bodies that are not XML (an HTML error page from a proxy, a login portal) so they
  /// never enter the cache.
  bool expect_xml = true;
};

/// Where a fetched copy came from.
enum class Source {
  local_file,   ///< a `file:` URL or a plain path
  downloaded,   ///< fetched now (200) and stored in the cache
  revalidated,  ///< the server answered 304: the cached copy is current
  cached,       ///< the cached copy, without asking the server (offline, or the server unreachable)
  none,         ///< nothing usable
};
std::string_view to_string(Source source) noexcept;

/// The outcome of one fetch: a readable local copy, or nothing, with the diagnostics that say
/// why (rule ids `net-*`; the file of each diagnostic is the URL).
struct FetchResult {
  std::optional<std::filesystem::path> path;
  Source source = Source::none;
  std::vector<Diagnostic> diagnostics;

  explicit operator bool() const noexcept { return path.has_value(); }
  /// The first warning or error as one line, or "ok".
  std::string description() const;
};

/// `$XDG_CACHE_HOME/rapport`, else `$HOME/.cache/rapport`, else a folder under the system's
/// temporary directory.
std::filesystem::path default_cache_dir();

/// True for http:// and https:// URLs (case-insensitive scheme).
bool is_remote_url(std::string_view url) noexcept;
/// True for file: URLs.
bool is_file_url(std::string_view url) noexcept;
/// The local path a `file:` URL names (`file:///a/b`, `file://localhost/a/b`, `file:/a/b`),
/// percent-decoded; nullopt for another host or scheme.
std::optional<std::filesystem::path> file_url_path(std::string_view url);

/// Fetches `url` (http, https or file) through the cache. Thread-safe; safe across processes
/// sharing one cache folder.
FetchResult fetch(const std::string& url, const FetchOptions& options = {});

/// The cached copy of `url` without any network access (what `--offline` would use).
FetchResult cached_copy(const std::string& url, const FetchOptions& options = {});

}  // namespace rapport::net
