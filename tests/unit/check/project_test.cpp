// SPDX-License-Identifier: MIT
// The optional project file: session and coder of a file whose name follows no convention.
#include <catch2/catch.hpp>

#include <fstream>

#include "deep_nesting.hpp"
#include "rapport/check/check.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "temporary_folder.hpp"
#include "test_paths.hpp"

using namespace rapport;

namespace {
std::filesystem::path dir() { return test::data_dir() / "check" / "project"; }
}  // namespace

TEST_CASE("a project file names the session and coder of a file", "[check][project]") {
  const auto p = codebook::read_project_file(dir() / "project.xml");
  for (const auto& d : p.diagnostics) INFO(format_diagnostic(d));
  REQUIRE(p);
  CHECK(p.project->codebook == "3rs-2015");
  REQUIRE(p.project->files.size() == 1);
  const auto* entry = p.project->find(dir() / "." / "Sitzung 1 - Anna.eaf");
  REQUIRE(entry);
  CHECK(entry->coder == "anna");

  auto cb = codebook::read_codebook_file(test::source_dir() / "codebooks" / "3rs-2015.xml");
  REQUIRE(cb);
  const auto doc = eaf::read_eaf_file(dir() / "Sitzung 1 - Anna.eaf");
  // Without the project the file has no coder (no ANNOTATOR, no affix, no '_' in its name)...
  const auto plain = check::check_documents({doc}, *cb.codebook);
  CHECK(std::any_of(plain.diagnostics.begin(), plain.diagnostics.end(),
                    [](const Diagnostic& d) { return d.rule == "coder-unidentified"; }));
  // ...with it, it is session S01 of coder anna and checks clean.
  check::Checker checker(*cb.codebook, &*p.project);
  checker.add(doc);
  const auto& r = checker.result();
  for (const auto& d : r.diagnostics) INFO(format_diagnostic(d));
  CHECK(r.diagnostics.empty());
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].session == "S01");
  CHECK(r.files[0].coder == "anna");
}

TEST_CASE("a project file that breaks its schema is refused with the position", "[check][project]") {
  const auto p = codebook::read_project_file(dir() / "bad_attribute.xml");
  CHECK_FALSE(p);
  REQUIRE_FALSE(p.diagnostics.empty());
  const auto& d = p.diagnostics.front();
  CHECK(d.rule == "project-schema");
  CHECK(d.line == 3);
  CHECK(d.column == 36);  // just after the '>' of the 35-character <file .../> line
  CHECK(d.message.find("rater") != std::string::npos);
}

TEST_CASE("a project file nesting elements more than 16 deep is refused at the 17th level",
          "[check][project][hostile]") {
  // Xerces-C 3.2.4 wrote four bytes past a 32-entry array for a project element at depth 32 or
  // more under a root of another namespace, for which it keeps no state
  // (xml::DepthLimitedContentHandler; tests/fuzz/findings/2026-12-07-asan-quarantine/). Both
  // documents put 40 levels of <o:a> under the root, so level 17 is the <o:a> on line 18 (level L
  // on line L + 1), its tag ending at column 6 (see nested_in_foreign_namespace).
  const std::string project = "<project xmlns=\"urn:rapport:project\" schema_version=\"1.0\" codebook=\"3rs-2015\"";
  struct Case {
    const char* what;
    std::string text;
  };
  const Case cases[] = {
      {"under a project root",
       test::nested_in_foreign_namespace(project + ">", "</project>", 40, "<file path=\"a.eaf\" coder=\"A\"/>")},
      {"a project element under a root of another namespace (the shape fuzzing found)",
       test::nested_in_foreign_namespace("<r xmlns=\"urn:other\">", "</r>", 40, project + "/>")},
  };
  const test::TempDir dir("deep-project");
  for (const Case& c : cases) {
    INFO(c.what);
    std::ofstream(dir / "deep.xml", std::ios::binary | std::ios::trunc) << c.text;
    const auto p = codebook::read_project_file(dir / "deep.xml");
    CHECK_FALSE(p);
    REQUIRE_FALSE(p.diagnostics.empty());
    const auto& d = p.diagnostics.back();
    INFO(format_diagnostic(d));
    CHECK(d.rule == "xml-nesting-too-deep");
    CHECK(d.line == 18);
    CHECK(d.column == 6);
    CHECK(d.message.find("more than 16 deep here (<o:a> is at depth 17)") != std::string::npos);
  }
}
