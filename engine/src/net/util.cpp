// SPDX-License-Identifier: MIT
#include "net/util.hpp"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <thread>

namespace rapport::net::detail {

std::string hex64(std::uint64_t value) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = digits[value & 0xfu];
    value >>= 4;
  }
  return out;
}

std::string scheme_of(std::string_view url) {
  const auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  std::string scheme;
  for (char c : url.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // A Windows drive letter ("C:\...") is a path, not a scheme.
  return scheme.size() == 1 ? std::string{} : scheme;
}

std::string host_of(std::string_view url) {
  const auto start = url.find("://");
  if (start == std::string_view::npos) return {};
  std::string_view rest = url.substr(start + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  return std::string(rest);
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string file_name_of(std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  if (const auto start = path.find("://"); start != std::string_view::npos) {
    path.remove_prefix(start + 3);
    const auto slash = path.find('/');
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  const auto slash = path.find_last_of('/');
  return percent_decode(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string unique_suffix() {
  static std::atomic<std::uint64_t> counter{0};
  Fnv1a h;
  const auto pid = static_cast<std::uint64_t>(::getpid());
  const auto tid = static_cast<std::uint64_t>(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  const auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  const std::uint64_t n = counter.fetch_add(1);
  for (std::uint64_t v : {pid, tid, now, n}) h.update(std::string_view(reinterpret_cast<const char*>(&v), sizeof v));
  // The pid in clear keeps names distinct across processes even if the hash collided.
  return std::to_string(pid) + "-" + hex64(h.value()).substr(0, 12);
}

Diagnostic make_diagnostic(Severity severity, std::string rule, const std::string& url, std::string message,
                           std::string suggestion) {
  Diagnostic d;
  d.severity = severity;
  d.rule = std::move(rule);
  d.file = url;
  d.message = std::move(message);
  if (!suggestion.empty()) d.suggestion = std::move(suggestion);
  return d;
}

}  // namespace rapport::net::detail
