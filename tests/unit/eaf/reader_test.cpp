// SPDX-License-Identifier: MIT
// The reader's model and API beyond times: values verbatim, encodings, CVs, merging, batches.
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "rapport/eaf/reader.hpp"
#include "test_paths.hpp"

using rapport::eaf::read_eaf_file;
using rapport::eaf::read_eaf_memory;

namespace {
std::filesystem::path data(const char* name) { return rapport::test::data_dir() / "eaf" / name; }
}  // namespace

TEST_CASE("a file declared ISO-8859-1 is decoded as declared", "[eaf][encoding]") {
  const auto doc = read_eaf_file(data("declared_latin1.eaf"));
  REQUIRE(doc.tiers.size() == 1);
  REQUIRE(doc.tiers[0].annotations.size() == 1);
  CHECK(doc.tiers[0].annotations[0].value == "r\xC3\xA9sum\xC3\xA9");  // "résumé" in UTF-8
}

TEST_CASE("an external entity is never read: the value stays empty", "[eaf][security]") {
  const auto doc = read_eaf_file(data("xxe_local_file.eaf"));
  REQUIRE(doc.tiers.size() == 1);
  REQUIRE(doc.tiers[0].annotations.size() == 1);
  CHECK(doc.tiers[0].annotations[0].value.empty());
}

TEST_CASE("a duplicate TIER_ID is merged into the first tier, as ELAN does", "[eaf]") {
  const auto doc = read_eaf_file(data("duplicate_tier_id.eaf"));
  REQUIRE(doc.tiers.size() == 1);
  REQUIRE(doc.tiers[0].annotations.size() == 2);
  CHECK(doc.tiers[0].annotations[0].value == "W1");
  CHECK(doc.tiers[0].annotations[1].value == "W2");
}

TEST_CASE("REF_LINK_SET is read with both kinds of link", "[eaf]") {
  const auto doc = read_eaf_file(data("ref_link_set.eaf"));
  REQUIRE(doc.ref_link_sets.size() == 1);
  const auto& set = doc.ref_link_sets[0];
  CHECK(set.id == "rls1");
  CHECK(set.name == "coreference");
  REQUIRE(set.links.size() == 2);
  CHECK(set.links[0].kind == rapport::eaf::RefLink::Kind::cross);
  CHECK(set.links[0].ref1 == "a1");
  CHECK(set.links[0].ref2 == "a2");
  CHECK(set.links[0].directionality == "unidirectional");
  CHECK(set.links[0].text == "same rupture");
  CHECK(set.links[1].kind == rapport::eaf::RefLink::Kind::group);
  CHECK(set.links[1].refs == std::vector<std::string>{"a1", "a2", "rl1"});
}

TEST_CASE("LANGUAGE without LANG_DEF is kept (ELAN drops it)", "[eaf]") {
  const auto doc = read_eaf_file(data("language_without_def.eaf"));
  REQUIRE(doc.languages.size() == 1);
  CHECK(doc.languages[0].id == "deu");
  CHECK_FALSE(doc.languages[0].def);
}

TEST_CASE("CVE_REF resolves only within the tier's own CV", "[eaf][cv]") {
  const auto doc = read_eaf_file(data("cve_ref_from_other_cv.eaf"));
  REQUIRE(doc.tiers.size() == 1);
  const auto& a = doc.tiers[0].annotations.at(0);
  CHECK(a.cve_ref == "cveid1");
  CHECK(a.cve_resolved == false);  // cveid1 exists, but in C_CODES, not in W_CODES
  const auto* w = doc.find_cv("W_CODES");
  REQUIRE(w);
  CHECK(w->multilingual);
  REQUIRE(w->entries.size() == 1);
  CHECK(w->entries[0].id == "cveid0");
  CHECK(w->entries[0].values.at(0).value == "W1");
  CHECK(w->entries[0].values.at(0).lang_ref == "eng");
}

