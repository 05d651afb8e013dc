// SPDX-License-Identifier: MIT
// The malformed-input table (after pugixml's tests/test_parse.cpp): one small file per problem in
// tests/data/eaf/, named for what it breaks, with every diagnostic it must produce — severity,
// rule, line, column (Xerces reports the end of the start tag), tier and the exact message.
// The files were written for this table; each expectation was read and approved by hand.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "rapport/eaf/reader.hpp"
#include "test_paths.hpp"

namespace {

struct Expected {
  const char* severity;
  const char* rule;
  std::int64_t line;
  std::int64_t column;
  const char* tier;  // nullptr: not tied to a tier
  const char* message;
};

struct Case {
  const char* file;
  std::vector<Expected> diagnostics;
};

// clang-format off
const std::vector<Case> cases = {
    {"bad_time_values.eaf", {{"error", "eaf-bad-time-value", 5, 48, nullptr, R"(TIME_SLOT 'ts1' has TIME_VALUE="-5", which is not a non-negative whole number of milliseconds; the slot is treated as unaligned)"},
      {"error", "eaf-bad-time-value", 6, 65, nullptr, R"(TIME_SLOT 'ts2' has TIME_VALUE="9223372036854775808", which is not a non-negative whole number of milliseconds; the slot is treated as unaligned)"},
      {"error", "eaf-unresolvable-time", 9, 13, "W", R"(annotation 'a1' has an unaligned time slot whose time cannot be derived from its tier or any parent tier)"}}},
    {"bad_utf8.eaf", {{"error", "xml-bad-encoding", 11, 20, nullptr, R"(the file is not valid UTF-8 (byte 0xFF at offset 476); save it again as UTF-8)"}}},
    {"billion_laughs.eaf", {{"warning", "xml-doctype", 2, 31, nullptr, R"(the file has a DOCTYPE declaration ('ANNOTATION_DOCUMENT'); EAF files have none, so external DTDs and entities are not loaded)"},
      {"error", "xml-entity-expansion-limit", 23, 25, nullptr, R"(entity expansion exceeds the limit of 10000 (an entity bomb?); the file was not read (parser has encountered more than '10000' entity expansions in the document; this is the limit imposed by the application))"}}},
    {"cve_ref_from_other_cv.eaf", {{"error", "eaf-dangling-cve-ref", 9, 13, "W", R"(annotation 'a1' has CVE_REF 'cveid1', which is not an entry of vocabulary 'W_CODES' (tier 'W' → type 'w-type'))"}}},
    {"dangling_annotation_ref.eaf", {{"error", "eaf-dangling-annotation-ref", 16, 13, "note", R"(annotation 'a2' refers to parent annotation 'a7' (ANNOTATION_REF), which does not exist)"}}},
    {"dangling_cv_ref.eaf", {{"error", "eaf-dangling-cv-ref", 15, 135, nullptr, R"(linguistic type 'w-type' names controlled vocabulary 'NO_SUCH_CV', which does not exist)"}}},
    {"dangling_ext_ref.eaf", {{"error", "eaf-dangling-ext-ref", 20, 51, nullptr, R"(controlled vocabulary 'ext' has EXT_REF 'er9', but no EXTERNAL_REF has that id)"}}},
    {"dangling_linguistic_type_ref.eaf", {{"error", "eaf-dangling-linguistic-type-ref", 8, 54, "W", R"(tier 'W' has LINGUISTIC_TYPE_REF 'no-such-type', but no LINGUISTIC_TYPE has that id)"}}},
    {"dangling_parent_ref.eaf", {{"error", "eaf-dangling-parent-ref", 15, 71, "note", R"(tier 'note' has PARENT_REF 'Missing', but there is no tier of that name)"}}},
    {"dangling_previous_annotation.eaf", {{"error", "eaf-dangling-previous-annotation", 21, 13, "parts", R"(annotation 'a3' has PREVIOUS_ANNOTATION 'a99', which does not exist)"},
      {"error", "eaf-previous-annotation-cycle", 16, 13, "parts", R"(the 2 subdivisions of annotation 'a1' do not form one PREVIOUS_ANNOTATION chain (a loop, a gap or two starts); their document order is used)"}}},
    {"dangling_ref_link.eaf", {{"error", "eaf-dangling-ref-link", 27, 89, nullptr, R"(referential link 'rl1' points at 'a404', which is neither an annotation nor a link)"}}},
    {"dangling_time_slot_ref.eaf", {{"error", "eaf-dangling-time-slot-ref", 9, 13, "W", R"(annotation 'a1' refers to time slot 'ts9' (TIME_SLOT_REF2), which does not exist; its time cannot be known)"}}},
    {"declared_latin1.eaf", {{"warning", "eaf-encoding-not-utf8", 1, 1, nullptr, R"(the XML declaration says encoding="ISO-8859-1"; ELAN writes UTF-8. The file is decoded as declared, but other tools may not)"}}},
    {"duplicate_annotation_id.eaf", {{"error", "eaf-duplicate-id", 15, 13, "W", R"(ANNOTATION id 'a1' is used twice (already the id of an earlier ANNOTATION); ids must be unique in the whole document)"}}},
    {"duplicate_tier_id.eaf", {{"warning", "eaf-duplicate-tier-id", 16, 52, "W", R"(a second TIER has TIER_ID 'W' (first at line 9); ELAN silently merges them, so its annotations are added to the first)"}}},
    {"empty_file.eaf", {{"error", "xml-not-well-formed", 1, 1, nullptr, R"(the file is not well-formed XML: invalid document structure (a truncated or hand-edited file? ELAN cannot open it either))"}}},
    {"end_before_start.eaf", {{"info", "eaf-unsorted-time-order", 0, 0, nullptr, R"(TIME_ORDER is not sorted by time (1 place where a slot is earlier than the one before it); this is legal and handled)"},
      {"error", "eaf-end-before-start", 9, 13, "W", R"(annotation 'a1' ends (1000 ms) before it starts (2000 ms))"}}},
    {"language_without_def.eaf", {{"info", "eaf-language-without-def", 0, 0, nullptr, R"(LANGUAGE 'deu' has no LANG_DEF; ELAN drops such languages on load, rapport keeps it)"}}},
    {"not_eaf.xml", {{"error", "eaf-not-eaf", 2, 28, nullptr, R"(the root element is <preferences>, not ANNOTATION_DOCUMENT (.eaf, .etf) or CV_RESOURCE (.ecv): this is not an ELAN file)"}}},
    {"ntsc_frames.eaf", {{"warning", "eaf-time-units", 0, 0, nullptr, R"(HEADER TIME_UNITS is 'NTSC-frames'; ELAN ignores TIME_UNITS and reads every TIME_VALUE as milliseconds, and so does rapport)"}}},
    {"overlap_in_tier.eaf", {{"info", "eaf-unsorted-time-order", 0, 0, nullptr, R"(TIME_ORDER is not sorted by time (1 place where a slot is earlier than the one before it); this is legal and handled)"},
      {"warning", "eaf-overlap-in-tier", 16, 13, "W", R"(annotation 'a2' (2000-4000 ms) overlaps annotation 'a1' (1000-3000 ms) on the same tier)"}}},
    {"parent_cycle.eaf", {{"error", "eaf-parent-cycle", 8, 62, "A", R"(tier 'A' is its own ancestor through PARENT_REF; the tier hierarchy must be a tree, so times that depend on the parent cannot be resolved)"},
      {"error", "eaf-parent-cycle", 15, 62, "B", R"(tier 'B' is its own ancestor through PARENT_REF; the tier hierarchy must be a tree, so times that depend on the parent cannot be resolved)"},
      {"error", "eaf-annotation-ref-cycle", 9, 13, "A", R"(annotation 'a1' is its own ancestor through ANNOTATION_REF; its time cannot be resolved)"}}},
    {"previous_annotation_cycle.eaf", {{"error", "eaf-previous-annotation-cycle", 16, 13, "parts", R"(the 2 subdivisions of annotation 'a1' do not form one PREVIOUS_ANNOTATION chain (a loop, a gap or two starts); their document order is used)"}}},
    {"ref_link_set.eaf", {}},
    {"truncated.eaf", {{"error", "xml-not-well-formed", 11, 13, nullptr, R"(the file is not well-formed XML: unexpected end of input (a truncated or hand-edited file? ELAN cannot open it either))"}}},
    {"unanchored_unaligned_slot.eaf", {{"error", "eaf-unresolvable-time", 9, 13, "W", R"(annotation 'a1' has an unaligned time slot whose time cannot be derived from its tier or any parent tier)"}}},
    {"unknown_format.eaf", {{"warning", "eaf-unknown-format", 1, 1, nullptr, R"(EAF format '4.1' is not one rapport knows (2.0–3.0); it is read with the 3.0 rules, as ELAN does for any version above 2.8)"}}},
    {"utf8_bom.eaf", {{"info", "eaf-bom", 1, 1, nullptr, R"(the file starts with a UTF-8 byte-order mark; ELAN writes none, and it is read as UTF-8)"}}},
    {"valid_minimal.eaf", {}},
    {"xxe_local_file.eaf", {{"warning", "xml-doctype", 2, 31, nullptr, R"(the file has a DOCTYPE declaration ('ANNOTATION_DOCUMENT'); EAF files have none, so external DTDs and entities are not loaded)"},
      {"error", "xml-external-entity-refused", 0, 0, nullptr, R"(the file refers to an external entity or DTD ('file:///etc/passwd'); rapport never loads them, so it was replaced by nothing)"}}},
    {"zero_length.eaf", {{"warning", "eaf-zero-length-annotation", 9, 13, "W", R"(annotation 'a1' has zero length (starts and ends at 1000 ms); it cannot overlap anything)"}}},
    {"time_subdivision_gap.eaf", {{"warning", "eaf-subdivision-gap", 19, 13, "words", R"(the 2 subdivisions of annotation 'a1' (1000-2000 ms) on tier 'words' leave a gap or overlap; Time_Subdivision children must tile their parent)"}}},
    {"included_in_outside_parent.eaf", {{"warning", "eaf-child-outside-parent", 24, 13, "notes", R"(annotation 'a3' (1500-2500 ms) on Included_In tier 'notes' is not inside any annotation of parent tier 'utterance')"}}},
};
// clang-format on

}  // namespace

TEST_CASE("each malformed input gets exactly its diagnostics, and nothing crashes", "[eaf][malformed]") {
  REQUIRE(cases.size() == 33);  // one per file in tests/data/eaf
  for (const Case& c : cases) {
    INFO("file tests/data/eaf/" << c.file);
    const auto path = rapport::test::data_dir() / "eaf" / c.file;
    const auto doc = rapport::eaf::read_eaf_file(path);
    REQUIRE(doc.diagnostics.size() == c.diagnostics.size());
    for (std::size_t i = 0; i < c.diagnostics.size(); ++i) {
      const auto& got = doc.diagnostics[i];
      const auto& want = c.diagnostics[i];
      INFO("diagnostic " << i << ": " << rapport::format_diagnostic(got));
      CHECK(rapport::to_string(got.severity) == want.severity);
      CHECK(got.rule == want.rule);
      CHECK(got.file == path.string());
      CHECK(got.line == want.line);
      CHECK(got.column == want.column);
      CHECK(got.tier.value_or("") == std::string(want.tier ? want.tier : ""));
      CHECK(got.message == want.message);
    }
  }
}
