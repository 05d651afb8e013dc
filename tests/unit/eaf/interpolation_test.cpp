// SPDX-License-Identifier: MIT
// Times exactly as ELAN shows them: unaligned slots (elan.md §1.5), symbolic tiers (§1.4).
#include <catch2/catch.hpp>

#include "rapport/eaf/reader.hpp"
#include "test_paths.hpp"

namespace {

const rapport::eaf::Annotation* find_annotation(const rapport::eaf::Document& doc, std::string_view id) {
  for (const auto& tier : doc.tiers)
    for (const auto& a : tier.annotations)
      if (a.id == id) return &a;
  return nullptr;
}

}  // namespace

TEST_CASE("pympi sample: the children of a3 get ELAN's interpolated times", "[eaf][time][corpus]") {
  const auto dir = rapport::test::corpus_dir();
  if (dir.empty()) {
    rapport::test::report_skip("../shared/corpus/eaf is not beside this clone");
    return;
  }
  const auto doc = rapport::eaf::read_eaf_file(dir / "pympi__sample_2.8.eaf");
  const auto* tier = doc.find_tier("words-timesub");
  REQUIRE(tier);
  // elan.md §1.5: a3 runs from ts38 = 8000 to ts55 = 11000 with five children and four unaligned
  // inner boundaries: 8000 + i·((11000 − 8000) / 5) = 8600, 9200, 9800, 10400.
  std::vector<const rapport::eaf::Annotation*> children;
  for (const auto& a : tier->annotations)
    if (a.start_ms >= 8000 && a.end_ms <= 11000) children.push_back(&a);
  REQUIRE(children.size() == 5);
  const std::int64_t bounds[] = {8000, 8600, 9200, 9800, 10400, 11000};
  const char* words[] = {"The", "quick", "brown", "fox", "003"};
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(children[i]->value == words[i]);
    CHECK(children[i]->start_ms == bounds[i]);
    CHECK(children[i]->end_ms == bounds[i + 1]);
    CHECK(children[i]->interpolated);
  }
  const auto* a3 = find_annotation(doc, "a3");
  REQUIRE(a3);
  CHECK_FALSE(a3->interpolated);
}

TEST_CASE("pympi sample 2.7, 2.8 and 3.0 give identical annotations", "[eaf][time][corpus]") {
  const auto dir = rapport::test::corpus_dir();
  if (dir.empty()) {
    rapport::test::report_skip("../shared/corpus/eaf is not beside this clone");
    return;
  }
  const auto v27 = rapport::eaf::read_eaf_file(dir / "pympi__sample_2.7.eaf");
  const auto v28 = rapport::eaf::read_eaf_file(dir / "pympi__sample_2.8.eaf");
  const auto v30 = rapport::eaf::read_eaf_file(dir / "pympi__sample_3.0.eaf");
  REQUIRE(v27.tiers.size() == v28.tiers.size());
  REQUIRE(v28.tiers.size() == v30.tiers.size());
  std::size_t compared = 0;
  for (std::size_t t = 0; t < v28.tiers.size(); ++t) {
    const auto& a = v27.tiers[t].annotations;
    const auto& b = v28.tiers[t].annotations;
    const auto& c = v30.tiers[t].annotations;
    REQUIRE(a.size() == b.size());
    REQUIRE(b.size() == c.size());
    for (std::size_t i = 0; i < b.size(); ++i) {
      INFO("tier " << v28.tiers[t].id << " annotation " << b[i].id);
      CHECK(a[i].id == b[i].id);
      CHECK(b[i].id == c[i].id);
      CHECK((a[i].start_ms == b[i].start_ms && b[i].start_ms == c[i].start_ms));
      CHECK((a[i].end_ms == b[i].end_ms && b[i].end_ms == c[i].end_ms));
      CHECK((a[i].value == b[i].value && b[i].value == c[i].value));
      CHECK((a[i].interpolated == b[i].interpolated && b[i].interpolated == c[i].interpolated));
      ++compared;
    }
  }
  CHECK(compared == 8778);  // elan.md §4: 4788 alignable + 3990 reference annotations
}

