// SPDX-License-Identifier: MIT
// The codebook reader: the shipped 3RS codebook loads with the content 3rs.md gives it, and each
// malformed codebook in tests/data/codebook/ (named for what it breaks) gets its exact diagnostic.
#include <catch2/catch.hpp>

#include <algorithm>

#include "deep_nesting.hpp"
#include "rapport/codebook/reader.hpp"
#include "test_paths.hpp"

using namespace rapport;
using namespace rapport::codebook;

namespace {
std::filesystem::path shipped(const char* name) { return test::source_dir() / "codebooks" / name; }
std::filesystem::path bad(const char* name) { return test::data_dir() / "codebook" / name; }
}  // namespace

TEST_CASE("3rs-2015 loads with the codes, scales and stage models of 3rs.md", "[codebook]") {
  const ReadResult r = read_codebook_file(shipped("3rs-2015.xml"));
  INFO(r.description());
  REQUIRE(r);
  const Codebook& cb = *r.codebook;
  CHECK(cb.id == "3rs-2015");
  CHECK(cb.schema_version == "1.1");
  CHECK(r.diagnostics.empty());
  // 3rs.md §1.4, §1.5, §1.6: W1-W7, C1-C7, R1-R11 (R11 unverified).
  CHECK(cb.codes_of("withdrawal").size() == 7);
  CHECK(cb.codes_of("confrontation").size() == 7);
  CHECK(cb.codes_of("resolution").size() == 11);
  REQUIRE(cb.find_code("R11"));
  CHECK(cb.find_code("R11")->evidence == Evidence::unverified);
  CHECK(cb.find_code("W2")->family == "withdrawal");
  CHECK(pick(cb.find_code("W2")->labels, "en") == "Minimal response");
  CHECK(pick(cb.find_code("W2")->labels, "de") == "Minimale Antwort");
  CHECK(cb.find_code("R1")->attribute("class") == "immediate");
  CHECK(cb.find_code("R4")->attribute("class") == "exploratory");
  // 3rs.md §5.1: 300 s segments, SEG_RES allows NA, the others do not.
  CHECK(cb.segmentation.length_ms == 300000);
  CHECK(cb.segmentation.ratings.size() == 3);
  CHECK(cb.session_ratings.size() == 4);
  CHECK(cb.find_scale("SEG_RES")->na_allowed);
  CHECK_FALSE(cb.find_scale("SEG_WSIG")->na_allowed);
  // 3rs.md §5.3: SM-W and SM-C with S1-S5, MR with MR1-MR3.
  REQUIRE(cb.stage_models.size() == 3);
  CHECK(cb.find_stage_model("SM-W")->stages.size() == 5);
  CHECK(cb.find_stage_model("MR")->stages.size() == 3);
  CHECK(cb.stage_ids({"SM-W", "SM-C", "MR"}) ==
        std::vector<std::string>{"S1", "S2", "S3", "S4", "S5", "MR1", "MR2", "MR3"});
  // The layout of the sample-project convention (3rs.md §5.4).
  REQUIRE(cb.find_tier_rule("SEG_WSIG"));
  CHECK(cb.find_tier_rule("SEG_WSIG")->parent == "3RS_SEG");
  CHECK(cb.find_tier_rule("3RS_R")->cv == "3RS_R_CODES");
  CHECK(cb.coder_identification.tier_affixes.size() == 2);
  CHECK(cb.coder_identification.annotator_attribute);
  CHECK(cb.coder_identification.file_name_separator == "_");
}

TEST_CASE("3rs-2022 loads as a partial codebook with the four salience scales", "[codebook]") {
  const ReadResult r = read_codebook_file(shipped("3rs-2022.xml"));
  INFO(r.description());
  REQUIRE(r);
  const Codebook& cb = *r.codebook;
  // 3rs.md §1.3 and §5.1 (secondary): WD_P, WD_T, CF_P, CF_T, 1-5, anchors at 1, 3, 5.
  for (const char* id : {"WD_P", "WD_T", "CF_P", "CF_T"}) {
    INFO(id);
    REQUIRE(cb.find_scale(id));
    CHECK(cb.find_scale(id)->max == 5);
    CHECK(cb.find_scale(id)->anchors.size() == 3);
    CHECK(cb.find_scale(id)->evidence == Evidence::secondary);
  }
  // 3rs.md §1.4: eight withdrawal forms under three headings; confrontation forms unknown.
  CHECK(cb.codes_of("withdrawal").size() == 8);
  CHECK(cb.find_code("CF")->evidence == Evidence::unverified);
  CHECK(cb.session_ratings.empty());
  CHECK(cb.stage_models.empty());
}

namespace {
struct BadCase {
  const char* file;
  const char* rule;
  std::int64_t line;
  std::int64_t column;
  const char* message_part;
};
}  // namespace

