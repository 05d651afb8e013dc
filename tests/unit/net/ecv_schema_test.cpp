// SPDX-License-Identifier: MIT
// The network module plugged into the EAF reader (external CVs served from 127.0.0.1 or the
// cache) and schema validation against an XSD that is fetched, cached or given in a folder.
#include <catch2/catch.hpp>
#include <regex>

#include "deep_nesting.hpp"
#include "http_server.hpp"
#include "net/cache.hpp"
#include "net/util.hpp"
#include "net_test_support.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/net/resolver.hpp"
#include "rapport/net/schema.hpp"
#include "test_paths.hpp"

using namespace rapport;
using rapport::test::find_rule;
using rapport::test::HttpServer;
using rapport::test::Route;
using rapport::test::rules_of;
using rapport::test::TempDir;

namespace {

const std::string aclew_url =
    "https://raw.githubusercontent.com/marisacasillas/DARCLE-AnnSchDev/master/ACLEW/External-closed-vocabularies/"
    "ACLEW-basic-vocabularies.ecv";

net::FetchOptions options_for(const TempDir& dir) {
  rapport::test::no_proxy_for_loopback();
  net::FetchOptions o;
  o.cache_dir = dir.path() / "cache";
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.timeout = std::chrono::milliseconds(3000);
  return o;
}

struct CveCount {
  int refs = 0;
  int resolved = 0;
};
CveCount count_cve(const eaf::Document& doc) {
  CveCount c;
  for (const auto& tier : doc.tiers)
    for (const auto& ann : tier.annotations) {
      if (!ann.cve_ref) continue;
      ++c.refs;
      if (ann.cve_resolved.value_or(false)) ++c.resolved;
    }
  return c;
}

/// The ChildProject example with its ECV URL replaced by `url`, in `dir`.
std::filesystem::path child_project_with(const std::filesystem::path& corpus, const TempDir& dir,
                                         const std::string& url) {
  std::string text = rapport::test::read_file(corpus / "ChildProject__example.eaf");
  const auto at = text.find(aclew_url);
  REQUIRE(at != std::string::npos);
  text.replace(at, aclew_url.size(), url);
  const auto path = dir.path() / "example.eaf";
  rapport::test::write_file(path, text);
  return path;
}

}  // namespace

