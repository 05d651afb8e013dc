// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <cstdlib>

#include "rapport/codebook/data_dir.hpp"
#include "test_paths.hpp"

using namespace rapport::codebook;

TEST_CASE("codebooks are found by name in the source tree and by path", "[codebook][data_dir]") {
  auto by_name = resolve_codebook("3rs-2015");
  REQUIRE(by_name);
  CHECK(std::filesystem::equivalent(*by_name, rapport::test::source_dir() / "codebooks" / "3rs-2015.xml"));
  const auto path = (rapport::test::source_dir() / "codebooks" / "3rs-2015.xml").string();
  CHECK(resolve_codebook(path) == std::filesystem::path(path));
  CHECK_FALSE(resolve_codebook("no-such-codebook"));
  CHECK_FALSE(resolve_codebook("missing/dir/x.xml"));
  auto names = shipped_codebooks();
  CHECK(std::find(names.begin(), names.end(), "3rs-2015") != names.end());
  CHECK(find_data_file("schemas/codebook.xsd"));
}
