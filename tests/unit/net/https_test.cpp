// SPDX-License-Identifier: MIT
// rapport::net::fetch over https against a real TLS server on 127.0.0.1: `openssl s_server -WWW`
// serving a folder with a certificate made for the test. Certificate and host name verification
// are always on (fetch.hpp), so a lab's own server is trusted only through FetchOptions::ca_file,
// an untrusted certificate or one for another host is refused with net-tls, and nothing refused
// ever enters the cache.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

#include "net_test_support.hpp"
#include "rapport/net/fetch.hpp"
#include "test_paths.hpp"

extern char** environ;

using namespace rapport;
using rapport::test::find_rule;
using rapport::test::rules_of;
using rapport::test::TempDir;

namespace {

const std::string ecv_body = "<?xml version=\"1.0\"?>\n<CV_RESOURCE VERSION=\"0.2\"/>\n";

bool have_openssl() { return std::system("openssl version >/dev/null 2>&1") == 0; }

/// A self-signed certificate and key in `dir` for `subject_alt_names` (e.g. "IP:127.0.0.1").
bool make_certificate(const std::filesystem::path& dir, const std::string& common_name,
                      const std::string& subject_alt_names) {
  const std::string command = "cd '" + dir.string() +
                              "' && openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem "
                              "-days 2 -subj /CN=" +
                              common_name + " -addext subjectAltName=" + subject_alt_names + " >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

/// `openssl s_server -WWW` serving the files of `root` on 127.0.0.1 with `dir`'s certificate, on
/// a port the kernel picks (read back from the server's "ACCEPT 127.0.0.1:PORT" line).
class TlsServer {
 public:
  TlsServer(const std::filesystem::path& root, const std::filesystem::path& cert_dir) {
    int out[2];
    REQUIRE(::pipe(out) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string cert = (cert_dir / "cert.pem").string(), key = (cert_dir / "key.pem").string();
    std::vector<std::string> args{"openssl", "s_server", "-WWW", "-accept", "127.0.0.1:0", "-cert", cert, "-key", key};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // -WWW serves paths relative to the working directory.
    const auto here = std::filesystem::current_path();
    std::filesystem::current_path(root);
    const int rc = ::posix_spawnp(&m_pid, "openssl", &actions, nullptr, argv.data(), environ);
    std::filesystem::current_path(here);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    REQUIRE(rc == 0);
    std::string text;
    char buffer[256];
    while (text.find('\n', text.find("ACCEPT")) == std::string::npos) {
      const ssize_t n = ::read(out[0], buffer, sizeof buffer);
      if (n <= 0) break;
      text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    const auto at = text.find("ACCEPT 127.0.0.1:");
    REQUIRE(at != std::string::npos);
    m_port = std::stoi(text.substr(at + 17));
  }
  ~TlsServer() {
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
  }
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;

  std::string url(const std::string& host, const std::string& file) const {
    return "https://" + host + ":" + std::to_string(m_port) + "/" + file;
  }

 private:
  pid_t m_pid = -1;
  int m_port = 0;
};

net::FetchOptions options_for(const TempDir& dir) {
  rapport::test::no_proxy_for_loopback();
  net::FetchOptions o;
  o.cache_dir = dir.path() / "cache";
  o.connect_timeout = std::chrono::milliseconds(3000);
  o.timeout = std::chrono::milliseconds(5000);
  return o;
}

struct Fixture {
  TempDir dir;
  std::filesystem::path root = dir.path() / "www", certs = dir.path() / "certs";
  Fixture() {
    std::filesystem::create_directories(root);
    std::filesystem::create_directories(certs);
    rapport::test::write_file(root / "lab.ecv", ecv_body);
  }
};

}  // namespace

TEST_CASE("https: a server trusted through ca_file is fetched, verified and cached", "[net][https]") {
  if (!have_openssl()) return rapport::test::report_skip("the openssl program is not installed (package openssl)");
  Fixture f;
  REQUIRE(make_certificate(f.certs, "localhost", "IP:127.0.0.1,DNS:localhost"));
  TlsServer server(f.root, f.certs);
  auto options = options_for(f.dir);
  options.ca_file = f.certs / "cert.pem";

  for (const std::string host : {"127.0.0.1", "localhost"}) {
    const auto r = net::fetch(server.url(host, "lab.ecv"), options);
    INFO(rules_of(r.diagnostics));
    REQUIRE(r);
    CHECK(r.source == net::Source::downloaded);
    CHECK(rapport::test::read_file(*r.path) == ecv_body);
    CHECK(r.diagnostics.empty());
  }
}

TEST_CASE("https: a certificate nobody trusts is refused with net-tls and nothing is cached", "[net][https]") {
  if (!have_openssl()) return rapport::test::report_skip("the openssl program is not installed (package openssl)");
  Fixture f;
  REQUIRE(make_certificate(f.certs, "localhost", "IP:127.0.0.1,DNS:localhost"));
  TlsServer server(f.root, f.certs);
  const auto options = options_for(f.dir);  // no ca_file: only the system store, which lacks it

  const std::string url = server.url("127.0.0.1", "lab.ecv");
  const auto r = net::fetch(url, options);
  INFO(rules_of(r.diagnostics));
  CHECK_FALSE(r);
  CHECK(r.source == net::Source::none);
  const Diagnostic* d = find_rule(r.diagnostics, "net-tls");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::error);
  CHECK(d->file == url);
  CHECK(d->message.find("certificate was not accepted") != std::string::npos);
  // Nothing entered the cache: asking offline finds no copy.
  CHECK_FALSE(net::cached_copy(url, options));
}

TEST_CASE("https: a trusted certificate made for another host name is refused", "[net][https]") {
  if (!have_openssl()) return rapport::test::report_skip("the openssl program is not installed (package openssl)");
  Fixture f;
  // Trusted (it is the ca_file) but issued to lab.example.org, not to 127.0.0.1.
  REQUIRE(make_certificate(f.certs, "lab.example.org", "DNS:lab.example.org"));
  TlsServer server(f.root, f.certs);
  auto options = options_for(f.dir);
  options.ca_file = f.certs / "cert.pem";

  const auto r = net::fetch(server.url("127.0.0.1", "lab.ecv"), options);
  INFO(rules_of(r.diagnostics));
  CHECK_FALSE(r);
  CHECK(find_rule(r.diagnostics, "net-tls") != nullptr);
}
