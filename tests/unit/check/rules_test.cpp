// SPDX-License-Identifier: MIT
// One test file per rule, each with exactly one mistake injected into a clean synthetic session
// (tests/data/check/make_cases.py writes them). Each case asserts the rule id, severity, line,
// column, tier and time range of the diagnostic, and that nothing else is reported at or above
// warning.
//
// Where the numbers come from:
// - line: make_cases.py prints it, found by searching the written text for the changed
//   annotation's ANNOTATION_ID (the <ANNOTATION> line above it) or the changed TIER_ID;
// - column: the EAF reader's positions are those Xerces reports for a start tag, just after its
//   '>': 21 for "        <ANNOTATION>", the line length + 1 for a one-line <TIER ...>;
// - times: the values make_cases.py writes into the changed annotation (or, for a rating, its
//   parent segment: Symbolic_Association takes the parent's interval).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "rapport/check/check.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "test_paths.hpp"

using namespace rapport;

namespace {

const codebook::Codebook& codebook_3rs() {
  static const codebook::Codebook cb = [] {
    auto r = codebook::read_codebook_file(test::source_dir() / "codebooks" / "3rs-2015.xml");
    REQUIRE(r);
    return *r.codebook;
  }();
  return cb;
}

std::filesystem::path case_file(const std::string& name) { return test::data_dir() / "check" / name; }

check::CheckResult check_file(const std::filesystem::path& path) {
  const eaf::Document doc = eaf::read_eaf_file(path);
  return check::check_documents({doc}, codebook_3rs());
}

struct Expected {
  const char* file;
  const char* rule;
  Severity severity;
  std::int64_t line;
  std::int64_t column;
  const char* tier;       // nullptr: none
  std::int64_t start_ms;  // -1: none
  std::int64_t end_ms;
  const char* suggestion;  // nullptr: none expected
};

}  // namespace

TEST_CASE("the clean session checks clean", "[check]") {
  const auto r = check_file(case_file("clean/S01_coderA.eaf"));
  for (const auto& d : r.diagnostics) INFO(format_diagnostic(d));
  CHECK(r.diagnostics.empty());
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].session == "S01");
  CHECK(r.files[0].coder == "coderA");
}

TEST_CASE("each injected mistake gives exactly its diagnostic", "[check][rules]") {
  using S = Severity;
  const Expected cases[] = {
      {"code_unknown_coderA.eaf", "code-unknown", S::error, 87, 21, "3RS_W", 60000, 75000, "did you mean 'W2'?"},
      {"code_wrong_family_coderA.eaf", "code-wrong-family", S::error, 87, 21, "3RS_W", 60000, 75000,
       "move it to the confrontation tier"},
      {"code_unverified_coderA.eaf", "code-unverified", S::warning, 101, 21, "3RS_R", 130000, 150000, nullptr},
      {"cve_ref_mismatch_coderA.eaf", "cve-ref-mismatch", S::error, 87, 21, "3RS_W", 60000, 75000,
       "set the value to 'W3' or fix the CVE_REF"},
      {"rating_out_of_scale_coderA.eaf", "rating-out-of-scale", S::error, 36, 21, "SEG_WSIG", 0, 300000, nullptr},
      {"rating_na_not_allowed_coderA.eaf", "rating-out-of-scale", S::error, 58, 21, "SEG_CSIG", 300000, 600000,
       nullptr},
      {"segment_rating_missing_coderA.eaf", "segment-rating-missing", S::error, 24, 21, "SEG_CSIG", 300000, 600000,
       nullptr},
      {"session_rating_missing_coderA.eaf", "session-rating-missing", S::error, 125, 21, "SESSION", 0, 650000,
       "add 'SES_RES=N' to the value"},
      {"session_rating_unknown_coderA.eaf", "session-rating-unknown", S::error, 125, 21, "SESSION", 0, 650000, nullptr},
      {"segment_gap_coderA.eaf", "segment-gap", S::error, 30, 21, "3RS_SEG", 610000, 650000, nullptr},
      {"segment_overlap_coderA.eaf", "segment-overlap", S::error, 30, 21, "3RS_SEG", 590000, 650000, nullptr},
      {"segment_length_coderA.eaf", "segment-length", S::error, 24, 21, "3RS_SEG", 300000, 590000, nullptr},
      {"segment_number_coderA.eaf", "segment-number", S::warning, 29, 21, "3RS_SEG", 600000, 650000, "label it '3'"},
      {"annotation_overlap_coderA.eaf", "annotation-overlap", S::warning, 101, 21, "3RS_R", 100000, 150000, nullptr},
      {"annotation_zero_length_coderA.eaf", "annotation-zero-length", S::error, 100, 21, "3RS_R", 130000, 130000,
       nullptr},
      {"annotation_past_media_end_coderA.eaf", "annotation-past-media-end", S::error, 134, 21, "Patient", 640000,
       660000, nullptr},
      {"strategy_without_marker_coderA.eaf", "strategy-without-marker", S::warning, 101, 21, "3RS_R", 400000, 420000,
       nullptr},
      {"significance_without_marker_coderA.eaf", "significance-without-marker", S::warning, 41, 21, "SEG_WSIG", 300000,
       600000, nullptr},
      {"marker_without_significance_coderA.eaf", "marker-without-significance", S::warning, 36, 21, "SEG_WSIG", 0,
       300000, nullptr},
      {"stage_unknown_coderA.eaf", "stage-unknown", S::error, 113, 21, "STAGE", 90000, 110000, nullptr},
      {"stage_outside_rupture_coderA.eaf", "stage-outside-rupture", S::warning, 118, 21, "STAGE", 500000, 520000,
       nullptr},
      {"stage_marker_mismatch_coderA.eaf", "stage-marker-mismatch", S::warning, 110, 21, "STAGE", 80000, 85000,
       nullptr},
      // Not tied to a place: the tier is absent.
      {"tier_missing_coderA.eaf", "tier-missing", S::error, 0, 0, "SEG_RES", -1, -1, nullptr},
      // <TIER ...> lines: 109 characters (make_cases.py prints column 110).
      {"tier_duplicate_coderA.eaf", "tier-duplicate", S::error, 95, 110, "3RS_W@coderA", -1, -1, nullptr},
  };
  for (const auto& c : cases) {
    SECTION(c.file) {
      const auto r = check_file(case_file(c.file));
      for (const auto& d : r.diagnostics) INFO(format_diagnostic(d));
      std::vector<const Diagnostic*> serious;
      for (const auto& d : r.diagnostics)
        if (d.severity >= Severity::warning) serious.push_back(&d);
      REQUIRE(serious.size() == 1);
      const Diagnostic& d = *serious.front();
      CHECK(d.rule == c.rule);
      CHECK(d.severity == c.severity);
      CHECK(d.line == c.line);
      CHECK(d.column == c.column);
      CHECK(d.tier == (c.tier ? std::optional<std::string>(c.tier) : std::nullopt));
      CHECK(d.start_ms == (c.start_ms < 0 ? std::nullopt : std::optional<std::int64_t>(c.start_ms)));
      CHECK(d.end_ms == (c.end_ms < 0 ? std::nullopt : std::optional<std::int64_t>(c.end_ms)));
      CHECK(d.suggestion == (c.suggestion ? std::optional<std::string>(c.suggestion) : std::nullopt));
      CHECK(d.file == case_file(c.file).string());
      CHECK(check::find_rule(d.rule));
    }
  }
}