TEST_CASE("ChildProject example: all 54 CVE_REFs resolve against the ECV served on 127.0.0.1", "[net][ecv]") {
  const auto corpus = rapport::test::corpus_dir();
  if (corpus.empty()) return rapport::test::report_skip("../shared/corpus is absent");
  TempDir dir;
  HttpServer server;
  Route ecv;
  ecv.body = rapport::test::read_file(corpus / "DARCLE-AnnSchDev__ACLEW-basic-vocabularies.ecv");
  ecv.etag = "\"aclew\"";
  server.set("/ACLEW/ACLEW-basic-vocabularies.ecv", ecv);
  const auto eaf_path = child_project_with(corpus, dir, server.url("/ACLEW/ACLEW-basic-vocabularies.ecv"));

  net::Fetcher fetcher(options_for(dir));
  eaf::ReadOptions options;
  options.ecv_resolver = net::ecv_resolver(fetcher);
  const eaf::Document doc = eaf::read_eaf_file(eaf_path, options);
  INFO(rules_of(doc.diagnostics));
  CHECK_FALSE(find_rule(doc.diagnostics, "eaf-external-cv-unavailable"));
  const CveCount c = count_cve(doc);
  CHECK(c.refs == 54);
  CHECK(c.resolved == 54);
  CHECK(server.request_count("/ACLEW/ACLEW-basic-vocabularies.ecv") == 1);  // four CVs, one URL, one fetch

  // The next run, offline, resolves from the cache.
  auto offline_options = options_for(dir);
  offline_options.offline = true;
  net::Fetcher offline(offline_options);
  options.ecv_resolver = net::ecv_resolver(offline);
  CHECK(count_cve(eaf::read_eaf_file(eaf_path, options)).resolved == 54);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("ChildProject example as published: the https ECV from a cache filled earlier, offline", "[net][ecv]") {
  const auto corpus = rapport::test::corpus_dir();
  if (corpus.empty()) return rapport::test::report_skip("../shared/corpus is absent");
  TempDir dir;
  auto options = options_for(dir);
  // Fill the cache as an earlier online run would have (no traffic: the cache is written directly).
  const net::detail::Cache cache(options.cache_dir);
  std::vector<Diagnostic> diagnostics;
  const auto temp = cache.temp_body(aclew_url, diagnostics);
  REQUIRE_FALSE(temp.empty());
  std::filesystem::copy_file(corpus / "DARCLE-AnnSchDev__ACLEW-basic-vocabularies.ecv", temp);
  const std::string body = rapport::test::read_file(temp);
  net::detail::Fnv1a h;
  h.update(body);
  REQUIRE(cache.commit(aclew_url, temp, body.size(), net::detail::hex64(h.value()), "", "", diagnostics));

  options.offline = true;
  net::Fetcher fetcher(options);
  eaf::ReadOptions read;
  read.ecv_resolver = net::ecv_resolver(fetcher);
  const eaf::Document doc = eaf::read_eaf_file(corpus / "ChildProject__example.eaf", read);
  INFO(rules_of(doc.diagnostics));
  CHECK(count_cve(doc).resolved == 54);
}

TEST_CASE("an unreachable ECV with no cached copy is the reader's diagnostic, not a failure", "[net][ecv]") {
  const auto corpus = rapport::test::corpus_dir();
  if (corpus.empty()) return rapport::test::report_skip("../shared/corpus is absent");
  TempDir dir;
  HttpServer server;  // serves nothing: 404
  const auto url = server.url("/gone/ACLEW-basic-vocabularies.ecv");
  const auto eaf_path = child_project_with(corpus, dir, url);
  net::Fetcher fetcher(options_for(dir));
  eaf::ReadOptions options;
  options.ecv_resolver = net::ecv_resolver(fetcher);
  const eaf::Document doc = eaf::read_eaf_file(eaf_path, options);
  const Diagnostic* d = find_rule(doc.diagnostics, "eaf-external-cv-unavailable");
  REQUIRE(d);
  CHECK(d->severity == Severity::warning);
  CHECK(d->message.find("cannot verify codes on tier") != std::string::npos);
  CHECK(d->message.find(url) != std::string::npos);
  CHECK(count_cve(doc).resolved == 0);
  // Why it was unreachable is kept by the fetcher for the front end to print.
  const auto why = fetcher.diagnostics();
  REQUIRE(why.size() == 1);
  CHECK(why.front().rule == "net-http-error");
  CHECK(server.request_count("/gone/ACLEW-basic-vocabularies.ecv") == 1);
}

TEST_CASE("a local ECV next to the .eaf is used without any request", "[net][ecv]") {
  const auto corpus = rapport::test::corpus_dir();
  if (corpus.empty()) return rapport::test::report_skip("../shared/corpus is absent");
  TempDir dir;
  HttpServer server;
  const auto eaf_path = child_project_with(corpus, dir, server.url("/x/ACLEW-basic-vocabularies.ecv"));
  std::filesystem::copy_file(corpus / "DARCLE-AnnSchDev__ACLEW-basic-vocabularies.ecv",
                             dir.path() / "ACLEW-basic-vocabularies.ecv");
  net::Fetcher fetcher(options_for(dir));
  eaf::ReadOptions options;
  options.ecv_resolver = net::ecv_resolver(fetcher);
  CHECK(count_cve(eaf::read_eaf_file(eaf_path, options)).resolved == 54);
  CHECK(server.requests().empty());
}

namespace {

std::string eaf_text(const std::string& schema_url, const std::string& tier_attrs) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"2024-01-01T00:00:00Z\" FORMAT=\"3.0\" VERSION=\"3.0\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"" +
         schema_url +
         "\">\n"
         "  <HEADER TIME_UNITS=\"milliseconds\"/>\n"
         "  <TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"0\"/></TIME_ORDER>\n"
         "  <TIER " +
         tier_attrs + "/>\n</ANNOTATION_DOCUMENT>\n";
}

}  // namespace

TEST_CASE("schema validation: the declared XSD fetched from 127.0.0.1, violations with line:col", "[net][schema]") {
  TempDir dir;
  HttpServer server;
  Route xsd;
  xsd.body = rapport::test::read_file(rapport::test::data_dir() / "net" / "mini-eaf.xsd");
  xsd.etag = "\"xsd\"";
  server.set("/EAFv3.0.xsd", xsd);
  const auto valid = dir.path() / "valid.eaf";
  const auto invalid = dir.path() / "invalid.eaf";
  rapport::test::write_file(valid, eaf_text(server.url("/EAFv3.0.xsd"), "TIER_ID=\"T\" LINGUISTIC_TYPE_REF=\"lt\""));
  rapport::test::write_file(invalid, eaf_text(server.url("/EAFv3.0.xsd"), "TIER_ID=\"T\" PARTICIPANT=\"x\""));

  std::vector<Diagnostic> found;
  CHECK(net::declared_schema(valid, found) == server.url("/EAFv3.0.xsd"));
  CHECK(found.empty());

  net::Fetcher fetcher(options_for(dir));
  net::SchemaValidator validator(fetcher, std::nullopt);
  const auto ok = validator.validate(valid);
  INFO(rules_of(ok));
  CHECK(ok.empty());
  const auto bad = validator.validate(invalid);
  INFO(rules_of(bad));
  REQUIRE(bad.size() == 2);  // PARTICIPANT is not declared; LINGUISTIC_TYPE_REF is missing
  for (const auto& d : bad) {
    CHECK(d.rule == "eaf-schema-violation");
    CHECK(d.severity == Severity::error);
    CHECK(d.file == invalid.string());
    CHECK(d.line == 6);
    CHECK(d.column > 1);
    CHECK(d.message.find("EAFv3.0.xsd") != std::string::npos);
  }
  CHECK(server.request_count("/EAFv3.0.xsd") == 1);  // fetched once for both files
}

