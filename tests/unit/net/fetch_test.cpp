// SPDX-License-Identifier: MIT
// rapport::net::fetch against a real HTTP server on 127.0.0.1: the cache (hit, miss,
// revalidation with ETag and Last-Modified, offline use, damaged entries), the limits (time, size,
// redirects), error answers, file: URLs, and that nothing but bodiless GETs is ever sent.
#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "http_server.hpp"
#include "net/cache.hpp"
#include "net_test_support.hpp"
#include "rapport/net/fetch.hpp"
#include "rapport/net/resolver.hpp"

using namespace rapport;
using rapport::test::find_rule;
using rapport::test::HttpServer;
using rapport::test::Route;
using rapport::test::rules_of;
using rapport::test::TempDir;

namespace {

const std::string ecv_body = "<?xml version=\"1.0\"?>\n<CV_RESOURCE VERSION=\"0.2\"/>\n";

net::FetchOptions options_for(const TempDir& dir) {
  rapport::test::no_proxy_for_loopback();
  net::FetchOptions o;
  o.cache_dir = dir.path() / "cache";
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.timeout = std::chrono::milliseconds(3000);
  return o;
}

Route xml(std::string body, std::string etag = {}, std::string last_modified = {}) {
  Route r;
  r.body = std::move(body);
  r.etag = std::move(etag);
  r.last_modified = std::move(last_modified);
  return r;
}

}  // namespace

TEST_CASE("a fresh fetch downloads into the cache, a second one revalidates with ETag", "[net][cache]") {
  TempDir dir;
  HttpServer server;
  server.set("/v.ecv", xml(ecv_body, "\"v1\""));
  const auto options = options_for(dir);

  const net::FetchResult first = net::fetch(server.url("/v.ecv"), options);
  INFO(rules_of(first.diagnostics));
  REQUIRE(first);
  CHECK(first.source == net::Source::downloaded);
  CHECK(first.diagnostics.empty());
  CHECK(rapport::test::read_file(*first.path) == ecv_body);
  CHECK(first.path->string().starts_with((dir.path() / "cache").string()));
  CHECK(server.requests().front().headers.count("if-none-match") == 0);

  const net::FetchResult second = net::fetch(server.url("/v.ecv"), options);
  REQUIRE(second);
  CHECK(second.source == net::Source::revalidated);
  CHECK(*second.path == *first.path);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].headers.at("if-none-match") == "\"v1\"");
}

TEST_CASE("revalidation with Last-Modified only", "[net][cache]") {
  TempDir dir;
  HttpServer server;
  const std::string date = "Wed, 21 Oct 2015 07:28:00 GMT";
  server.set("/lm.xsd", xml("<schema/>", "", date));
  const auto options = options_for(dir);
  REQUIRE(net::fetch(server.url("/lm.xsd"), options).source == net::Source::downloaded);
  const auto again = net::fetch(server.url("/lm.xsd"), options);
  CHECK(again.source == net::Source::revalidated);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].headers.at("if-modified-since") == date);
  CHECK(requests[1].headers.count("if-none-match") == 0);
}

TEST_CASE("a changed resource replaces the cached copy; the old body stays readable for a while", "[net][cache]") {
  TempDir dir;
  HttpServer server;
  server.set("/c.ecv", xml("<a/>", "\"1\""));
  const auto options = options_for(dir);
  const auto first = net::fetch(server.url("/c.ecv"), options);
  REQUIRE(first);
  server.set("/c.ecv", xml("<b/>", "\"2\""));
  const auto second = net::fetch(server.url("/c.ecv"), options);
  REQUIRE(second);
  CHECK(second.source == net::Source::downloaded);
  CHECK(rapport::test::read_file(*second.path) == "<b/>");
  CHECK(*second.path != *first.path);
  // A parallel run handed the first path a moment ago can still open it.
  CHECK(rapport::test::read_file(*first.path) == "<a/>");
}

TEST_CASE("offline: the cached copy without any request; no copy is a diagnostic", "[net][offline]") {
  TempDir dir;
  HttpServer server;
  server.set("/o.ecv", xml(ecv_body, "\"x\""));
  auto options = options_for(dir);

  options.offline = true;
  const auto empty = net::fetch(server.url("/o.ecv"), options);
  CHECK_FALSE(empty);
  const Diagnostic* d = find_rule(empty.diagnostics, "net-offline-not-cached");
  REQUIRE(d);
  CHECK(d->severity == Severity::error);
  CHECK(d->file == server.url("/o.ecv"));
  CHECK(server.requests().empty());

  options.offline = false;
  REQUIRE(net::fetch(server.url("/o.ecv"), options));
  options.offline = true;
  const auto cached = net::fetch(server.url("/o.ecv"), options);
  REQUIRE(cached);
  CHECK(cached.source == net::Source::cached);
  CHECK(cached.diagnostics.empty());
  CHECK(server.requests().size() == 1);
  CHECK(net::cached_copy(server.url("/o.ecv"), options_for(dir)).source == net::Source::cached);
}

