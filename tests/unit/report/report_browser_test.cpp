// SPDX-License-Identifier: MIT
// The samples report in a real browser: headless Chromium (Debian's `chromium`) loads report.html
// from file:// with networking features off, renders it, and writes a screenshot that the test
// keeps as an artefact (build/.../tests/report-output/browser/report.png).
#include <catch2/catch.hpp>

#include <cstdlib>

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

  const std::string shot = chromium_command(binary, dir / "profile-shot") + " --screenshot=" + png.string() +
                           " --window-size=1280,2000 " + url + " > " + (dir / "chromium.log").string() + " 2>&1";
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
}