TEST_CASE("values are stored verbatim: newlines, padding and empty values", "[eaf][corpus]") {
  const auto dir = rapport::test::corpus_dir();
  if (dir.empty()) {
    rapport::test::report_skip("../shared/corpus/eaf is not beside this clone");
    return;
  }
  // elan.md §4: Pangloss has 23 multi-line values, IgusevJA 231 whitespace-padded values, and
  // ChildProject__eaf_any_tier 185 empty values (counted with ElementTree by the research note).
  auto count = [](const rapport::eaf::Document& doc, auto pred) {
    std::size_t n = 0;
    for (const auto& t : doc.tiers)
      for (const auto& a : t.annotations) n += pred(a.value);
    return n;
  };
  const auto pangloss = read_eaf_file(dir / "Pangloss_website__buddhism.eaf");
  CHECK(count(pangloss, [](const std::string& v) { return v.find('\n') != std::string::npos; }) == 23);
  const auto igusev = read_eaf_file(dir / "FRelan__kpv_izva20140404IgusevJA.eaf");
  CHECK(count(igusev, [](const std::string& v) {
          return !v.empty() && (std::isspace(static_cast<unsigned char>(v.front())) ||
                                std::isspace(static_cast<unsigned char>(v.back())));
        }) == 231);
  const auto any_tier = read_eaf_file(dir / "ChildProject__eaf_any_tier.eaf");
  CHECK(count(any_tier, [](const std::string& v) { return v.empty(); }) == 185);
}

TEST_CASE("the old CV_ENTRY form keeps its text as the value and has no id", "[eaf][cv][corpus]") {
  const auto dir = rapport::test::corpus_dir();
  if (dir.empty()) {
    rapport::test::report_skip("../shared/corpus/eaf is not beside this clone");
    return;
  }
  const auto doc = read_eaf_file(dir / "poio-api__example.eaf");  // EAF 2.3, 2 CVs, 17 entries
  std::size_t entries = 0;
  for (const auto& cv : doc.controlled_vocabularies) {
    CHECK_FALSE(cv.multilingual);
    for (const auto& e : cv.entries) {
      ++entries;
      CHECK(e.id.empty());
      REQUIRE(e.values.size() == 1);
      CHECK_FALSE(e.values[0].value.empty());
    }
  }
  CHECK(entries == 17);
}

TEST_CASE("an ECV referenced by a relative file: URL or path is loaded", "[eaf][cv]") {
  const auto dir = std::filesystem::temp_directory_path() / "rapport-reader-test-ecv";
  std::filesystem::create_directories(dir);
  {
    std::ofstream ecv(dir / "codes.ecv");
    ecv << R"xml(<?xml version="1.0" encoding="UTF-8"?>
<CV_RESOURCE AUTHOR="" DATE="2026-01-01T00:00:00+00:00" VERSION="0.2">
<LANGUAGE LANG_DEF="http://cdb.iso.org/lg/CDB-00138502-001" LANG_ID="eng" LANG_LABEL="English (eng)"/>
<CONTROLLED_VOCABULARY CV_ID="W_CODES">
<CV_ENTRY_ML CVE_ID="w1"><CVE_VALUE LANG_REF="eng">W1</CVE_VALUE></CV_ENTRY_ML>
<CV_ENTRY_ML CVE_ID="w2"><CVE_VALUE LANG_REF="eng">W2</CVE_VALUE></CV_ENTRY_ML>
</CONTROLLED_VOCABULARY>
</CV_RESOURCE>
)xml";
    std::ofstream eaf(dir / "session.eaf");
    eaf << R"xml(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2026-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0">
<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="500"/><TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="900"/></TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="w" TIER_ID="3RS_W">
<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2" CVE_REF="w2"><ANNOTATION_VALUE>W2</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3" CVE_REF="w9"><ANNOTATION_VALUE>W9</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
</TIER>
<LINGUISTIC_TYPE CONTROLLED_VOCABULARY_REF="W_CODES" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="w" TIME_ALIGNABLE="true"/>
<CONTROLLED_VOCABULARY CV_ID="W_CODES" EXT_REF="er1"/>
<EXTERNAL_REF EXT_REF_ID="er1" TYPE="ecv" VALUE="codes.ecv"/>
</ANNOTATION_DOCUMENT>
)xml";
  }
  const auto doc = read_eaf_file(dir / "session.eaf");
  const auto* cv = doc.find_cv("W_CODES");
  REQUIRE(cv);
  CHECK(cv->external_loaded);
  CHECK(cv->entries.size() == 2);
  const auto& anns = doc.tiers.at(0).annotations;
  CHECK(anns.at(0).cve_resolved == true);
  CHECK(anns.at(1).cve_resolved == false);
  REQUIRE(doc.diagnostics.size() == 1);
  CHECK(doc.diagnostics[0].rule == "eaf-dangling-cve-ref");

  // Without the .ecv the codes cannot be checked: unknown, and one warning naming the tier.
  std::filesystem::remove(dir / "codes.ecv");
  const auto offline = read_eaf_file(dir / "session.eaf");
  CHECK_FALSE(offline.tiers.at(0).annotations.at(0).cve_resolved.has_value());
  REQUIRE(offline.diagnostics.size() == 1);
  CHECK(offline.diagnostics[0].rule == "eaf-external-cv-unavailable");
  CHECK(offline.diagnostics[0].message ==
        "cannot verify codes on tier '3RS_W': vocabulary 'W_CODES' at codes.ecv is unreachable (no readable local "
        "copy)");
  std::filesystem::remove_all(dir);
}

