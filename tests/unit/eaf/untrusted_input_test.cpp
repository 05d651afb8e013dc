// SPDX-License-Identifier: MIT
// The reader's exact diagnostics for the hostile-input gaps of issue 11 (the end-to-end bounds
// are in tests/unit/hostile): UTF-8 that is not RFC 3629 UTF-8, elements inside a value or where
// the EAF format has none, UTF-16 without a byte-order mark, a value too long to keep, and
// symbolic link loops. Each input is tests/data/eaf/valid_minimal.eaf with one change.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "rapport/eaf/collect.hpp"
#include "rapport/eaf/reader.hpp"
#include "test_paths.hpp"

using rapport::eaf::read_eaf_memory;
namespace fs = std::filesystem;

namespace {

std::string valid_minimal() {
  std::ifstream in(rapport::test::data_dir() / "eaf" / "valid_minimal.eaf", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// valid_minimal.eaf with its value "W1" (line 11, after the 18 characters of
/// "<ANNOTATION_VALUE>", at byte offset 475) replaced by `value`.
std::string with_value(const std::string& value) {
  std::string s = valid_minimal();
  const std::string old = "<ANNOTATION_VALUE>W1</ANNOTATION_VALUE>";
  s.replace(s.find(old), old.size(), "<ANNOTATION_VALUE>" + value + "</ANNOTATION_VALUE>");
  return s;
}

std::size_t count_rule(const rapport::eaf::Document& doc, const std::string& rule) {
  std::size_t n = 0;
  for (const auto& d : doc.diagnostics) n += d.rule == rule ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("UTF-8 that is not RFC 3629 UTF-8 is xml-bad-encoding at its byte, without the raw bytes",
          "[eaf][encoding][hostile]") {
  // Each sequence follows "W" in the value: byte offset 476, line 11, column 20 (valid_minimal.eaf).
  struct Bad {
    const char* what;
    std::string bytes;
    const char* hex;
  };
  const std::vector<Bad> cases = {
      {"a UTF-16 surrogate (U+D800) encoded in UTF-8", "\xED\xA0\x80", "ED"},
      {"the lead byte of an old 6-byte form", "\xFC\x84\x80\x80\x80\x80", "FC"},
      {"an overlong '/' (2 bytes)", "\xC0\xAF", "C0"},
      {"an overlong '/' (3 bytes)", "\xE0\x80\xAF", "E0"},
      {"F5, never a lead byte", "\xF5\x80\x80\x80", "F5"},
      {"U+110000, above U+10FFFF", "\xF4\x90\x80\x80", "F4"},
      {"FF", "\xFF", "FF"},
  };
  for (const Bad& b : cases) {
    INFO(b.what);
    const auto doc = read_eaf_memory(with_value("W" + b.bytes + "X"), "bad.eaf");
    REQUIRE(doc.diagnostics.size() == 1);
    const auto& d = doc.diagnostics[0];
    CHECK(d.rule == "xml-bad-encoding");
    CHECK(d.severity == rapport::Severity::error);
    CHECK(d.line == 11);
    CHECK(d.column == 20);
    CHECK(d.message ==
          "the file is not valid UTF-8 (byte 0x" + std::string(b.hex) + " at offset 476); save it again as UTF-8");
    CHECK_FALSE(doc.complete);
  }
}

TEST_CASE("the UTF-8 check reads a large file in 1 MiB chunks: sequences split by a chunk boundary are valid",
          "[eaf][encoding]") {
  // 600,000 "ä" (C3 A4) from offset 475: the 1 MiB boundary (1,048,576 = 475 + 1,048,101, odd)
  // falls between a C3 and its A4. Then an FF after them, at offset 475 + 1,200,000, is found at
  // line 11, column 19 + 1,200,000 (the line starts at offset 457).
  std::string value;
  for (int i = 0; i < 600000; ++i) value += "\xC3\xA4";
  const fs::path dir = fs::temp_directory_path() / "rapport-reader-test-utf8-chunks";
  fs::create_directories(dir);
  for (const bool bad : {false, true}) {
    INFO((bad ? "with FF" : "valid"));
    const std::string bytes = with_value(value + (bad ? "\xFF" : ""));
    std::ofstream(dir / "big.eaf", std::ios::binary | std::ios::trunc) << bytes;
    for (const auto& doc : {read_eaf_memory(bytes, "big.eaf"), rapport::eaf::read_eaf_file(dir / "big.eaf")}) {
      if (!bad) {
        CHECK(doc.diagnostics.empty());
        CHECK(doc.tiers.at(0).annotations.at(0).value.size() == 1200000);
        continue;
      }
      REQUIRE(doc.diagnostics.size() == 1);
      CHECK(doc.diagnostics[0].rule == "xml-bad-encoding");
      CHECK(doc.diagnostics[0].line == 11);
      CHECK(doc.diagnostics[0].column == 1200019);
      CHECK(doc.diagnostics[0].message ==
            "the file is not valid UTF-8 (byte 0xFF at offset 1200475); save it again as UTF-8");
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("a multi-byte sequence cut off by the end of the file is a truncation, not a bad encoding",
          "[eaf][encoding]") {
  const std::string full = with_value("W\xC3\xA4X");  // "WäX": C3 A4 at offsets 476-477
  const auto doc = read_eaf_memory(full.substr(0, 477), "cut.eaf");
  REQUIRE(doc.diagnostics.size() == 1);
  CHECK(doc.diagnostics[0].rule == "xml-not-well-formed");
}

TEST_CASE("an element inside ANNOTATION_VALUE is an error once per value, and nothing is loaded from it",
          "[eaf][hostile]") {
  SECTION("XInclude of a local file") {
    const auto doc = read_eaf_memory(
        with_value(R"(W<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>1)"),
        "xinclude.eaf");
    REQUIRE(doc.diagnostics.size() == 1);
    const auto& d = doc.diagnostics[0];
    CHECK(d.rule == "eaf-element-in-value");
    CHECK(d.severity == rapport::Severity::error);
    CHECK(d.line == 11);
    // Xerces reports the column after the start tag: it begins at 20 (after "<ANNOTATION_VALUE>W")
    // and <xi:include .../> is 82 characters long.
    CHECK(d.column == 102);
    CHECK(d.tier == "W");
    CHECK(d.message ==
          "the value of annotation 'a1' on tier 'W' contains the element <xi:include>; a value is plain text (ELAN "
          "writes '<' as &lt;), so the element and everything in it are ignored and nothing it refers to is "
          "loaded: the value read is not what ELAN shows");
    REQUIRE(doc.tiers.size() == 1);
    REQUIRE(doc.tiers[0].annotations.size() == 1);
    CHECK(doc.tiers[0].annotations[0].value.view().find("root:") == std::string_view::npos);
  }
  SECTION("10,000-deep nesting: one diagnostic, not one per element") {
    std::string open, close;
    for (int i = 0; i < 10000; ++i) {
      open += "<x>";
      close += "</x>";
    }
    const auto doc = read_eaf_memory(with_value(open + close), "deep.eaf");
    CHECK(count_rule(doc, "eaf-element-in-value") == 1);
    CHECK(count_rule(doc, "eaf-unknown-element") == 0);
    CHECK(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics.at(0).line == 11);
  }
  SECTION("two values with elements: one diagnostic each") {
    std::string s = with_value("<b>W1</b>");
    const std::string second = R"(<TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="V">
<ANNOTATION>
<ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
<ANNOTATION_VALUE><i>V1</i></ANNOTATION_VALUE>
</ALIGNABLE_ANNOTATION>
</ANNOTATION>
</TIER>
)";
    s.insert(s.find("<LINGUISTIC_TYPE "), second);
    const auto doc = read_eaf_memory(s, "two.eaf");
    REQUIRE(count_rule(doc, "eaf-element-in-value") == 2);
    CHECK(doc.diagnostics.at(0).tier == "W");
    CHECK(doc.diagnostics.at(1).tier == "V");
    CHECK(doc.diagnostics.at(1).line == 18);  // the fourth line of the inserted tier (the tier W ends at line 14)
  }
}

TEST_CASE("an element the EAF format does not have is a warning once per subtree, at its line", "[eaf][hostile]") {
  std::string s = valid_minimal();
  // Inserted as line 4, before TIME_ORDER; its children are not reported again.
  s.insert(s.find("<TIME_ORDER>"), "<EXTRA><x/><y><z/></y></EXTRA><OTHER/>\n");
  const auto doc = read_eaf_memory(s, "unknown.eaf");
  REQUIRE(doc.diagnostics.size() == 2);
  CHECK(doc.diagnostics[0].rule == "eaf-unknown-element");
  CHECK(doc.diagnostics[0].severity == rapport::Severity::warning);
  CHECK(doc.diagnostics[0].line == 4);
  CHECK(doc.diagnostics[0].column == 8);  // the end of "<EXTRA>"
  CHECK(doc.diagnostics[0].message ==
        "<EXTRA> is not an element of the EAF format; it and everything inside it are ignored (a hand-edited file "
        "or another tool's extension?)");
  CHECK(doc.diagnostics[1].message.starts_with("<OTHER> is not an element"));
  // The rest of the file is read as before.
  REQUIRE(doc.tiers.size() == 1);
  CHECK(doc.tiers[0].annotations.size() == 1);
  CHECK(doc.complete);
}

TEST_CASE("UTF-16 without a byte-order mark is noted like UTF-16 with one", "[eaf][encoding]") {
  std::string utf8 = valid_minimal();
  utf8.replace(utf8.find("UTF-8"), 5, "UTF-16");
  std::string le, be;  // valid_minimal.eaf is ASCII: each character is one UTF-16 code unit
  for (const char c : utf8) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  for (const auto& [bytes, order] : {std::pair{le, "little"}, std::pair{be, "big"}}) {
    INFO(order);
    const auto doc = read_eaf_memory(bytes, "utf16.eaf");
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].rule == "eaf-encoding-not-utf8");
    CHECK(doc.diagnostics[0].severity == rapport::Severity::warning);
    CHECK(doc.diagnostics[0].message ==
          "the file is UTF-16 " + std::string(order) +
              "-endian without a byte-order mark; ELAN writes UTF-8. It is read as UTF-16, but other tools may not "
              "accept it");
    REQUIRE(doc.tiers.size() == 1);
    CHECK(doc.tiers[0].annotations.at(0).value == "W1");
  }
}

TEST_CASE("a value longer than the limit is refused, and the file is not read", "[eaf][hostile]") {
  rapport::eaf::ReadOptions options;
  SECTION("the default limit, 16 MiB") {
    CHECK(options.max_text_bytes == 16777216);  // 16 MiB, the documented default (reader.hpp)
    const auto doc = read_eaf_memory(with_value(std::string(16777217, 'x')), "long.eaf", options);
    REQUIRE(doc.diagnostics.size() == 1);
    const auto& d = doc.diagnostics[0];
    CHECK(d.rule == "eaf-text-too-long");
    CHECK(d.severity == rapport::Severity::error);
    CHECK(d.line == 11);
    CHECK(d.column == 19);  // the end of the start tag "<ANNOTATION_VALUE>" (18 characters)
    CHECK(d.tier == "W");
    CHECK(d.message ==
          "the value of annotation 'a1' on tier 'W' is longer than 16777216 bytes, the most rapport reads into one "
          "value (no real annotation comes near it); the file is not read");
    CHECK_FALSE(doc.complete);
  }
  SECTION("a smaller limit: exactly at it is read, one byte over is refused") {
    options.max_text_bytes = 1000;
    const auto at = read_eaf_memory(with_value(std::string(1000, 'x')), "at.eaf", options);
    CHECK(at.diagnostics.empty());
    CHECK(at.tiers.at(0).annotations.at(0).value.size() == 1000);
    const auto over = read_eaf_memory(with_value(std::string(1001, 'x')), "over.eaf", options);
    CHECK(count_rule(over, "eaf-text-too-long") == 1);
    CHECK_FALSE(over.complete);
  }
  SECTION("other kept text: a PROPERTY") {
    options.max_text_bytes = 1000;
    std::string s = valid_minimal();
    const std::string header = R"(<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>)";
    s.replace(s.find(header), header.size(),
              R"(<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"><PROPERTY NAME="p">)" + std::string(2000, 'p') +
                  "</PROPERTY></HEADER>");
    const auto doc = read_eaf_memory(s, "property.eaf", options);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].message ==
          "the text of PROPERTY is longer than 1000 bytes, the most rapport reads into one value (no real annotation "
          "comes near it); the file is not read");
    CHECK_FALSE(doc.diagnostics[0].tier);
  }
}

TEST_CASE("a symbolic link loop is named as one, by the reader and in a folder", "[eaf][io]") {
  const fs::path dir = fs::temp_directory_path() / "rapport-reader-test-symlink-loop";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::create_symlink("self.eaf", dir / "self.eaf");         // ELOOP
  fs::create_symlink("missing.eaf", dir / "dangling.eaf");  // no target: not a file, skipped in a folder
  std::ofstream(dir / "good.eaf") << valid_minimal();
  const auto doc = rapport::eaf::read_eaf_file(dir / "self.eaf");
  REQUIRE(doc.diagnostics.size() == 1);
  CHECK(doc.diagnostics[0].rule == "io-symlink-loop");
  CHECK(doc.diagnostics[0].message ==
        "a symbolic link loop (ELOOP): the link leads back to itself and never reaches a file");
  CHECK_FALSE(doc.complete);
  const auto files = rapport::eaf::collect_eaf_files({dir.string()});
  REQUIRE(files.size() == 2);  // sorted: good.eaf, self.eaf
  CHECK(files[0].filename() == "good.eaf");
  CHECK(files[1].filename() == "self.eaf");
  fs::remove_all(dir);
}