TEST_CASE("HTTP errors: 404 and 500 without a cached copy, and 500 with one", "[net][errors]") {
  TempDir dir;
  HttpServer server;
  const auto options = options_for(dir);
  const auto missing = net::fetch(server.url("/nothing.ecv"), options);
  CHECK_FALSE(missing);
  REQUIRE(find_rule(missing.diagnostics, "net-http-error"));
  CHECK(find_rule(missing.diagnostics, "net-http-error")->message.find("HTTP 404") != std::string::npos);
  CHECK_FALSE(net::cached_copy(server.url("/nothing.ecv"), options));

  Route broken;
  broken.status = 500;
  broken.body = "oops";
  server.set("/e.ecv", broken);
  const auto failed = net::fetch(server.url("/e.ecv"), options);
  CHECK_FALSE(failed);
  CHECK(find_rule(failed.diagnostics, "net-http-error"));

  server.set("/e.ecv", xml(ecv_body));
  REQUIRE(net::fetch(server.url("/e.ecv"), options));
  server.set("/e.ecv", broken);
  const auto stale = net::fetch(server.url("/e.ecv"), options);
  REQUIRE(stale);
  CHECK(stale.source == net::Source::cached);
  const Diagnostic* d = find_rule(stale.diagnostics, "net-http-error");
  REQUIRE(d);
  CHECK(d->severity == Severity::warning);
  CHECK(d->message.find("using the cached copy") != std::string::npos);
  CHECK(rapport::test::read_file(*stale.path) == ecv_body);
}

