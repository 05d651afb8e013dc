// SPDX-License-Identifier: MIT
// ELAN's tier pairing rules (../shared/domain/elan.md §2.2) and the EAF path into the ELAN kappa.
#include <catch2/catch.hpp>

#include "rapport/eaf/reader.hpp"
#include "rapport/intervals/eaf_pairing.hpp"
#include "test_paths.hpp"

using namespace rapport::intervals;

TEST_CASE("ELAN affix keys", "[intervals][eaf]") {
  // Prefix: cut at the first occurrence of the first separator present past index 0, key keeps it.
  CHECK(affix_key("R1_rupture", AffixMatching::prefix, "-_") == std::optional<std::string>("_rupture"));
  CHECK(affix_key("R1-a_b", AffixMatching::prefix, "-_") == std::optional<std::string>("-a_b"));
  CHECK_FALSE(affix_key("_x", AffixMatching::prefix, "_"));  // only at index 0
  // Suffix: last occurrence, neither first nor last character; key is the head with the separator.
  CHECK(affix_key("rupture-R1", AffixMatching::suffix, "-_") == std::optional<std::string>("rupture-"));
  CHECK(affix_key("a-b-R1", AffixMatching::suffix, "-_") == std::optional<std::string>("a-b-"));
  CHECK_FALSE(affix_key("rupture-", AffixMatching::suffix, "-"));
}

TEST_CASE("ELAN grouping: groups of one dropped, larger groups kept", "[intervals][eaf]") {
  const std::vector<std::string> names{"rupture-R1", "notes", "rupture-R2", "rupture-R3", "marker_R1"};
  const auto g = group_by_affix(names, AffixMatching::suffix, "-_");
  REQUIRE(g.size() == 1);  // "marker_" has no partner
  CHECK(g[0] == std::vector<std::size_t>{0, 2, 3});
  // "a-b-R1" and "a-b-R2" share "a-b-"; "a-c-R1" does not (its last '-' is elsewhere).
  const auto h = group_by_affix({"a-b-R1", "a-c-R1", "a-b-R2"}, AffixMatching::suffix, "-");
  REQUIRE(h.size() == 1);
  CHECK(h[0] == std::vector<std::size_t>{0, 2});
}

TEST_CASE("EAF pairing: same file, three rater tiers compared pairwise", "[intervals][eaf]") {
  const auto dir = rapport::test::corpus_dir();
  if (dir.empty()) {
    rapport::test::report_skip("../shared/corpus absent");
    return;
  }
  // pygamma-agreement's MaureenMarvinRobin.eaf: tiers Maureen, Marvin, Robin (no affixes), so manual.
  const auto doc = rapport::eaf::read_eaf_file(dir / "pygamma-agreement__MaureenMarvinRobin.eaf");
  TierPairing pairing;
  pairing.tiers = AffixMatching::manual;
  pairing.manual_first = "Maureen";
  pairing.manual_second = "Marvin";
  std::vector<rapport::Diagnostic> diags;
  const auto pairs = pair_tiers({doc}, pairing, diags);
  REQUIRE(pairs.size() == 1);
  const auto elan_pairs = elan_tier_pairs({doc}, pairs);
  CHECK(elan_pairs[0].first_label.ends_with(":Maureen"));
  CHECK(elan_pairs[0].first.size() + elan_pairs[0].second.size() > 0);
  const auto r = elan_modified_kappa(elan_pairs);
  CHECK(r.global.annotations == static_cast<long long>(elan_pairs[0].first.size() + elan_pairs[0].second.size()));
}

TEST_CASE("EAF pairing: across files by same name", "[intervals][eaf]") {
  const auto eaf = [](const char* ann) {
    return std::string(
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ANNOTATION_DOCUMENT AUTHOR=\"\" "
               "DATE=\"2024-01-01T00:00:00\" "
               "FORMAT=\"3.0\" VERSION=\"3.0\"><HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\"/><TIME_ORDER>"
               "<TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"1000\"/><TIME_SLOT TIME_SLOT_ID=\"ts2\" "
               "TIME_VALUE=\"5000\"/></TIME_ORDER><TIER LINGUISTIC_TYPE_REF=\"lt\" TIER_ID=\"rupture\"><ANNOTATION>"
               "<ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts2\">"
               "<ANNOTATION_VALUE>") +
           ann +
           "</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER><LINGUISTIC_TYPE LINGUISTIC_TYPE_ID=\"lt\" "
           "TIME_ALIGNABLE=\"true\"/></ANNOTATION_DOCUMENT>";
  };
  std::vector<rapport::eaf::Document> docs{rapport::eaf::read_eaf_memory(eaf("withdrawal"), "s1-R1.eaf"),
                                           rapport::eaf::read_eaf_memory(eaf("confrontation"), "s1-R2.eaf")};
  TierPairing pairing;
  pairing.across_files = true;
  pairing.tiers = AffixMatching::same_name;
  std::vector<rapport::Diagnostic> diags;
  const auto pairs = pair_tiers(docs, pairing, diags);
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].group == "s1-R1.eaf | s1-R2.eaf");
  const auto ep = elan_tier_pairs(docs, pairs);
  REQUIRE(ep[0].first.size() == 1);
  CHECK(ep[0].first[0].ref == "a1");
  CHECK(ep[0].first[0].start_ms == 1000);
  // One 100% link with different values: doubled [confrontation... ] off-diagonal 2, raw 0.
  const auto r = elan_modified_kappa(ep);
  CHECK(r.pairs[0].links.size() == 1);
  CHECK(*r.global.raw_agreement == 0.0);
}
