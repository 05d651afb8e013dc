// SPDX-License-Identifier: MIT
// Binding on Documents built in code: how tiers are recognised and how coders are identified
// (ANNOTATOR, tier-name affix W@coder / coder-W, file name), one file per coder or all coders
// in one file.
#include <catch2/catch.hpp>

#include "rapport/check/binding.hpp"
#include "rapport/codebook/reader.hpp"
#include "test_paths.hpp"

using namespace rapport;

namespace {

const codebook::Codebook& cb() {
  static const codebook::Codebook c = [] {
    auto r = codebook::read_codebook_file(test::source_dir() / "codebooks" / "3rs-2015.xml");
    REQUIRE(r);
    return *r.codebook;
  }();
  return c;
}

eaf::Tier tier(std::string id, std::string type, std::optional<std::string> annotator = std::nullopt) {
  eaf::Tier t;
  t.id = std::move(id);
  t.linguistic_type = std::move(type);
  t.annotator = std::move(annotator);
  return t;
}

std::vector<std::string> coders(const check::Binding& b) {
  std::vector<std::string> out;
  for (const auto& s : b.sessions) out.push_back(s.coder);
  return out;
}

}  // namespace

TEST_CASE("one file per coder: ANNOTATOR names the coder, the file name the session", "[check][binding]") {
  eaf::Document doc;
  doc.file = "project/S01_coderA.eaf";
  doc.tiers = {tier("3RS_SEG", "seg", "coderA"), tier("3RS_W", "w", "coderA"), tier("Patient", "transcript")};
  const auto b = check::bind(doc, cb());
  REQUIRE(b.sessions.size() == 1);
  CHECK(b.sessions[0].coder == "coderA");
  CHECK(b.sessions[0].session == "S01");
  // The shared transcript tier is part of the coder's session.
  CHECK(b.sessions[0].tiers.size() == 3);
  CHECK(b.sessions[0].tiers[0].coder_source == check::CoderSource::annotator);
  CHECK(b.unrecognised.empty());
}

TEST_CASE("all coders in one file: suffix and prefix affixes", "[check][binding]") {
  eaf::Document doc;
  doc.file = "S02.eaf";
  doc.tiers = {tier("3RS_W@coderA", "w"), tier("coderB-3RS_W", "w"), tier("3RS_SEG@coderA", "seg"),
               tier("coderB-3RS_SEG", "seg"), tier("Therapist", "transcript")};
  const auto b = check::bind(doc, cb());
  CHECK(coders(b) == std::vector<std::string>{"coderA", "coderB"});
  for (const auto& s : b.sessions) {
    CHECK(s.session == "S02");
    CHECK(s.tiers.size() == 3);  // W, SEG and the shared transcript
    CHECK(s.find(codebook::TierContent::segments));
    CHECK(s.find(codebook::TierContent::codes, "withdrawal"));
    CHECK_FALSE(s.find(codebook::TierContent::codes, "confrontation"));
  }
  CHECK(b.sessions[1].tiers[0].coder_source == check::CoderSource::tier_affix);
}

TEST_CASE("coder from the file name when nothing else names one", "[check][binding]") {
  eaf::Document doc;
  doc.file = "/data/S03_trainee-1.eaf";
  doc.tiers = {tier("3RS_C", "c")};
  const auto b = check::bind(doc, cb());
  REQUIRE(b.sessions.size() == 1);
  CHECK(b.sessions[0].coder == "trainee-1");
  CHECK(b.sessions[0].session == "S03");
  CHECK(b.sessions[0].tiers[0].coder_source == check::CoderSource::file_name);
}

TEST_CASE("a file stem whose last part names no coder stays the session", "[check][binding]") {
  eaf::Document doc;
  doc.file = "S04_all.eaf";
  doc.tiers = {tier("3RS_C@coderA", "c"), tier("3RS_C@coderB", "c")};
  const auto b = check::bind(doc, cb());
  REQUIRE(b.sessions.size() == 2);
  CHECK(b.sessions[0].session == "S04_all");
}

TEST_CASE("tiers recognised by their controlled vocabulary when the name is unknown", "[check][binding]") {
  eaf::Document doc;
  doc.file = "S05_coderC.eaf";
  eaf::LinguisticType lt;
  lt.id = "my-marker-type";
  lt.controlled_vocabulary = "3RS_R_CODES";
  doc.linguistic_types.push_back(lt);
  eaf::ControlledVocabulary cv;
  cv.id = "3RS_R_CODES";
  doc.controlled_vocabularies.push_back(cv);
  doc.tiers = {tier("Strategien", "my-marker-type", "coderC"), tier("words", "default-lt")};
  const auto b = check::bind(doc, cb());
  REQUIRE(b.sessions.size() == 1);
  REQUIRE(b.sessions[0].tiers.size() == 1);
  CHECK(b.sessions[0].tiers[0].rule->name == "3RS_R");
  REQUIRE(b.unrecognised.size() == 1);
  CHECK(b.unrecognised[0]->id == "words");
}

TEST_CASE("a shared CV identifies no tier (SCALE_1_5 serves two scales)", "[check][binding]") {
  eaf::Document doc;
  doc.file = "S06_coderA.eaf";
  eaf::LinguisticType lt;
  lt.id = "rating";
  lt.controlled_vocabulary = "SCALE_1_5";
  doc.linguistic_types.push_back(lt);
  doc.tiers = {tier("Rating", "rating", "coderA")};
  const auto b = check::bind(doc, cb());
  CHECK_FALSE(b.recognised_any);
  CHECK(b.unrecognised.size() == 1);
}

TEST_CASE("file stems split at the last separator", "[check][binding]") {
  CHECK(check::split_file_stem("S01_coderA", "_") == std::pair<std::string, std::string>{"S01", "coderA"});
  CHECK(check::split_file_stem("site_2_S01_coderA", "_") ==
        std::pair<std::string, std::string>{"site_2_S01", "coderA"});
  CHECK_FALSE(check::split_file_stem("S01", "_"));
  CHECK_FALSE(check::split_file_stem("S01_", "_"));
  CHECK_FALSE(check::split_file_stem("_coderA", "_"));
}
