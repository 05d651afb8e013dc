// SPDX-License-Identifier: MIT
// libcurl, used here and nowhere else in Rapport. Every transfer is a plain GET with bounded
// time, size and redirects, certificate verification on, and http/https as the only protocols
// (a redirect to file:, ftp: or anything else is refused).
#include "net/http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <mutex>

#include "net/util.hpp"

namespace rapport::net::detail {
namespace {

void ensure_curl_initialized() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  std::FILE* file = nullptr;
  std::uint64_t max_bytes = 0;
  std::uint64_t size = 0;
  bool too_large = false;
  bool write_failed = false;
  Fnv1a hash;
  std::string head;
  long status = 0;
  std::string etag;
  std::string last_modified;
};

constexpr std::size_t head_bytes = 512;

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  // Checked on the bytes as they arrive: a server may send no Content-Length, or a wrong one.
  if (t.size + n > t.max_bytes) {
    t.too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  if (std::fwrite(data, 1, n, t.file) != n) {
    t.write_failed = true;
    return 0;
  }
  t.size += n;
  t.hash.update(std::string_view(data, n));
  if (t.head.size() < head_bytes) t.head.append(data, std::min(n, head_bytes - t.head.size()));
  return n;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    // A new response (after a redirect): the validators of earlier responses do not apply.
    t.etag.clear();
    t.last_modified.clear();
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (name == "etag") t.etag = trim(line.substr(colon + 1));
  if (name == "last-modified") t.last_modified = trim(line.substr(colon + 1));
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

std::string seconds(std::chrono::milliseconds ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
  return buffer;
}

}  // namespace

HttpResponse http_get(const std::string& url, const std::filesystem::path& body_file, const std::string& etag,
                      const std::string& last_modified, const FetchOptions& options) {
  ensure_curl_initialized();
  HttpResponse response;
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(body_file.c_str(), "wb"));
  if (!file) {
    response.error_rule = "net-cache-unwritable";
    response.error = "cannot write " + body_file.string();
    return response;
  }
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    response.error_rule = "net-fetch-failed";
    response.error = "cannot initialise libcurl";
    return response;
  }
  Transfer t;
  t.file = file.get();
  t.max_bytes = options.max_bytes;

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  const auto add_header = [&](const std::string& h) { headers.reset(curl_slist_append(headers.release(), h.c_str())); };
  if (!etag.empty()) add_header("If-None-Match: " + etag);
  if (!last_modified.empty()) add_header("If-Modified-Since: " + last_modified);

  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);  // GET only: nothing is ever uploaded
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // batch workers fetch from several threads
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "rapport (ELAN vocabulary/codebook/schema fetcher)");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  const CURLcode rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  if (std::fflush(file.get()) != 0) t.write_failed = true;
  response.size = t.size;
  response.checksum = hex64(t.hash.value());
  response.head = std::move(t.head);
  response.etag = std::move(t.etag);
  response.last_modified = std::move(t.last_modified);

  const std::string detail = error_buffer[0] ? std::string(error_buffer) : std::string(curl_easy_strerror(rc));
  if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    response.error_rule = "net-too-large";
    response.error = "the response is larger than the limit of " + std::to_string(options.max_bytes) + " bytes";
  } else if (t.write_failed) {
    response.error_rule = "net-cache-unwritable";
    response.error = "cannot write the download to " + body_file.string();
  } else {
    switch (rc) {
      case CURLE_OK: response.transport_ok = true; break;
      case CURLE_OPERATION_TIMEDOUT:
        response.error_rule = "net-timeout";
        response.error = "no complete answer within " + seconds(options.timeout) + " (" + detail + ")";
        break;
      case CURLE_TOO_MANY_REDIRECTS:
        response.error_rule = "net-too-many-redirects";
        response.error = "more than " + std::to_string(options.max_redirects) + " redirects (" + detail + ")";
        break;
      case CURLE_PARTIAL_FILE:
        response.error_rule = "net-truncated";
        response.error = "the connection closed before the whole body arrived (" + detail + ")";
        break;
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
      case CURLE_GOT_NOTHING:
      case CURLE_RECV_ERROR:
      case CURLE_SEND_ERROR:
        response.error_rule = "net-unreachable";
        response.error = "cannot reach the server (" + detail + ")";
        break;
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_SSL_CERTPROBLEM:
        response.error_rule = "net-tls";
        response.error = "the secure connection failed; the server's certificate was not accepted (" + detail + ")";
        break;
      case CURLE_UNSUPPORTED_PROTOCOL:
        response.error_rule = "net-unsupported-url";
        response.error = "only http, https and file URLs are fetched (" + detail + ")";
        break;
      default:
        response.error_rule = "net-fetch-failed";
        response.error = detail;
        break;
    }
  }
  return response;
}

}  // namespace rapport::net::detail
