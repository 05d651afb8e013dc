// SPDX-License-Identifier: MIT
// The network options through the `rapport` CLI, in-process, against 127.0.0.1: --cache-dir and
// --offline on inspect, --codebook URL on check and codebook, check --validate-schema.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "cli.hpp"
#include "http_server.hpp"
#include "net_test_support.hpp"
#include "test_paths.hpp"

using rapport::test::HttpServer;
using rapport::test::Route;
using rapport::test::TempDir;

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run rapport_cli(std::vector<std::string> args) {
  rapport::test::no_proxy_for_loopback();
  std::ostringstream out, err;
  const int code = rapport::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

std::string eaf_declaring(const std::string& schema_url) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"2024-01-01T00:00:00Z\" FORMAT=\"3.0\" VERSION=\"3.0\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"" +
         schema_url +
         "\">\n<HEADER TIME_UNITS=\"milliseconds\"/>\n<TIME_ORDER/>\n<TIER TIER_ID=\"T\"/>\n"
         "</ANNOTATION_DOCUMENT>\n";
}

}  // namespace

TEST_CASE("inspect: ECV fetched into --cache-dir, then --offline uses it", "[net][cli]") {
  const auto corpus = rapport::test::corpus_dir();
  if (corpus.empty()) return rapport::test::report_skip("../shared/corpus is absent");
  TempDir dir;
  HttpServer server;
  Route ecv;
  ecv.body = rapport::test::read_file(corpus / "DARCLE-AnnSchDev__ACLEW-basic-vocabularies.ecv");
  server.set("/v/ACLEW-basic-vocabularies.ecv", ecv);
  std::string text = rapport::test::read_file(corpus / "ChildProject__example.eaf");
  const std::string from =
      "https://raw.githubusercontent.com/marisacasillas/DARCLE-AnnSchDev/master/ACLEW/External-closed-vocabularies/";
  text.replace(text.find(from), from.size(), server.url("/v/"));
  const auto eaf = (dir.path() / "example.eaf").string();
  rapport::test::write_file(eaf, text);
  const auto cache = (dir.path() / "cache").string();

  const auto count_resolved = [](const std::string& json) {
    int n = 0;
    const boost::json::value doc = boost::json::parse(json);
    for (const auto& a : doc.at("annotations").as_array())
      if (a.at("cve_resolved").is_bool() && a.at("cve_resolved").as_bool()) ++n;
    return n;
  };
  SECTION("online, then offline from the cache") {
    const Run online = rapport_cli({"inspect", eaf, "--annotations", "--format", "json", "--cache-dir", cache});
    CHECK(online.code == 0);
    CHECK(online.err.empty());
    CHECK(count_resolved(online.out) == 54);
    const Run offline =
        rapport_cli({"inspect", eaf, "--annotations", "--format", "json", "--cache-dir", cache, "--offline"});
    CHECK(offline.code == 0);
    CHECK(count_resolved(offline.out) == 54);
    CHECK(server.requests().size() == 1);
  }
  SECTION("--offline with an empty cache: the reader's warning and the reason on stderr") {
    const Run r = rapport_cli({"inspect", eaf, "--format", "json", "--cache-dir", cache, "--offline"});
    CHECK(r.code == 0);  // warnings are below the default --fail-on error
    CHECK(r.out.find("eaf-external-cv-unavailable") != std::string::npos);
    CHECK(r.err.find("net-offline-not-cached") != std::string::npos);
    CHECK(server.requests().empty());
  }
}

TEST_CASE("check and codebook: --codebook URL is fetched, cached and validated", "[net][cli]") {
  TempDir dir;
  HttpServer server;
  Route cb;
  cb.body = rapport::test::read_file(rapport::test::source_dir() / "codebooks" / "3rs-2015.xml");
  cb.etag = "\"cb\"";
  server.set("/lab/3rs.xml", cb);
  Route broken;
  broken.body = "<codebook/>";
  server.set("/lab/broken.xml", broken);
  const auto cache = (dir.path() / "cache").string();

  const Run shown = rapport_cli({"codebook", "show", server.url("/lab/3rs.xml"), "--cache-dir", cache});
  CHECK(shown.code == 0);
  CHECK(shown.out.find("3rs") != std::string::npos);
  const Run valid =
      rapport_cli({"codebook", "validate", server.url("/lab/3rs.xml"), "--cache-dir", cache, "--offline"});
  CHECK(valid.code == 0);
  const Run invalid = rapport_cli({"codebook", "validate", server.url("/lab/broken.xml"), "--cache-dir", cache});
  CHECK(invalid.code == 1);
  const Run missing = rapport_cli({"codebook", "show", server.url("/lab/none.xml"), "--cache-dir", cache});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("net-http-error") != std::string::npos);

  const auto eaf = (dir.path() / "a.eaf").string();
  rapport::test::write_file(eaf, eaf_declaring("EAFv3.0.xsd"));
  const Run checked = rapport_cli(
      {"check", eaf, "--codebook", server.url("/lab/3rs.xml"), "--cache-dir", cache, "--offline", "--format", "json"});
  CHECK(checked.code != 2);
  CHECK(checked.err.find("cannot") == std::string::npos);
  CHECK(server.request_count("/lab/3rs.xml") == 1);  // show fetched it; validate and check used the cache
  for (const auto& r : server.requests()) CHECK(r.method == "GET");
}

TEST_CASE("check --validate-schema: violations with file:line:col, XSD from --schema-dir or fetched", "[net][cli]") {
  TempDir dir;
  HttpServer server;
  Route xsd;
  xsd.body = rapport::test::read_file(rapport::test::data_dir() / "net" / "mini-eaf.xsd");
  server.set("/x/EAFv3.0.xsd", xsd);
  const auto eaf = (dir.path() / "a.eaf").string();
  rapport::test::write_file(eaf, eaf_declaring(server.url("/x/EAFv3.0.xsd")));
  const auto cache = (dir.path() / "cache").string();

  const Run fetched = rapport_cli({"check", eaf, "--validate-schema", "--cache-dir", cache});
  CHECK(fetched.code == 1);
  CHECK(fetched.out.find(eaf + ":5:") != std::string::npos);
  CHECK(fetched.out.find("error[eaf-schema-violation]") != std::string::npos);
  CHECK(server.request_count("/x/EAFv3.0.xsd") == 1);

  std::filesystem::create_directories(dir.path() / "xsd");
  std::filesystem::copy_file(rapport::test::data_dir() / "net" / "mini-eaf.xsd", dir.path() / "xsd" / "EAFv3.0.xsd");
  const Run local = rapport_cli({"check", eaf, "--validate-schema", "--schema-dir", (dir.path() / "xsd").string(),
                                 "--offline", "--cache-dir", (dir.path() / "empty").string(), "--format", "json"});
  CHECK(local.code == 1);
  bool found = false;
  const boost::json::value doc = boost::json::parse(local.out);
  for (const auto& d : doc.at("diagnostics").as_array())
    if (d.at("rule").as_string() == "eaf-schema-violation") {
      found = true;
      CHECK(d.at("line").as_int64() == 5);
    }
  CHECK(found);
  CHECK(server.request_count("/x/EAFv3.0.xsd") == 1);
}