TEST_CASE("schema validation: --schema-dir first; an unavailable or broken XSD is a diagnostic", "[net][schema]") {
  TempDir dir;
  HttpServer server;
  const auto file = dir.path() / "a.eaf";
  rapport::test::write_file(file,
                            eaf_text(server.url("/schemas/EAFv3.0.xsd"), "TIER_ID=\"T\" LINGUISTIC_TYPE_REF=\"l\""));
  auto options = options_for(dir);
  options.offline = true;

  SECTION("from the folder, offline, no request") {
    std::filesystem::create_directories(dir.path() / "xsd");
    std::filesystem::copy_file(rapport::test::data_dir() / "net" / "mini-eaf.xsd", dir.path() / "xsd" / "EAFv3.0.xsd");
    net::Fetcher fetcher(options);
    net::SchemaValidator validator(fetcher, dir.path() / "xsd");
    CHECK(validator.validate(file).empty());
    CHECK(server.requests().empty());
  }
  SECTION("offline with an empty cache") {
    net::Fetcher fetcher(options);
    net::SchemaValidator validator(fetcher, std::nullopt);
    const auto r = validator.validate(file);
    REQUIRE(r.size() == 1);
    CHECK(r[0].rule == "eaf-schema-unavailable");
    CHECK(r[0].severity == Severity::warning);
    CHECK(r[0].message.find("offline") != std::string::npos);
  }
  SECTION("a broken XSD") {
    std::filesystem::create_directories(dir.path() / "xsd");
    rapport::test::write_file(dir.path() / "xsd" / "EAFv3.0.xsd",
                              "<xsd:schema xmlns:xsd=\"oops\"><nope/></xsd:schema>");
    net::Fetcher fetcher(options);
    net::SchemaValidator validator(fetcher, dir.path() / "xsd");
    const auto r = validator.validate(file);
    INFO(rules_of(r));
    REQUIRE_FALSE(r.empty());
    CHECK(r[0].rule == "eaf-schema-unusable");
  }
  SECTION("no declared schema") {
    rapport::test::write_file(file, "<ANNOTATION_DOCUMENT/>");
    net::Fetcher fetcher(options);
    net::SchemaValidator validator(fetcher, std::nullopt);
    const auto r = validator.validate(file);
    REQUIRE(r.size() == 1);
    CHECK(r[0].rule == "eaf-schema-undeclared");
  }
  SECTION("not well-formed") {
    rapport::test::write_file(file, "<ANNOTATION_DOCUMENT");
    net::Fetcher fetcher(options);
    net::SchemaValidator validator(fetcher, std::nullopt);
    const auto r = validator.validate(file);
    REQUIRE_FALSE(r.empty());
    CHECK(r[0].rule == "xml-not-well-formed");
  }
}

TEST_CASE("schema validation: a file nesting elements more than 16 deep is refused at the 17th level",
          "[net][schema][hostile]") {
  // Validating against an XSD runs the Xerces-C 3.2.4 scanner code that can write past a heap
  // buffer in deep documents (xml::DepthLimitedContentHandler); the limit holds here too. The
  // root's start tag fits on line 2, so level 17 is the <o:a> on line 18, its tag ending at column
  // 6 (see nested_in_foreign_namespace).
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "xsd");
  std::filesystem::copy_file(rapport::test::data_dir() / "net" / "mini-eaf.xsd", dir.path() / "xsd" / "EAFv3.0.xsd");
  const auto file = dir.path() / "deep.eaf";
  rapport::test::write_file(file, rapport::test::nested_in_foreign_namespace(
                                      "<ANNOTATION_DOCUMENT xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                      "xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv3.0.xsd\">",
                                      "</ANNOTATION_DOCUMENT>", 40, "<HEADER/>"));
  auto options = options_for(dir);
  options.offline = true;
  net::Fetcher fetcher(options);
  net::SchemaValidator validator(fetcher, dir.path() / "xsd");
  const auto r = validator.validate(file);
  INFO(rules_of(r));
  REQUIRE_FALSE(r.empty());
  const auto& d = r.back();
  CHECK(d.rule == "xml-nesting-too-deep");
  CHECK(d.file == file.string());
  CHECK(d.line == 18);
  CHECK(d.column == 6);
}
