// SPDX-License-Identifier: MIT
// The samples report in a real browser: headless Chromium (Debian's `chromium`) loads report.html
// from file:// with networking features off, renders it, and writes a screenshot that the test
// keeps as an artefact (build/.../tests/report-output/browser/report.png). Chromium runs behind a
// recording dead-end proxy, so any request the page made would be seen (and go nowhere).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <algorithm>

#include "report_support.hpp"

using namespace rapport;
namespace fs = std::filesystem;

namespace {

std::string chromium_binary() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(candidate)) return candidate;
  return {};
}

std::string chromium_command(const std::string& binary, const fs::path& profile) {
  return binary +
         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
         " --disable-component-update --disable-sync --user-data-dir=" +
         profile.string();
}

/// A dead-end proxy on 127.0.0.1: every request Chromium makes over the network reaches it, is
/// recorded (its first line) and refused, so nothing leaves the machine and the test sees it all.
class RecordingProxy {
 public:
  RecordingProxy() {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_fd, 64) != 0 ||
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      return;
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { serve(); });
  }
  ~RecordingProxy() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    if (m_fd >= 0) ::close(m_fd);
  }
  int port() const { return m_port; }
  std::vector<std::string> requests() {
    const std::lock_guard lock(m_mutex);
    return m_requests;
  }

 private:
  void serve() {
    while (!m_stop) {
      pollfd p{m_fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const int client = ::accept(m_fd, nullptr, nullptr);
      if (client < 0) continue;
      pollfd c{client, POLLIN, 0};
      char buf[512] = {};
      const ssize_t n = ::poll(&c, 1, 1000) > 0 ? ::recv(client, buf, sizeof buf - 1, 0) : 0;
      std::string line(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
      line = line.substr(0, line.find('\r'));
      ::close(client);
      const std::lock_guard lock(m_mutex);
      m_requests.push_back(line);
    }
  }
  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
  std::mutex m_mutex;
  std::vector<std::string> m_requests;
};

/// Chromium's own services (clock, updates, accounts), which it contacts whatever the page;
/// the flags above turn most of them off but not these.
bool browser_service(const std::string& request) {
  for (const char* host : {"google.com", "googleapis.com", "gstatic.com", "gvt1.com"}) {
    const auto at = request.find(host);
    if (at != std::string::npos && (request[at - 1] == '.' || request[at - 1] == '/' || request[at - 1] == ' '))
      return true;
  }
  return false;
}

}  // namespace

TEST_CASE("report: report.html renders in headless Chromium", "[report][browser]") {
  const std::string binary = chromium_binary();
  if (binary.empty()) {
    test::report_skip("chromium is not installed (.ci/deps installs it)");
    return;
  }
  test::InSourceDir here;
  const auto dir = test::fresh_dir("browser");
  REQUIRE(test::run_cli({"report", "samples", "-o", dir.string()}).rc == cli::exit_ok);
  const fs::path html = fs::absolute(dir / "report.html");
  const fs::path png = dir / "report.png";
  const fs::path dom = dir / "dom.html";
  const std::string url = "file://" + html.string();

  RecordingProxy proxy;
  REQUIRE(proxy.port() > 0);
  const std::string proxy_flags =
      " --proxy-server=127.0.0.1:" + std::to_string(proxy.port()) + " '--proxy-bypass-list=<-loopback>'";
  const std::string shot = "timeout 120 " + chromium_command(binary, dir / "profile-shot") + proxy_flags +
                           " --screenshot=" + png.string() + " --window-size=1280,2000 " + url + " > " +
                           (dir / "chromium.log").string() + " 2>&1";
  REQUIRE(std::system(shot.c_str()) == 0);
  REQUIRE(fs::is_regular_file(png));
  const std::string bytes = test::slurp(png);
  REQUIRE(bytes.size() > 8);
  CHECK(bytes.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  CHECK(bytes.size() > 20000);  // a blank page compresses to a few kB

  // The DOM after rendering: the page was parsed and laid out as written, with no script.
  const std::string dump = chromium_command(binary, dir / "profile-dom") + " --dump-dom " + url + " > " + dom.string() +
                           " 2>> " + (dir / "chromium.log").string();
  REQUIRE(std::system(dump.c_str()) == 0);
  const std::string rendered = test::slurp(dom);
  CHECK(rendered.find("How to read these numbers") != std::string::npos);
  CHECK(rendered.find("<script") == std::string::npos);

  // No request from the page left it: whatever reached the proxy came from the browser itself.
  for (const auto& request : proxy.requests()) {
    INFO(request);
    CHECK(browser_service(request));
  }
}

TEST_CASE("report: the proxy check catches a page that loads something from the network", "[report][browser]") {
  const std::string binary = chromium_binary();
  if (binary.empty()) {
    test::report_skip("chromium is not installed (.ci/deps installs it)");
    return;
  }
  const auto dir = test::fresh_dir("browser-negative");
  fs::create_directories(dir);
  const fs::path page = fs::absolute(dir / "leaky.html");
  { std::ofstream(page) << "<!DOCTYPE html><html><body><img src=\"http://example.invalid/x.png\"></body></html>"; }
  RecordingProxy proxy;
  const std::string cmd = "timeout 120 " + chromium_command(binary, dir / "profile") +
                          " --proxy-server=127.0.0.1:" + std::to_string(proxy.port()) +
                          " '--proxy-bypass-list=<-loopback>' --dump-dom file://" + page.string() + " > /dev/null 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
  const auto requests = proxy.requests();
  CHECK(std::any_of(requests.begin(), requests.end(),
                    [](const std::string& r) { return r.find("example.invalid") != std::string::npos; }));
}
