// SPDX-License-Identifier: MIT
// The compact model: annotation and time-slot strings are Texts in a per-Document arena. They
// must stay valid when the Document moves (returned by value, put in a vector that grows) and
// keep "present but empty" apart from "absent".
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "rapport/eaf/reader.hpp"

using rapport::eaf::Annotation;
using rapport::eaf::Document;
using rapport::eaf::OptText;
using rapport::eaf::Text;
using rapport::eaf::TextArena;
using rapport::eaf::TimeSlot;

// The reason for these bounds: a 137.5 MB session holds 301 158 annotations and 602 250 time
// slots; at 320 and 64 bytes they alone took 135 MB, the whole budget of "peak memory below the
// file size" (tests/bench/README.md, BASELINE.md). Growing them again must be a decision.
static_assert(sizeof(Annotation) <= 96, "Annotation grew: the reader's peak memory scales with it");
static_assert(sizeof(TimeSlot) <= 40, "TimeSlot grew: the reader's peak memory scales with it");
static_assert(sizeof(Text) == 8 && sizeof(OptText) == 8);

namespace {

const char* const eaf = R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">
  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
  <TIME_ORDER>
    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="100"/>
    <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2500"/>
    <TIME_SLOT TIME_SLOT_ID="slot-three"/>
  </TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="default" TIER_ID="T">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2" LANG_REF="">
      <ANNOTATION_VALUE>  zwei Wörter
und eine Zeile  </ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="ref" TIER_ID="R" PARENT_REF="T">
    <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1">
      <ANNOTATION_VALUE></ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
  </TIER>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="default" TIME_ALIGNABLE="true"/>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="ref" CONSTRAINTS="Symbolic_Association" TIME_ALIGNABLE="false"/>
  <CONSTRAINT STEREOTYPE="Symbolic_Association"/>
</ANNOTATION_DOCUMENT>
)";

struct Seen {
  const char* id_data;
  std::string_view id, value, ref, slot;
};

Seen look(const Document& doc) {
  const Annotation& a1 = doc.tiers.at(0).annotations.at(0);
  const Annotation& a2 = doc.tiers.at(1).annotations.at(0);
  return {a1.id.data(), a1.id, a1.value, *a2.ref, doc.time_slots.at(2).id};
}

void check_seen(const Seen& s) {
  CHECK(s.id == "a1");
  CHECK(s.value == "  zwei W\xC3\xB6rter\nund eine Zeile  ");
  CHECK(s.ref == "a1");
  CHECK(s.slot == "slot-three");
}

}  // namespace

TEST_CASE("annotation texts stay valid when the Document is moved", "[eaf][arena]") {
  Document doc = rapport::eaf::read_eaf_memory(eaf, "arena.eaf");
  REQUIRE(doc.tiers.size() == 2);
  const Seen before = look(doc);
  check_seen(before);

  // Views taken before the move still read the same bytes at the same place afterwards.
  Document moved = std::move(doc);
  check_seen(before);
  const Seen after = look(moved);
  CHECK(after.id_data == before.id_data);
  check_seen(after);

  // A vector that reallocates moves its Documents again.
  std::vector<Document> docs;
  docs.push_back(std::move(moved));
  for (int i = 0; i < 20; ++i) docs.push_back(rapport::eaf::read_eaf_memory(eaf, "more.eaf"));
  check_seen(before);
  check_seen(look(docs.front()));
  CHECK(look(docs.front()).id_data == before.id_data);
  CHECK(look(docs.back()).id_data != before.id_data);  // each document has its own arena
}

TEST_CASE("a copied Document shares the arena, so its texts outlive the original", "[eaf][arena]") {
  std::optional<Document> original = rapport::eaf::read_eaf_memory(eaf, "arena.eaf");
  const Document copy = *original;
  CHECK(copy.texts == original->texts);
  original.reset();
  check_seen(look(copy));
}

TEST_CASE("an attribute present but empty is not an absent one", "[eaf][arena]") {
  const Document doc = rapport::eaf::read_eaf_memory(eaf, "arena.eaf");
  const Annotation& a1 = doc.tiers.at(0).annotations.at(0);
  const Annotation& a2 = doc.tiers.at(1).annotations.at(0);
  REQUIRE(a1.lang_ref.has_value());  // LANG_REF=""
  CHECK(a1.lang_ref->empty());
  CHECK(a1.lang_ref == "");
  CHECK_FALSE(a2.lang_ref.has_value());  // no LANG_REF
  CHECK(a2.lang_ref == std::nullopt);
  CHECK_FALSE(a2.lang_ref == "");
  CHECK_FALSE(a1.ref.has_value());
  CHECK(a2.value.empty());  // an empty ANNOTATION_VALUE is an empty value
  CHECK(a2.ref.value_or("none") == "a1");
  CHECK(a1.ref.value_or("none") == "none");
  CHECK(doc.time_slots.at(2).id == "slot-three");
  CHECK_FALSE(doc.time_slots.at(2).value.has_value());
  CHECK(doc.time_slots.at(1).value == 2500);
}

