// SPDX-License-Identifier: MIT
// `--review DIR` copies (issue 7 §6): they read back through the reader without errors, hold the
// original tiers unchanged, follow EAFv3.0.xsd's element order, and carry the review tiers.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/reliability/reliability.hpp"
#include "rapport/reliability/review.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
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

std::vector<fs::path> eaf_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".eaf") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Same tier, annotation by annotation: id, times, value, reference.
void same_tier(const eaf::Tier& a, const eaf::Tier& b) {
  INFO(a.id);
  CHECK(a.linguistic_type == b.linguistic_type);
  CHECK(a.parent == b.parent);
  CHECK(a.annotator == b.annotator);
  REQUIRE(a.annotations.size() == b.annotations.size());
  for (std::size_t i = 0; i < a.annotations.size(); ++i) {
    CHECK(a.annotations[i].id == b.annotations[i].id);
    CHECK(a.annotations[i].start_ms == b.annotations[i].start_ms);
    CHECK(a.annotations[i].end_ms == b.annotations[i].end_ms);
    CHECK(a.annotations[i].value == b.annotations[i].value);
    CHECK(a.annotations[i].ref == b.annotations[i].ref);
  }
}

/// The top-level elements of an EAF in EAFv3.0.xsd's sequence (elan.md §1.3).
bool in_schema_order(const std::string& xml) {
  const std::vector<std::string> order{"<HEADER",      "<TIME_ORDER",   "<TIER",        "<LINGUISTIC_TYPE",
                                       "<LOCALE",      "<LANGUAGE",     "<CONSTRAINT",  "<CONTROLLED_VOCABULARY",
                                       "<LEXICON_REF", "<REF_LINK_SET", "<EXTERNAL_REF"};
  std::size_t last_rank = 0, pos = 0;
  while ((pos = xml.find("\n    <", pos)) != std::string::npos) {
    pos += 5;
    for (std::size_t r = 0; r < order.size(); ++r)
      if (xml.compare(pos, order[r].size() + 1, order[r] + " ") == 0 ||
          xml.compare(pos, order[r].size() + 1, order[r] + ">") == 0 ||
          xml.compare(pos, order[r].size() + 1, order[r] + "/") == 0) {
        if (r < last_rank) return false;
        last_rank = r;
      }
  }
  return true;
}

}  // namespace

TEST_CASE("review copies: originals untouched, tiers unchanged, review tiers added", "[reliability][review]") {
  for (const std::string layout : {"hand", "one_file"}) {
    INFO(layout);
    const fs::path in = test::data_dir() / "reliability" / layout;
    const auto files = eaf_files(in);
    std::vector<std::string> before;
    for (const auto& f : files) before.push_back(slurp(f));
    const auto project = reliability::build_project(eaf::read_eaf_files(files, {}, 1), codebook_3rs());
    reliability::ReliabilityOptions o;
    o.threads = 1;
    o.gamma = false;
    const auto result = reliability::analyse(project, codebook_3rs(), o);

    const fs::path out = fs::path(RAPPORT_BINARY_DIR) / "reliability-review-test" / layout;
    fs::remove_all(out);
    const auto written = reliability::write_review_files(project, result, out);
    CHECK(written.errors.empty());
    REQUIRE(written.files.size() == 3);
    for (std::size_t i = 0; i < files.size(); ++i) CHECK(slurp(files[i]) == before[i]);
    for (const auto& e : fs::directory_iterator(out)) CHECK(e.path().extension() == ".eaf");  // no temporaries left

    const eaf::Document review = eaf::read_eaf_file(out / "S01_review.eaf");
    for (const auto& d : review.diagnostics) CHECK(d.severity != Severity::error);
    CHECK(review.complete);
    CHECK(in_schema_order(slurp(out / "S01_review.eaf")));
    const eaf::Document original = eaf::read_eaf_file(in / (layout == "hand" ? "S01_coderA.eaf" : "S01.eaf"));
    for (const auto& t : original.tiers) {
      const eaf::Tier* copy = review.find_tier(t.id);
      REQUIRE(copy);
      same_tier(t, *copy);
    }
    CHECK(review.tiers.size() > original.tiers.size());
    // S01: W3 by coderA vs W4 by coderB is the one withdrawal link with different codes.
    const eaf::Tier* disagree = review.find_tier("REVIEW_withdrawal_disagree");
    REQUIRE(disagree);
    REQUIRE(disagree->annotations.size() == 1);
    CHECK(disagree->annotations[0].value == "W3 by coderA | W4 by coderB");
    CHECK(disagree->annotations[0].start_ms == 310000);
    CHECK(disagree->annotations[0].end_ms == 330000);
    const eaf::Tier* agree = review.find_tier("REVIEW_withdrawal_agree");
    REQUIRE(agree);
    REQUIRE(agree->annotations.size() == 1);
    CHECK(agree->annotations[0].value == "W2 (coderA, coderB)");
    const eaf::Tier* unmatched = review.find_tier("REVIEW_confrontation_unmatched");
    REQUIRE(unmatched);
    REQUIRE(unmatched->annotations.size() == 1);
    CHECK(unmatched->annotations[0].value == "C1 only by coderA");
    const eaf::Tier* segments = review.find_tier("REVIEW_segments");
    REQUIRE(segments);
    REQUIRE(segments->annotations.size() == 3);
    CHECK(segments->annotations[0].value == "agree");
    CHECK(segments->annotations[1].value ==
          "W3: coderA yes, coderB no; W4: coderA no, coderB yes; SEG_WSIG: coderA 3, coderB 2");
    // One file per coder: coderB's codes come along so both are on the timeline.
    if (layout == "hand") {
      const eaf::Tier* other = review.find_tier("3RS_W@coderB");
      REQUIRE(other);
      CHECK(other->annotations.size() == 2);
    }
  }
}

TEST_CASE("review refuses to overwrite an input", "[reliability][review]") {
  const fs::path work = fs::path(RAPPORT_BINARY_DIR) / "reliability-review-input";
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path in = test::data_dir() / "reliability" / "hand";
  for (const char* f : {"S01_coderA.eaf", "S01_coderB.eaf"}) fs::copy_file(in / f, work / f);
  fs::copy_file(in / "S01_coderA.eaf", work / "S01_review.eaf");  // as if a review file were an input
  const auto files = eaf_files(work);
  const std::string before = slurp(work / "S01_review.eaf");
  const auto project = reliability::build_project(eaf::read_eaf_files(files, {}, 1), codebook_3rs());
  reliability::ReliabilityOptions o;
  o.threads = 1;
  o.time_aligned = false;
  const auto result = reliability::analyse(project, codebook_3rs(), o);
  const auto written = reliability::write_review_files(project, result, work);
  CHECK(written.files.empty());
  REQUIRE(written.errors.size() == 1);
  CHECK(slurp(work / "S01_review.eaf") == before);
}
