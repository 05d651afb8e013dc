// SPDX-License-Identifier: MIT
// The exported .ecv and .etf read back through the EAF reader with the same codes (issue 4,
// "How we will know it works"), and a session started from the template is recognised.
#include <catch2/catch.hpp>

#include <filesystem>

#include "rapport/check/binding.hpp"
#include "rapport/check/elan_template.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/report/codebook_report.hpp"
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

std::vector<std::string> values_of(const eaf::ControlledVocabulary& cv, const std::string& lang) {
  std::vector<std::string> out;
  for (const auto& e : cv.entries)
    for (const auto& v : e.values)
      if (v.lang_ref == lang) out.push_back(v.value);
  return out;
}

void check_vocabularies(const eaf::Document& doc) {
  INFO(doc.file);
  for (const auto& d : doc.diagnostics) INFO(format_diagnostic(d));
  CHECK(count_at_least(doc.diagnostics, Severity::warning) == 0);
  const auto* w = doc.find_cv("3RS_W_CODES");
  REQUIRE(w);
  CHECK(values_of(*w, "eng") == std::vector<std::string>{"W1", "W2", "W3", "W4", "W5", "W6", "W7"});
  CHECK(values_of(*w, "deu") == values_of(*w, "eng"));
  const auto* r = doc.find_cv("3RS_R_CODES");
  REQUIRE(r);
  // R1-R10: R11 is unverified and left out of exported vocabularies.
  CHECK(values_of(*r, "eng").size() == 10);
  CHECK(values_of(*doc.find_cv("SCALE_1_5_NA"), "eng") == std::vector<std::string>{"1", "2", "3", "4", "5", "NA"});
  CHECK(values_of(*doc.find_cv("STAGES"), "eng") ==
        std::vector<std::string>{"S1", "S2", "S3", "S4", "S5", "MR1", "MR2", "MR3"});
  // Labels travel as CVE_VALUE descriptions in each language.
  CHECK(w->entries[1].values[0].description == "Minimal response");
  CHECK(w->entries[1].values[1].description == "Minimale Antwort");
}

}  // namespace

TEST_CASE("exported .ecv and .etf read back with the codebook's codes", "[check][export]") {
  const auto dir = std::filesystem::temp_directory_path() / "rapport-export-test";
  std::filesystem::create_directories(dir);
  report::ElanExportOptions options;
  options.date = "2024-01-01T00:00:00Z";
  options.annotator = "coderA";
  REQUIRE(report::write_ecv_file(cb(), dir / "3rs.ecv", options).empty());
  REQUIRE(report::write_etf_file(cb(), dir / "3rs.etf", options).empty());

  const eaf::Document ecv = eaf::read_eaf_file(dir / "3rs.ecv");
  CHECK(ecv.kind == eaf::DocumentKind::cv_resource);
  check_vocabularies(ecv);

  const eaf::Document etf = eaf::read_eaf_file(dir / "3rs.etf");
  CHECK(etf.kind == eaf::DocumentKind::annotation_document);
  check_vocabularies(etf);
  CHECK(etf.tiers.size() == cb().tiers.size());
  const auto* seg_res = etf.find_tier("SEG_RES");
  REQUIRE(seg_res);
  CHECK(seg_res->parent == "3RS_SEG");
  CHECK(etf.stereotype_of(*seg_res) == eaf::Stereotype::symbolic_association);
  CHECK(etf.find_tier("3RS_W")->annotator == "coderA");
  CHECK_FALSE(etf.find_tier("Patient")->annotator);

  // A session started from the template binds every tier.
  eaf::Document session = etf;
  session.file = "S09_coderA.eaf";
  const auto b = check::bind(session, cb());
  CHECK(b.unrecognised.empty());
  REQUIRE(b.sessions.size() == 1);
  CHECK(b.sessions[0].coder == "coderA");
  CHECK(b.sessions[0].tiers.size() == cb().tiers.size());
  std::filesystem::remove_all(dir);
}