TEST_CASE("the arena never moves what it stored, across chunks and oversized texts", "[eaf][arena]") {
  TextArena arena;
  std::vector<std::pair<Text, std::string>> stored;
  for (int i = 0; i < 100000; ++i) {  // ~1.2 MB: several chunks, up to the 1 MiB size
    std::string s = "a" + std::to_string(i);
    stored.emplace_back(arena.store(s), std::move(s));
  }
  const std::string big(3 << 20, 'x');  // larger than any chunk: a chunk of its own
  const Text big_text = arena.store(big);
  stored.emplace_back(arena.store("after the big one"), "after the big one");
  for (const auto& [text, expected] : stored) REQUIRE(text == expected);
  CHECK(big_text.size() == big.size());
  CHECK(big_text == big);
  CHECK(arena.capacity_bytes() >= big.size() + 100000 * 5);
  CHECK(arena.store("").empty());
  CHECK(Text().empty());
  CHECK(Text().data() != nullptr);
}

TEST_CASE("Text and OptText read like the std::string and std::optional they replaced", "[eaf][arena]") {
  Document doc;
  const Text t = doc.store("W3");
  CHECK(t == "W3");
  CHECK(t != "W4");
  CHECK(t == std::string("W3"));
  CHECK(std::string("W3") == t);
  CHECK(t < "W4");
  CHECK("code '" + t + "'" == "code 'W3'");
  CHECK(std::string("x") + t == "xW3");
  CHECK(t + '!' == "W3!");
  const std::string s = t;  // implicit, like the former std::string member
  CHECK(s == "W3");
  const std::string_view v = t;
  CHECK(v.data() == t.data());
  std::ostringstream os;
  os << t << ' ' << OptText() << ' ' << OptText(t);
  CHECK(os.str() == "W3 (absent) W3");

  const OptText none;
  const OptText some = t;
  CHECK_FALSE(none);
  CHECK(some);
  CHECK(*some == "W3");
  CHECK(some->size() == 2);
  CHECK(none != some);
  CHECK(some == OptText(doc.store("W3")));  // equal by content, not by address
  CHECK(none == OptText(std::nullopt));
  CHECK_THROWS_AS(none.value(), std::bad_optional_access);
  CHECK(some.view() == std::optional<std::string_view>("W3"));
  CHECK_FALSE(none.view().has_value());
}

TEST_CASE("StableVector grows without moving its elements and sorts like a vector", "[eaf][arena]") {
  rapport::eaf::StableVector<int> v;
  CHECK(v.empty());
  v.push_back(7);
  const int* first = &v.front();
  for (int i = 1; i < 100000; ++i) v.push_back((i * 7919) % 100003);
  CHECK(&v.front() == first);  // many chunks later, the first element is where it was
  REQUIRE(v.size() == 100000);
  CHECK(v.capacity() >= v.size());
  CHECK(v.capacity() < 2 * v.size() + 16);
  CHECK(v[0] == 7);
  CHECK(v.at(99999) == (99999 * 7919) % 100003);
  CHECK_THROWS_AS(v.at(100000), std::out_of_range);
  CHECK(v.end() - v.begin() == 100000);

  std::vector<int> expected(v.begin(), v.end());
  std::stable_sort(expected.begin(), expected.end());
  std::stable_sort(v.begin(), v.end());
  CHECK(std::equal(v.begin(), v.end(), expected.begin(), expected.end()));
  CHECK(std::is_sorted(v.begin(), v.end()));
  const auto& cv = v;
  const auto it = std::upper_bound(cv.begin(), cv.end(), expected[500]);
  CHECK(*std::prev(it) == expected[500]);

  rapport::eaf::StableVector<int> copy = v;
  rapport::eaf::StableVector<int> moved = std::move(v);
  CHECK(v.empty());  // NOLINT(bugprone-use-after-move): a moved-from StableVector is empty
  CHECK(&moved.front() != &copy.front());
  CHECK(std::equal(moved.begin(), moved.end(), copy.begin(), copy.end()));
  copy.clear();
  CHECK(copy.empty());
  copy.push_back(1);
  CHECK(copy.back() == 1);
}
