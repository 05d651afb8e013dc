// SPDX-License-Identifier: MIT
#include "rapport/net/resolver.hpp"

namespace rapport::net {

const FetchResult& Fetcher::get(const std::string& url) {
  Entry* entry = nullptr;
  {
    std::lock_guard lock(m_mutex);
    auto [it, inserted] = m_entries.try_emplace(url);
    if (inserted) {
      it->second = std::make_unique<Entry>();
      m_order.push_back(it->second.get());
    }
    entry = it->second.get();
  }
  // Outside the lock: other URLs are fetched in parallel; the same URL waits on call_once.
  std::call_once(entry->once, [&] {
    entry->result = fetch(url, m_options);
    entry->done.store(true, std::memory_order_release);
  });
  return entry->result;
}

std::vector<Diagnostic> Fetcher::diagnostics() const {
  std::vector<const Entry*> order;
  {
    std::lock_guard lock(m_mutex);
    order = m_order;
  }
  std::vector<Diagnostic> out;
  // An entry still being fetched by another thread is skipped rather than waited for.
  for (const Entry* e : order) {
    if (!e->done.load(std::memory_order_acquire)) continue;
    out.insert(out.end(), e->result.diagnostics.begin(), e->result.diagnostics.end());
  }
  return out;
}

eaf::EcvResolver ecv_resolver(Fetcher& fetcher) {
  return
      [&fetcher](const std::string& url, const std::filesystem::path& eaf_dir) -> std::optional<std::filesystem::path> {
        if (auto local = eaf::resolve_local_ecv(url, eaf_dir)) return local;
        if (!is_remote_url(url)) return std::nullopt;
        return fetcher.get(url).path;
      };
}

}  // namespace rapport::net
