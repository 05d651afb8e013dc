// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "check/code_match.hpp"

using rapport::check::did_you_mean;

TEST_CASE("did-you-mean suggests a code equal after folding, or the one closest", "[check][match]") {
  const std::vector<std::string_view> w{"W1", "W2", "W3", "W4", "W5", "W6", "W7"};
  CHECK(did_you_mean("w2", w) == "W2");
  CHECK(did_you_mean(" W2 ", w) == "W2");
  CHECK(did_you_mean("W22", w) == "W2");  // one deletion from W2, two edits from the others
  CHECK_FALSE(did_you_mean("W9", w));     // one edit from every code: no guess
  CHECK_FALSE(did_you_mean("Minimal response", w));
  const std::vector<std::string_view> ses{"SES_WSIG", "SES_CSIG", "SES_TCONTRIB", "SES_RES"};
  CHECK(did_you_mean("SES_TCONTRB", ses) == "SES_TCONTRIB");
  CHECK(did_you_mean("ses_res", ses) == "SES_RES");
}