TEST_CASE("I/O problems are diagnostics, not exceptions", "[eaf][io]") {
  const auto missing = read_eaf_file(data("no_such_file.eaf"));
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].rule == "io-not-found");
  CHECK_FALSE(missing.complete);
  const auto folder = read_eaf_file(rapport::test::data_dir());
  REQUIRE(folder.diagnostics.size() == 1);
  CHECK(folder.diagnostics[0].rule == "io-is-directory");
  CHECK(missing.read_failed());
  CHECK(folder.read_failed());
}

TEST_CASE("read_failed finds an I/O diagnostic after others, and only an I/O one", "[eaf][io]") {
  // A read that fails partway is reported after what the parser found before it, so the first
  // diagnostic is not enough (check skipped schema validation only when it came first).
  rapport::eaf::Document doc =
      read_eaf_memory(R"(<?xml version="1.0" encoding="UTF-8"?><ANNOTATION_DOCUMENT)", "cut.eaf");
  REQUIRE_FALSE(doc.diagnostics.empty());
  CHECK_FALSE(doc.read_failed());  // a truncated file was read: it is bad XML, not an I/O failure
  rapport::Diagnostic io;
  io.severity = rapport::Severity::error;
  io.rule = "io-unreadable";
  doc.diagnostics.push_back(io);
  CHECK(doc.read_failed());
  CHECK_FALSE(read_eaf_file(data("valid_minimal.eaf")).read_failed());
}

TEST_CASE("a batch on two threads returns every file in input order", "[eaf][batch]") {
  std::vector<std::filesystem::path> paths;
  for (const char* name : {"valid_minimal.eaf", "truncated.eaf", "duplicate_tier_id.eaf", "no_such_file.eaf",
                           "ref_link_set.eaf", "zero_length.eaf"})
    paths.push_back(data(name));
  // The callback runs on both reading threads: count with atomics, assert after the join
  // (Catch2 assertions are not thread-safe).
  std::atomic<std::size_t> calls{0}, wrong_total{0};
  const auto docs = rapport::eaf::read_eaf_files(paths, {}, 2, [&](std::size_t, std::size_t total) {
    if (total != 6) ++wrong_total;
    ++calls;
  });
  CHECK(wrong_total == 0);
  REQUIRE(docs.size() == 6);
  for (std::size_t i = 0; i < paths.size(); ++i) CHECK(docs[i].file == paths[i].string());
  CHECK(docs[0].diagnostics.empty());
  CHECK_FALSE(docs[1].complete);
  CHECK(docs[3].diagnostics.at(0).rule == "io-not-found");
  CHECK(calls == 6);
}

TEST_CASE("read_eaf_memory reads the same document as read_eaf_file", "[eaf]") {
  std::ifstream in(data("ref_link_set.eaf"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto from_memory = read_eaf_memory(bytes, "in-memory.eaf");
  const auto from_file = read_eaf_file(data("ref_link_set.eaf"));
  REQUIRE(from_memory.tiers.size() == from_file.tiers.size());
  CHECK(from_memory.tiers[0].annotations.size() == from_file.tiers[0].annotations.size());
  CHECK(from_memory.file == "in-memory.eaf");
}
