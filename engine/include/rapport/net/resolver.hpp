// SPDX-License-Identifier: MIT
// One fetcher per run: every URL is fetched (or revalidated) at most once, however many files of
// a batch refer to it, and the reasons a fetch failed are kept for the front end to print.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "rapport/eaf/reader.hpp"
#include "rapport/net/fetch.hpp"

namespace rapport::net {

/// Memoising, thread-safe front of fetch(). Threads asking for the same URL wait for the one
/// fetch in progress instead of starting their own.
class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {}) : m_options(std::move(options)) {}
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  /// The result for `url`, fetched on the first call. The reference stays valid for the
  /// Fetcher's lifetime.
  const FetchResult& get(const std::string& url);
  const FetchOptions& options() const noexcept { return m_options; }
  /// The diagnostics of every fetch so far, in the order the URLs were first asked for.
  std::vector<Diagnostic> diagnostics() const;

 private:
  struct Entry {
    std::once_flag once;
    std::atomic<bool> done{false};
    FetchResult result;
  };
  FetchOptions m_options;
  mutable std::mutex m_mutex;
  std::map<std::string, std::unique_ptr<Entry>> m_entries;
  std::vector<const Entry*> m_order;
};

/// An eaf::EcvResolver for ReadOptions::ecv_resolver: local copies first
/// (eaf::resolve_local_ecv: `file:` URLs, relative paths, the same file name next to the .eaf),
/// then the cache and the network for http(s) URLs. `fetcher` must outlive the resolver.
eaf::EcvResolver ecv_resolver(Fetcher& fetcher);

}  // namespace rapport::net
