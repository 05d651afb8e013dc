// SPDX-License-Identifier: MIT
// The one place libcurl is called: a bounded HTTP(S) GET into a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "rapport/net/fetch.hpp"

namespace rapport::net::detail {

struct HttpResponse {
  bool transport_ok = false;  ///< a complete HTTP response arrived
  long status = 0;
  std::string error_rule;  ///< net-* rule when !transport_ok
  std::string error;       ///< human-readable reason when !transport_ok
  std::uint64_t size = 0;  ///< body bytes written
  std::string checksum;    ///< hex FNV-1a of the body
  std::string head;        ///< the body's first bytes, to recognise non-XML
  std::string etag;
  std::string last_modified;
};

/// GETs `url` into `body_file` (truncated first). Conditional when `etag`/`last_modified` are
/// given. Never sends a request body.
HttpResponse http_get(const std::string& url, const std::filesystem::path& body_file, const std::string& etag,
                      const std::string& last_modified, const FetchOptions& options);

}  // namespace rapport::net::detail
