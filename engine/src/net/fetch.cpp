// SPDX-License-Identifier: MIT
// URL → local copy: file: URLs are read in place; http(s) goes through the cache, revalidated
// with the server when online, and the cached copy is the fallback when the server cannot be
// reached, as ELAN does for its CV cache.
#include "rapport/net/fetch.hpp"

#include <cctype>
#include <cstdlib>
#include <system_error>

#include "net/cache.hpp"
#include "net/http.hpp"
#include "net/util.hpp"

namespace rapport::net {
namespace fs = std::filesystem;
using detail::make_diagnostic;

namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

/// True when the first bytes can start an XML document (and not an HTML page).
bool looks_like_xml(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) return true;  // UTF-16: the parser decides
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front()))) head.remove_prefix(1);
  if (!head.starts_with('<')) return false;
  return !starts_with_nocase(head, "<!doctype html") && !starts_with_nocase(head, "<html");
}

FetchResult local(const std::string& url, const fs::path& path) {
  FetchResult r;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    r.path = path;
    r.source = Source::local_file;
  } else {
    r.diagnostics.push_back(
        make_diagnostic(Severity::error, "net-file-not-found", url, "no such file: " + path.string()));
  }
  return r;
}

FetchResult from_cache(const detail::CacheEntry& entry, std::vector<Diagnostic> diagnostics) {
  FetchResult r;
  r.path = entry.body;
  r.source = Source::cached;
  r.diagnostics = std::move(diagnostics);
  return r;
}

/// The fetch failed: use the cached copy if there is one (a warning), else report (an error).
FetchResult fallback(const std::string& url, const std::optional<detail::CacheEntry>& entry,
                     std::vector<Diagnostic> diagnostics, const std::string& rule, const std::string& why) {
  if (entry) {
    diagnostics.push_back(make_diagnostic(Severity::warning, rule, url,
                                          "cannot fetch " + url + ": " + why + "; using the cached copy from " +
                                              (entry->fetched_at.empty() ? "an earlier run" : entry->fetched_at)));
    return from_cache(*entry, std::move(diagnostics));
  }
  FetchResult r;
  r.diagnostics = std::move(diagnostics);
  r.diagnostics.push_back(make_diagnostic(Severity::error, rule, url, "cannot fetch " + url + ": " + why,
                                          "check the URL and the network, or fetch it once with network access"));
  return r;
}

}  // namespace

std::string_view to_string(Source source) noexcept {
  switch (source) {
    case Source::local_file: return "local file";
    case Source::downloaded: return "downloaded";
    case Source::revalidated: return "cache (revalidated)";
    case Source::cached: return "cache";
    case Source::none: return "none";
  }
  return "none";
}

std::string FetchResult::description() const {
  for (const Diagnostic& d : diagnostics)
    if (d.severity != Severity::info) return d.message;
  return "ok";
}

fs::path default_cache_dir() {
  // XDG Base Directory: a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "rapport";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "rapport";
  std::error_code ec;
  return fs::temp_directory_path(ec) / "rapport-cache";
}

bool is_remote_url(std::string_view url) noexcept {
  return starts_with_nocase(url, "http://") || starts_with_nocase(url, "https://");
}

bool is_file_url(std::string_view url) noexcept { return starts_with_nocase(url, "file:"); }

std::optional<fs::path> file_url_path(std::string_view url) {
  if (!is_file_url(url)) return std::nullopt;
  std::string_view rest = url.substr(5);
  if (starts_with_nocase(rest, "//localhost/"))
    rest.remove_prefix(11);
  else if (rest.starts_with("///"))
    rest.remove_prefix(2);
  else if (rest.starts_with("//"))
    return std::nullopt;  // file://host/...: another machine's file
  rest = rest.substr(0, rest.find_first_of("?#"));
  return fs::path(detail::percent_decode(rest));
}

FetchResult cached_copy(const std::string& url, const FetchOptions& options) {
  FetchOptions offline = options;
  offline.offline = true;
  return fetch(url, offline);
}

FetchResult fetch(const std::string& url, const FetchOptions& options) {
  if (is_file_url(url)) {
    if (auto path = file_url_path(url)) return local(url, *path);
    FetchResult r;
    r.diagnostics.push_back(
        make_diagnostic(Severity::error, "net-unsupported-url", url, "file URLs of another host are not read: " + url));
    return r;
  }
  const std::string scheme = detail::scheme_of(url);
  if (scheme.empty()) return local(url, fs::path(url));  // a plain path
  if (scheme != "http" && scheme != "https") {
    FetchResult r;
    r.diagnostics.push_back(make_diagnostic(Severity::error, "net-unsupported-url", url,
                                            "only http, https and file URLs are fetched, not " + scheme + ":"));
    return r;
  }

  const detail::Cache cache(options.cache_dir.empty() ? default_cache_dir() : options.cache_dir);
  std::vector<Diagnostic> diagnostics;
  const std::optional<detail::CacheEntry> entry = cache.lookup(url, diagnostics);
  if (options.offline) {
    if (entry) return from_cache(*entry, std::move(diagnostics));
    FetchResult r;
    r.diagnostics = std::move(diagnostics);
    r.diagnostics.push_back(
        make_diagnostic(Severity::error, "net-offline-not-cached", url,
                        "offline, and there is no cached copy of " + url + " in " + cache.root().string(),
                        "run once without --offline, or give a local copy"));
    return r;
  }

  const fs::path temp = cache.temp_body(url, diagnostics);
  if (temp.empty()) {
    if (entry) return from_cache(*entry, std::move(diagnostics));
    return FetchResult{std::nullopt, Source::none, std::move(diagnostics)};
  }
  const auto discard = [&] {
    std::error_code ec;
    fs::remove(temp, ec);
  };
  const detail::HttpResponse response = detail::http_get(url, temp, entry ? entry->etag : std::string{},
                                                         entry ? entry->last_modified : std::string{}, options);
  if (!response.transport_ok) {
    discard();
    return fallback(url, entry, std::move(diagnostics), response.error_rule, response.error);
  }
  if (response.status == 304 && entry) {
    discard();
    cache.refresh(*entry, response.etag, response.last_modified);
    FetchResult r = from_cache(*entry, std::move(diagnostics));
    r.source = Source::revalidated;
    return r;
  }
  if (response.status < 200 || response.status > 299) {
    discard();
    return fallback(url, entry, std::move(diagnostics), "net-http-error",
                    "the server answered HTTP " + std::to_string(response.status));
  }
  if (options.expect_xml && !looks_like_xml(response.head)) {
    discard();
    return fallback(url, entry, std::move(diagnostics), "net-not-xml",
                    "the server sent something that is not XML (an error or login page?)");
  }
  const auto stored =
      cache.commit(url, temp, response.size, response.checksum, response.etag, response.last_modified, diagnostics);
  if (!stored) {
    if (entry) return from_cache(*entry, std::move(diagnostics));
    return FetchResult{std::nullopt, Source::none, std::move(diagnostics)};
  }
  FetchResult r;
  r.path = stored->body;
  r.source = Source::downloaded;
  r.diagnostics = std::move(diagnostics);
  return r;
}

}  // namespace rapport::net
