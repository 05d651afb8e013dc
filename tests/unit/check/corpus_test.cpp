// SPDX-License-Identifier: MIT
// Every real ELAN file in ../shared/corpus/eaf checks without a crash and without an error
// storm: none of them is 3RS coding, so the binding must recognise (almost) nothing and the
// coding rules must stay quiet.
#include <catch2/catch.hpp>

#include "rapport/check/check.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "test_paths.hpp"

using namespace rapport;

TEST_CASE("real corpus files check without crash or error storm", "[check][corpus]") {
  const auto dir = test::corpus_dir();
  if (dir.empty()) {
    test::report_skip("../shared/corpus/eaf is absent");
    return;
  }
  auto r = codebook::read_codebook_file(test::source_dir() / "codebooks" / "3rs-2015.xml");
  REQUIRE(r);
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".eaf") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  for (const auto& f : files) {
    INFO(f.string());
    const eaf::Document doc = eaf::read_eaf_file(f);
    const auto result = check::check_documents({doc}, *r.codebook);
    // Coding diagnostics only: the reader's own findings about the file are not ours to judge.
    std::size_t coding_errors = 0;
    for (const auto& d : result.diagnostics)
      if (check::find_rule(d.rule) && d.severity == Severity::error) ++coding_errors;
    CHECK(coding_errors == 0);
    CHECK(result.file_count == 1);
  }
}