TEST_CASE("a server slower than the timeout gives net-timeout, promptly", "[net][limits]") {
  TempDir dir;
  HttpServer server;
  Route slow = xml(ecv_body);
  slow.delay = std::chrono::milliseconds(4000);
  server.set("/slow.ecv", slow);
  auto options = options_for(dir);
  options.timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  const auto r = net::fetch(server.url("/slow.ecv"), options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(r);
  CHECK(find_rule(r.diagnostics, "net-timeout"));
  CHECK(elapsed < std::chrono::milliseconds(2500));
}

TEST_CASE("a truncated body is refused and not cached", "[net][limits]") {
  TempDir dir;
  HttpServer server;
  Route cut = xml(ecv_body);
  cut.extra_declared = 100;
  server.set("/cut.ecv", cut);
  const auto options = options_for(dir);
  const auto r = net::fetch(server.url("/cut.ecv"), options);
  CHECK_FALSE(r);
  INFO(rules_of(r.diagnostics));
  CHECK(find_rule(r.diagnostics, "net-truncated"));
  CHECK_FALSE(net::cached_copy(server.url("/cut.ecv"), options));
}

TEST_CASE("a body over the size limit is refused, with or without Content-Length", "[net][limits]") {
  TempDir dir;
  HttpServer server;
  Route big = xml("<x>" + std::string(5000, 'a') + "</x>");
  server.set("/big.ecv", big);
  big.send_length = false;
  server.set("/big-unsized.ecv", big);
  auto options = options_for(dir);
  options.max_bytes = 1000;
  for (const char* path : {"/big.ecv", "/big-unsized.ecv"}) {
    INFO(path);
    const auto r = net::fetch(server.url(path), options);
    CHECK_FALSE(r);
    INFO(rules_of(r.diagnostics));
    CHECK(find_rule(r.diagnostics, "net-too-large"));
    CHECK_FALSE(net::cached_copy(server.url(path), options));
  }
  options.max_bytes = 10000;
  CHECK(net::fetch(server.url("/big-unsized.ecv"), options));
}

TEST_CASE("redirects are followed up to the limit; a loop is a diagnostic", "[net][limits]") {
  TempDir dir;
  HttpServer server;
  Route to_target;
  to_target.status = 302;
  to_target.location = server.url("/target.ecv");
  server.set("/moved.ecv", to_target);
  server.set("/target.ecv", xml(ecv_body));
  Route loop;
  loop.status = 302;
  loop.location = server.url("/loop.ecv");
  server.set("/loop.ecv", loop);
  Route to_file;
  to_file.status = 302;
  to_file.location = "file:///etc/passwd";
  server.set("/to-file.ecv", to_file);
  auto options = options_for(dir);
  options.max_redirects = 3;

  const auto moved = net::fetch(server.url("/moved.ecv"), options);
  REQUIRE(moved);
  CHECK(rapport::test::read_file(*moved.path) == ecv_body);

  const auto looped = net::fetch(server.url("/loop.ecv"), options);
  CHECK_FALSE(looped);
  CHECK(find_rule(looped.diagnostics, "net-too-many-redirects"));
  CHECK(server.request_count("/loop.ecv") == 4);  // the request and 3 redirects

  // A server cannot send the fetcher to a local file.
  const auto escaped = net::fetch(server.url("/to-file.ecv"), options);
  CHECK_FALSE(escaped);
  INFO(rules_of(escaped.diagnostics));
  CHECK(find_rule(escaped.diagnostics, "net-unsupported-url"));
}

TEST_CASE("a body that is not XML (an HTML error page, plain text) is refused", "[net][errors]") {
  TempDir dir;
  HttpServer server;
  server.set("/portal.ecv", xml("<!DOCTYPE html><html><body>log in</body></html>"));
  server.set("/text.ecv", xml("just text"));
  server.set("/bom.ecv", xml("\xEF\xBB\xBF  <CV_RESOURCE/>"));
  const auto options = options_for(dir);
  for (const char* path : {"/portal.ecv", "/text.ecv"}) {
    const auto r = net::fetch(server.url(path), options);
    CHECK_FALSE(r);
    CHECK(find_rule(r.diagnostics, "net-not-xml"));
  }
  CHECK(net::fetch(server.url("/bom.ecv"), options));
}

TEST_CASE("an unreachable server gives net-unreachable", "[net][errors]") {
  TempDir dir;
  const std::string url = "http://127.0.0.1:" + std::to_string(rapport::test::closed_port()) + "/v.ecv";
  const auto r = net::fetch(url, options_for(dir));
  CHECK_FALSE(r);
  INFO(rules_of(r.diagnostics));
  CHECK(find_rule(r.diagnostics, "net-unreachable"));
}

TEST_CASE("file: URLs and plain paths are read in place; other schemes are refused", "[net][file]") {
  TempDir dir;
  const auto file = dir.path() / "a b.ecv";
  rapport::test::write_file(file, ecv_body);
  const auto options = options_for(dir);
  const auto r = net::fetch("file://" + (dir.path() / "a%20b.ecv").string(), options);
  REQUIRE(r);
  CHECK(r.source == net::Source::local_file);
  CHECK(*r.path == file);
  CHECK(net::fetch(file.string(), options).source == net::Source::local_file);
  CHECK(net::fetch("file://localhost" + file.string(), options));
  const auto missing = net::fetch("file:///no/such/file.ecv", options);
  CHECK_FALSE(missing);
  CHECK(find_rule(missing.diagnostics, "net-file-not-found"));
  CHECK(find_rule(net::fetch("file://elsewhere/x.ecv", options).diagnostics, "net-unsupported-url"));
  CHECK(find_rule(net::fetch("ftp://127.0.0.1/x.ecv", options).diagnostics, "net-unsupported-url"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "cache"));  // local files are not copied
}

TEST_CASE("a damaged cache entry is a diagnostic, never a crash, and is fetched again", "[net][cache]") {
  TempDir dir;
  HttpServer server;
  server.set("/d.ecv", xml(ecv_body, "\"d\""));
  auto options = options_for(dir);
  const auto first = net::fetch(server.url("/d.ecv"), options);
  REQUIRE(first);
  const net::detail::Cache cache(options.cache_dir);
  const auto meta = cache.metadata_path(server.url("/d.ecv"));
  REQUIRE(std::filesystem::exists(meta));

  SECTION("altered body") {
    rapport::test::write_file(*first.path, "<CV_RESOURCE VERSION=\"9\"/>\n");
    const auto again = net::fetch(server.url("/d.ecv"), options);
    REQUIRE(again);
    CHECK(find_rule(again.diagnostics, "net-cache-corrupt"));
    // Without a usable copy the request is unconditional, so the server sends the body again.
    CHECK(again.source == net::Source::downloaded);
    CHECK(rapport::test::read_file(*again.path) == ecv_body);
    CHECK(server.requests().back().headers.count("if-none-match") == 0);
  }
  SECTION("metadata that is not JSON, offline") {
    rapport::test::write_file(meta, "{\"format\": 1, \"url\": tr");
    options.offline = true;
    const auto r = net::fetch(server.url("/d.ecv"), options);
    CHECK_FALSE(r);
    CHECK(find_rule(r.diagnostics, "net-cache-corrupt"));
    CHECK(find_rule(r.diagnostics, "net-offline-not-cached"));
  }
  SECTION("metadata naming a body outside its folder") {
    rapport::test::write_file(meta, "{\"format\":1,\"url\":\"" + server.url("/d.ecv") +
                                        "\",\"body\":\"../../etc/passwd\",\"size\":1,\"fnv1a64\":\"0\"}");
    options.offline = true;
    const auto r = net::fetch(server.url("/d.ecv"), options);
    CHECK_FALSE(r);
    CHECK(find_rule(r.diagnostics, "net-cache-corrupt"));
  }
  SECTION("body removed") {
    std::filesystem::remove(*first.path);
    options.offline = true;
    CHECK(find_rule(net::fetch(server.url("/d.ecv"), options).diagnostics, "net-cache-corrupt"));
  }
}

TEST_CASE("only GET requests without a body are ever sent", "[net][privacy]") {
  TempDir dir;
  HttpServer server;
  server.set("/p.ecv", xml(ecv_body, "\"p\""));
  Route redirect;
  redirect.status = 301;
  redirect.location = server.url("/p.ecv");
  server.set("/r.ecv", redirect);
  const auto options = options_for(dir);
  net::fetch(server.url("/p.ecv"), options);
  net::fetch(server.url("/p.ecv"), options);
  net::fetch(server.url("/r.ecv"), options);
  net::fetch(server.url("/missing.ecv"), options);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 5);
  for (const auto& r : requests) {
    CHECK(r.method == "GET");
    CHECK(r.body_bytes == 0);
    CHECK(r.headers.count("content-length") == 0);
    CHECK(r.headers.count("cookie") == 0);
    CHECK(r.headers.count("authorization") == 0);
  }
}