TEST_CASE("malformed codebooks get file:line:col diagnostics", "[codebook]") {
  // Lines and columns: Xerces reports the position just after the offending start tag's '>' (or
  // the character where it stopped); each pair was checked against the test file by hand.
  const BadCase cases[] = {
      // The unclosed quote of code="en at line 5 makes the parser stop at column 30.
      {"not_well_formed.xml", "xml-not-well-formed", 5, 30, "not well-formed"},
      {"wrong_root.xml", "codebook-not-a-codebook", 2, 75, "root element is 'ANNOTATION_DOCUMENT'"},
      {"future_schema_version.xml", "codebook-schema-version", 2, 101, "schema_version '9.0'"},
      {"missing_schema_version.xml", "codebook-schema-version", 2, 80, "no schema_version"},
      {"unknown_element.xml", "codebook-schema", 11, 15, "no declaration found for element 'colour'"},
      {"duplicate_code_id.xml", "codebook-schema", 12, 39, "duplicate identity constraint"},
      {"unknown_rating_scale.xml", "codebook-unknown-reference", 27, 35, "names scale 'SESS'"},
      {"anchor_out_of_range.xml", "codebook-anchor-out-of-range", 18, 23, "anchor 7 of scale 'SIG'"},
      {"session_scale_on_segment.xml", "codebook-rating-level", 25, 34, "scale 'SES' is a session scale"},
      {"codes_tier_without_family.xml", "codebook-tier-rule", 32, 50, "names no family"},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    const ReadResult r = read_codebook_file(bad(c.file));
    CHECK_FALSE(r);
    REQUIRE_FALSE(r.diagnostics.empty());
    const Diagnostic& d = r.diagnostics.front();
    INFO(format_diagnostic(d));
    CHECK(d.severity == Severity::error);
    CHECK(d.rule == c.rule);
    CHECK(d.line == c.line);
    CHECK(d.column == c.column);
    CHECK(d.message.find(c.message_part) != std::string::npos);
    CHECK(d.file == bad(c.file).string());
  }
}

TEST_CASE("a missing codebook file is an I/O diagnostic, not an exception", "[codebook]") {
  const ReadResult r = read_codebook_file(bad("does_not_exist.xml"));
  CHECK_FALSE(r);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "codebook-io");
}

TEST_CASE("a DOCTYPE in a codebook is refused before anything in it is used", "[codebook][hostile]") {
  // Codebooks are defined by schemas/codebook.xsd; a DTD there is a mistake or an attack. The
  // position is where Xerces reports the DOCTYPE: line 2, at the '[' that opens the internal
  // subset (column 20: '<!DOCTYPE codebook ' is 19 characters, counted by hand), or at the '>'
  // that ends it when there is no subset (column 47 = length of the whole declaration).
  const std::string tail = "<codebook xmlns=\"urn:rapport:codebook\" schema_version=\"1.0\" id=\"x\">&e;</codebook>\n";
  struct Case {
    std::string doctype;
    std::int64_t column;
  };
  for (const Case& c : {Case{"<!DOCTYPE codebook [<!ENTITY e \"lol\">]>", 20},
                        Case{"<!DOCTYPE codebook SYSTEM \"file:///etc/passwd\">", 47}}) {
    INFO(c.doctype);
    const ReadResult r = read_codebook_memory("<?xml version=\"1.0\"?>\n" + c.doctype + "\n" + tail, "d.xml");
    CHECK_FALSE(r);
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics[0];
    CHECK(d.rule == "xml-doctype-refused");
    CHECK(d.line == 2);
    CHECK(d.column == c.column);
    CHECK(d.message ==
          "the codebook has a document type declaration (<!DOCTYPE ...>); Rapport reads it against its XML schema "
          "and never uses a DTD or entities, so the file is not read: delete the declaration");
  }
}

TEST_CASE("a codebook nesting elements more than 16 deep is refused at the 17th level", "[codebook][hostile]") {
  // Xerces-C 3.2.4 can write past a heap buffer when it validates deep documents
  // (xml::DepthLimitedContentHandler). The shape fuzzing found, a foreign root, never reaches the
  // codebook schema (the root is checked first); the limit holds for every validated codebook all
  // the same. With 40 foreign levels, level 17 is the <o:a> on line 18 (level L is on line L + 1),
  // its tag ending at column 6 (see nested_in_foreign_namespace).
  const std::string root = "<codebook xmlns=\"urn:rapport:codebook\" schema_version=\"1.0\" id=\"x\">";
  const ReadResult deep =
      read_codebook_memory(test::nested_in_foreign_namespace(root, "</codebook>", 40, "<code id=\"c\"/>"), "deep.xml");
  CHECK_FALSE(deep);
  REQUIRE_FALSE(deep.diagnostics.empty());
  const Diagnostic& d = deep.diagnostics.back();  // the parse ends there
  INFO(format_diagnostic(d));
  CHECK(d.rule == "xml-nesting-too-deep");
  CHECK(d.severity == Severity::error);
  CHECK(d.file == "deep.xml");
  CHECK(d.line == 18);
  CHECK(d.column == 6);
  CHECK(d.message ==
        "elements nest more than 16 deep here (<o:a> is at depth 17); Rapport's codebooks, project files and ELAN "
        "files nest at most 5 deep, so the rest of the file is not read");

  // 14 foreign levels put the innermost element at level 16: the schema says what is wrong, the
  // depth does not.
  const ReadResult at_limit =
      read_codebook_memory(test::nested_in_foreign_namespace(root, "</codebook>", 14, "<code id=\"c\"/>"), "limit.xml");
  CHECK_FALSE(at_limit);
  INFO(at_limit.description());
  CHECK(std::none_of(at_limit.diagnostics.begin(), at_limit.diagnostics.end(),
                     [](const Diagnostic& x) { return x.rule == "xml-nesting-too-deep"; }));
  CHECK(std::any_of(at_limit.diagnostics.begin(), at_limit.diagnostics.end(),
                    [](const Diagnostic& x) { return x.rule == "codebook-schema"; }));
}