TEST_CASE("coder conflict: the tier-name affix wins over ANNOTATOR", "[check][rules]") {
  const auto r = check_file(case_file("coder_conflict_coderA.eaf"));
  const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                               [](const Diagnostic& d) { return d.rule == "coder-conflict"; });
  REQUIRE(it != r.diagnostics.end());
  CHECK(it->severity == Severity::warning);
  CHECK(it->line == 93);  // make_cases.py: the <TIER ... TIER_ID="3RS_C@coderB"> line
  CHECK(it->column == 110);
  CHECK(it->tier == "3RS_C@coderB");
  // coderB now has a session of its own, and it lacks every other required tier.
  CHECK(std::any_of(r.files.begin(), r.files.end(), [](const check::CheckedFile& f) { return f.coder == "coderB"; }));
}

TEST_CASE("no coder anywhere is reported once", "[check][rules]") {
  const auto r = check_file(case_file("nocoder.eaf"));
  std::vector<const Diagnostic*> serious;
  for (const auto& d : r.diagnostics)
    if (d.severity >= Severity::warning) serious.push_back(&d);
  REQUIRE(serious.size() == 1);
  CHECK(serious[0]->rule == "coder-unidentified");
  CHECK(serious[0]->tier == "3RS_SEG");
  CHECK(serious[0]->line == 18);  // the first <TIER>: 12 time slots on lines 5-16, </TIME_ORDER> on 17
}

TEST_CASE("a file matching no tier rule is a single info", "[check][rules]") {
  const auto r = check_file(case_file("not_3rs.eaf"));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "tiers-unrecognised");
  CHECK(r.diagnostics[0].severity == Severity::info);
  REQUIRE(r.files.size() == 1);
  CHECK_FALSE(r.files[0].coder);
}

TEST_CASE("the same session and coder from two files", "[check][rules]") {
  const eaf::Document a = eaf::read_eaf_file(case_file("clean/S01_coderA.eaf"));
  eaf::Document b = a;
  b.file = (test::data_dir() / "check" / "copy" / "S01_coderA.eaf").string();
  const auto r = check::check_documents({a, b}, codebook_3rs());
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.rule == "coder-identified-twice");
  CHECK(d.severity == Severity::error);
  CHECK(d.file == b.file);
  CHECK(d.tier == "3RS_SEG");
  CHECK(d.line == 18);  // its first coded tier
  CHECK(r.file_count == 2);
}

TEST_CASE("a bad file is reported and the others are still checked", "[check]") {
  const auto missing = case_file("does_not_exist_coderA.eaf");
  const auto docs = eaf::read_eaf_files({missing, case_file("clean/S01_coderA.eaf")}, {}, 1);
  const auto r = check::check_documents(docs, codebook_3rs());
  CHECK(r.file_count == 2);
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[1].coder == "coderA");
  CHECK(std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                    [&](const Diagnostic& d) { return d.file == missing.string() && d.severity == Severity::error; }));
  CHECK(std::none_of(r.diagnostics.begin(), r.diagnostics.end(),
                     [&](const Diagnostic& d) { return d.file != missing.string(); }));
}

TEST_CASE("every catalogue rule id is unique and kebab-case", "[check]") {
  std::set<std::string_view> ids;
  for (const auto& r : check::rules()) {
    CHECK(ids.insert(r.id).second);
    CHECK(std::all_of(r.id.begin(), r.id.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }));
  }
}
