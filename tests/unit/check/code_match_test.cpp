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

TEST_CASE("folding for matching is Unicode-aware: NFC, full case folding, Unicode white space", "[check][match]") {
  using rapport::check::fold_for_match;
  // Full case folding maps ß to "ss" (Unicode CaseFolding.txt, status F), so both spellings meet.
  CHECK(fold_for_match("Stra\xC3\x9F"
                       "e") == fold_for_match("STRASSE"));
  // "é" precomposed (U+00E9) and as e + combining acute (U+0065 U+0301) are one code after NFC.
  CHECK(fold_for_match("R\xC3\xA9sum\xC3\xA9") == fold_for_match("Re\xCC\x81sume\xCC\x81"));
  // A no-break space (U+00A0) pasted around a code is White_Space and is trimmed.
  CHECK(fold_for_match("\xC2\xA0W2\xC2\xA0") == "w2");
  // Greek capital sigma folds to small sigma.
  CHECK(fold_for_match("\xCE\xA3") == "\xCF\x83");
  const std::vector<std::string_view> stages{"S1", "MR1"};
  CHECK(did_you_mean("\xC2\xA0mr1", stages) == "MR1");
}
