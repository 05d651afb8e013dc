// SPDX-License-Identifier: MIT
// Small helpers of the network module: hashing, URL pieces, unique temporary names.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "rapport/diagnostic.hpp"

namespace rapport::net::detail {

/// 64-bit FNV-1a, to key cache entries and to notice a damaged cached body.
class Fnv1a {
 public:
  void update(std::string_view bytes) noexcept {
    for (unsigned char c : bytes) {
      m_hash ^= c;
      m_hash *= 0x100000001b3ULL;
    }
  }
  std::uint64_t value() const noexcept { return m_hash; }

 private:
  std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

std::string hex64(std::uint64_t value);

/// Lower-cased scheme ("http", "https", "file"), or empty when there is none.
std::string scheme_of(std::string_view url);
/// Host (and ":port") of an http(s) URL, without user info.
std::string host_of(std::string_view url);
/// The last path segment, percent-decoded, without query or fragment.
std::string file_name_of(std::string_view url);
std::string percent_decode(std::string_view text);

/// A name no other thread or process sharing the folder will pick: pid, thread, counter, time.
std::string unique_suffix();

Diagnostic make_diagnostic(Severity severity, std::string rule, const std::string& url, std::string message,
                           std::string suggestion = {});

}  // namespace rapport::net::detail
