// SPDX-License-Identifier: MIT
// `rapport stages` in-process: exit codes, nothing but the document on stdout with --format json.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <sstream>

#include "cli.hpp"
#include "test_paths.hpp"

using namespace rapport;

namespace {

struct Run {
  int rc;
  std::string out, err;
};

Run run(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int rc = cli::run(args, out, err);
  return {rc, out.str(), err.str()};
}

std::string vignette() { return (test::source_dir() / "samples" / "vignette").string(); }

}  // namespace

TEST_CASE("stages: the vignette as text, JSON and CSV", "[cli][stages]") {
  auto r = run({"stages", vignette()});
  INFO(r.err);
  CHECK(r.rc == cli::exit_ok);
  CHECK(r.out.find("E1  withdrawal  1:35.0-4:52.0 (197.0 s)  resolved: reached S5, the last stage of SM-W") !=
        std::string::npos);

  r = run({"stages", vignette(), "--format", "json"});
  CHECK(r.rc == cli::exit_ok);
  const auto doc = boost::json::parse(r.out).as_object();
  CHECK(doc.at("sessions").as_array().size() == 2);

  r = run({"stages", vignette(), "--format", "csv"});
  CHECK(r.rc == cli::exit_ok);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 3);  // header + one episode per coder
  // --gap-max-ms 10000: in coder A's file W5 (130 s) comes 12 s after R3 ends (118 s), so it
  // opens a second episode; coder B has no W5. Header + 3 rows.
  r = run({"stages", vignette(), "--format", "csv", "--gap-max-ms", "10000"});
  CHECK(r.rc == cli::exit_ok);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 4);
}

TEST_CASE("stages: usage errors exit 2", "[cli][stages]") {
  CHECK(run({"stages"}).rc == cli::exit_failure);
  CHECK(run({"stages", vignette(), "--format", "xml"}).rc == cli::exit_failure);
  CHECK(run({"stages", vignette(), "--typology", "NOPE"}).rc == cli::exit_failure);
  CHECK(run({"stages", "--help"}).rc == cli::exit_ok);
}

TEST_CASE("stages: an unreadable file is an I/O failure", "[cli][stages]") {
  const auto r = run({"stages", (test::data_dir() / "stages" / "does-not-exist.eaf").string()});
  CHECK(r.rc == cli::exit_failure);
}