namespace {

// A Time_Subdivision tier under a top-level tier, and a symbolic subdivision, written inline so
// that the arithmetic below can be checked by hand.
constexpr std::string_view subdivision_eaf = R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2026-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0">
<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
<TIME_ORDER>
<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
<TIME_SLOT TIME_SLOT_ID="ts2"/>
<TIME_SLOT TIME_SLOT_ID="ts3"/>
<TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="2000"/>
</TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="utt" TIER_ID="utterance">
<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts4"><ANNOTATION_VALUE>one two three</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
</TIER>
<TIER LINGUISTIC_TYPE_REF="timesub" PARENT_REF="utterance" TIER_ID="words">
<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>one</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3"><ANNOTATION_VALUE>two</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a4" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4"><ANNOTATION_VALUE>three</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
</TIER>
<TIER LINGUISTIC_TYPE_REF="symsub" PARENT_REF="words" TIER_ID="morphs">
<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a7" ANNOTATION_REF="a3" PREVIOUS_ANNOTATION="a6"><ANNOTATION_VALUE>-c</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a5" ANNOTATION_REF="a3"><ANNOTATION_VALUE>a-</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a6" ANNOTATION_REF="a3" PREVIOUS_ANNOTATION="a5"><ANNOTATION_VALUE>b</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
</TIER>
<TIER LINGUISTIC_TYPE_REF="symassoc" PARENT_REF="morphs" TIER_ID="gloss">
<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a8" ANNOTATION_REF="a6"><ANNOTATION_VALUE>B</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
</TIER>
<LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="utt" TIME_ALIGNABLE="true"/>
<LINGUISTIC_TYPE CONSTRAINTS="Time_Subdivision" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="timesub" TIME_ALIGNABLE="true"/>
<LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Subdivision" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="symsub" TIME_ALIGNABLE="false"/>
<LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="symassoc" TIME_ALIGNABLE="false"/>
<CONSTRAINT DESCRIPTION="" STEREOTYPE="Time_Subdivision"/>
<CONSTRAINT DESCRIPTION="" STEREOTYPE="Symbolic_Subdivision"/>
<CONSTRAINT DESCRIPTION="" STEREOTYPE="Symbolic_Association"/>
</ANNOTATION_DOCUMENT>
)";

}  // namespace

TEST_CASE("interpolation uses integer division and symbolic tiers share their parent's time", "[eaf][time]") {
  const auto doc = rapport::eaf::read_eaf_memory(subdivision_eaf, "subdivision.eaf");
  CHECK(doc.diagnostics.empty());
  // ts2, ts3 unaligned between 1000 and 2000: k = 2, step = (2000 − 1000) / 3 = 333 (integer
  // division), so ts2 = 1000 + 1·333 = 1333 and ts3 = 1000 + 2·333 = 1666 (not 1667).
  const auto* two = find_annotation(doc, "a3");
  REQUIRE(two);
  CHECK(two->start_ms == 1333);
  CHECK(two->end_ms == 1666);
  CHECK(two->interpolated);
  // Symbolic subdivision of a3 (1333–1666, d = 333) into 3 in PREVIOUS_ANNOTATION order
  // a5 → a6 → a7 (document order is a7, a5, a6): per = 333 / 3 = 111.0, so
  // a5 = [1333, 1444), a6 = [1444, 1555), a7 = [1555, 1666).
  const auto* a5 = find_annotation(doc, "a5");
  const auto* a6 = find_annotation(doc, "a6");
  const auto* a7 = find_annotation(doc, "a7");
  REQUIRE((a5 && a6 && a7));
  CHECK(a5->start_ms == 1333);
  CHECK(a5->end_ms == 1444);
  CHECK(a6->start_ms == 1444);
  CHECK(a6->end_ms == 1555);
  CHECK(a7->start_ms == 1555);
  CHECK(a7->end_ms == 1666);
  CHECK(a6->interpolated);  // derived from interpolated times, so flagged too
  // Symbolic association: a8 has exactly its parent a6's interval.
  const auto* a8 = find_annotation(doc, "a8");
  REQUIRE(a8);
  CHECK(a8->start_ms == 1444);
  CHECK(a8->end_ms == 1555);
  // Tiers come out sorted by time, so the morphs read a-, b, -c.
  const auto* morphs = doc.find_tier("morphs");
  REQUIRE(morphs);
  CHECK(morphs->annotations[0].value == "a-");
  CHECK(morphs->annotations[1].value == "b");
  CHECK(morphs->annotations[2].value == "-c");
}