TEST_CASE("parallel fetches into one cache never see a torn file", "[net][cache][concurrency]") {
  TempDir dir;
  HttpServer server;
  const std::string v1 = "<v1>" + std::string(20000, '1') + "</v1>";
  const std::string v2 = "<v2>" + std::string(30000, '2') + "</v2>";
  server.set("/shared.ecv", xml(v1, "\"1\""));
  const auto options = options_for(dir);
  std::atomic<int> bad{0};
  std::atomic<int> ok{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 6; ++w) {
    workers.emplace_back([&, w] {
      for (int i = 0; i < 15; ++i) {
        if (w == 0 && i % 3 == 0) server.set("/shared.ecv", xml(i % 2 ? v1 : v2, i % 2 ? "\"1\"" : "\"2\""));
        const auto r = net::fetch(server.url("/shared.ecv"), options);
        if (!r) {
          ++bad;
          continue;
        }
        const std::string text = rapport::test::read_file(*r.path);
        (text == v1 || text == v2) ? ++ok : ++bad;
      }
    });
  }
  for (auto& t : workers) t.join();
  CHECK(bad == 0);
  CHECK(ok == 90);
  // No temporary file is left behind.
  for (const auto& e : std::filesystem::recursive_directory_iterator(options.cache_dir))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
  const auto last = net::cached_copy(server.url("/shared.ecv"), options);
  REQUIRE(last);
  CHECK(last.diagnostics.empty());
}

TEST_CASE("the Fetcher asks the server once per URL however many threads ask", "[net][fetcher]") {
  TempDir dir;
  HttpServer server;
  Route slowish = xml(ecv_body);
  slowish.delay = std::chrono::milliseconds(200);
  server.set("/once.ecv", slowish);
  net::Fetcher fetcher(options_for(dir));
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { ok += fetcher.get(server.url("/once.ecv")) ? 1 : 0; });
  for (auto& t : threads) t.join();
  CHECK(ok == 8);
  CHECK(server.request_count("/once.ecv") == 1);
  CHECK(fetcher.get(server.url("/missing.ecv")).diagnostics.size() == 1);
  CHECK(fetcher.diagnostics().size() == 1);
}

TEST_CASE("the default cache folder follows XDG_CACHE_HOME, then HOME", "[net][cache]") {
  const char* old_xdg = std::getenv("XDG_CACHE_HOME");
  const std::string saved = old_xdg ? old_xdg : "";
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg-cache", 1);
  CHECK(net::default_cache_dir() == std::filesystem::path("/tmp/xdg-cache/rapport"));
  ::setenv("XDG_CACHE_HOME", "relative/ignored", 1);
  const char* home = std::getenv("HOME");
  if (home && *home) CHECK(net::default_cache_dir() == std::filesystem::path(home) / ".cache" / "rapport");
  if (old_xdg)
    ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  else
    ::unsetenv("XDG_CACHE_HOME");
}
