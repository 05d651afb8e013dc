// SPDX-License-Identifier: MIT
// The optional project file: session and coder of a file whose name follows no convention.
#include <catch2/catch.hpp>

#include "rapport/check/check.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
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
