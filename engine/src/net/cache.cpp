// SPDX-License-Identifier: MIT
#include "net/cache.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

#include "net/util.hpp"

namespace rapport::net::detail {
namespace fs = std::filesystem;

namespace {

constexpr int metadata_format = 1;
/// A superseded body is kept this long after it was superseded: a run that was handed its path
/// just before may still be opening it.
constexpr auto superseded_grace = std::chrono::hours(1);
constexpr std::uintmax_t max_metadata_bytes = 64 * 1024;

std::string sanitize(std::string_view text, std::size_t max_length) {
  std::string out;
  for (char c : text) {
    if (out.size() >= max_length) break;
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  // Never "." or "..": the name must stay inside its folder.
  if (out.empty() || out.find_first_not_of('.') == std::string::npos) out = "_" + out;
  return out;
}

std::string key_of(const std::string& url) {
  Fnv1a h;
  h.update(url);
  return hex64(h.value());
}

fs::path folder_of(const fs::path& root, const std::string& url) { return root / sanitize(host_of(url), 100); }

std::optional<std::string> checksum_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Fnv1a h;
  char buffer[64 * 1024];
  while (in) {
    in.read(buffer, sizeof buffer);
    h.update(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return std::nullopt;
  return hex64(h.value());
}

std::string string_field(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

}  // namespace

std::string now_iso8601() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

fs::path Cache::metadata_path(const std::string& url) const { return folder_of(m_root, url) / (key_of(url) + ".json"); }

std::optional<CacheEntry> Cache::lookup(const std::string& url, std::vector<Diagnostic>& diagnostics) const {
  const fs::path meta = metadata_path(url);
  std::error_code ec;
  if (!fs::exists(meta, ec)) return std::nullopt;

  const auto corrupt = [&](const std::string& why) {
    diagnostics.push_back(make_diagnostic(Severity::warning, "net-cache-corrupt", url,
                                          "ignoring the damaged cache entry " + meta.string() + " (" + why + ")",
                                          "delete it; the resource is fetched again when the network is available"));
    return std::nullopt;
  };
  const std::uintmax_t meta_size = fs::file_size(meta, ec);
  if (ec) return corrupt("cannot read it: " + ec.message());
  if (meta_size > max_metadata_bytes) return corrupt("metadata larger than " + std::to_string(max_metadata_bytes));
  std::ifstream in(meta, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return corrupt("cannot read it");
  boost::system::error_code json_ec;
  const boost::json::value parsed = boost::json::parse(text.str(), json_ec);
  if (json_ec || !parsed.is_object()) return corrupt("metadata is not a JSON object");
  const boost::json::object& o = parsed.as_object();
  const auto* format = o.if_contains("format");
  if (!format || !format->is_int64() || format->as_int64() != metadata_format)
    return corrupt("unknown metadata format");
  if (string_field(o, "url") != url) return std::nullopt;  // another URL with the same key: a miss

  CacheEntry entry;
  entry.url = url;
  const std::string body = string_field(o, "body");
  if (body.empty() || body != sanitize(body, body.size()) || body.starts_with("."))
    return corrupt("metadata names no valid body file");
  entry.body = meta.parent_path() / body;
  const auto* size = o.if_contains("size");
  if (!size || !size->is_int64() || size->as_int64() < 0) return corrupt("metadata has no size");
  entry.size = static_cast<std::uint64_t>(size->as_int64());
  entry.checksum = string_field(o, "fnv1a64");
  entry.etag = string_field(o, "etag");
  entry.last_modified = string_field(o, "last_modified");
  entry.fetched_at = string_field(o, "fetched_at");

  const std::uintmax_t actual = fs::file_size(entry.body, ec);
  if (ec) return corrupt("body " + entry.body.filename().string() + " is missing");
  if (actual != entry.size)
    return corrupt("body has " + std::to_string(actual) + " bytes, metadata says " + std::to_string(entry.size));
  if (checksum_of(entry.body) != entry.checksum) return corrupt("body checksum does not match");
  return entry;
}

fs::path Cache::temp_body(const std::string& url, std::vector<Diagnostic>& diagnostics) const {
  const fs::path folder = folder_of(m_root, url);
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    diagnostics.push_back(make_diagnostic(Severity::error, "net-cache-unwritable", url,
                                          "cannot create the cache folder " + folder.string() + ": " + ec.message(),
                                          "give a writable folder with --cache-dir"));
    return {};
  }
  return folder / (key_of(url) + ".tmp-" + unique_suffix());
}

bool Cache::write_metadata(const CacheEntry& entry, std::vector<Diagnostic>& diagnostics) const {
  boost::json::object o;
  o["format"] = metadata_format;
  o["url"] = entry.url;
  o["body"] = entry.body.filename().string();
  o["size"] = static_cast<std::int64_t>(entry.size);
  o["fnv1a64"] = entry.checksum;
  o["etag"] = entry.etag;
  o["last_modified"] = entry.last_modified;
  o["fetched_at"] = entry.fetched_at;
  o["validated_at"] = now_iso8601();
  const fs::path meta = metadata_path(entry.url);
  const fs::path temp = meta.parent_path() / (key_of(entry.url) + ".json.tmp-" + unique_suffix());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << boost::json::serialize(o) << '\n';
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      diagnostics.push_back(make_diagnostic(Severity::error, "net-cache-unwritable", entry.url,
                                            "cannot write the cache metadata " + temp.string()));
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temp, meta, ec);  // atomic: readers see the old metadata or the new, never half
  if (ec) {
    fs::remove(temp, ec);
    diagnostics.push_back(make_diagnostic(Severity::error, "net-cache-unwritable", entry.url,
                                          "cannot rename the cache metadata into " + meta.string()));
    return false;
  }
  return true;
}

std::optional<CacheEntry> Cache::commit(const std::string& url, const fs::path& temp, std::uint64_t size,
                                        const std::string& checksum, const std::string& etag,
                                        const std::string& last_modified, std::vector<Diagnostic>& diagnostics) const {
  // The body that is current now is superseded by this commit; mark when, so that it is kept
  // for a grace period (see superseded_grace).
  std::vector<Diagnostic> ignored;
  const std::optional<CacheEntry> previous = lookup(url, ignored);

  CacheEntry entry;
  entry.url = url;
  entry.size = size;
  entry.checksum = checksum;
  entry.etag = etag;
  entry.last_modified = last_modified;
  entry.fetched_at = now_iso8601();
  entry.body = temp.parent_path() / (key_of(url) + "-" + unique_suffix() + "-" + sanitize(file_name_of(url), 80));
  std::error_code ec;
  fs::rename(temp, entry.body, ec);
  if (ec) {
    fs::remove(temp, ec);
    diagnostics.push_back(make_diagnostic(Severity::error, "net-cache-unwritable", url,
                                          "cannot store the downloaded copy in " + temp.parent_path().string()));
    return std::nullopt;
  }
  if (!write_metadata(entry, diagnostics)) {
    fs::remove(entry.body, ec);
    return std::nullopt;
  }
  if (previous && previous->body != entry.body)
    fs::last_write_time(previous->body, fs::file_time_type::clock::now(), ec);
  remove_stale_bodies(entry);
  return entry;
}

void Cache::refresh(const CacheEntry& entry, const std::string& etag, const std::string& last_modified) const {
  CacheEntry updated = entry;
  if (!etag.empty()) updated.etag = etag;
  if (!last_modified.empty()) updated.last_modified = last_modified;
  // Only if no other process has replaced the entry meanwhile: never point back at a body that
  // may already be superseded.
  std::vector<Diagnostic> ignored;
  const auto current = lookup(entry.url, ignored);
  if (!current || current->body != entry.body) return;
  write_metadata(updated, ignored);
}

void Cache::remove_stale_bodies(const CacheEntry& current) const {
  const std::string key = key_of(current.url);
  const auto cutoff = fs::file_time_type::clock::now() - superseded_grace;
  std::error_code ec;
  for (fs::directory_iterator it(current.body.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(key) || it->path() == current.body || name == key + ".json") continue;
    std::error_code time_ec;
    const auto written = fs::last_write_time(it->path(), time_ec);
    if (time_ec || written > cutoff) continue;
    std::error_code remove_ec;
    fs::remove(it->path(), remove_ec);  // best effort: another process may have removed it
  }
}

}  // namespace rapport::net::detail
