// SPDX-License-Identifier: MIT
// text::append_utf8 converts every value and attribute the EAF reader keeps, and
// text::first_invalid_utf8 checks every byte of every file it reads. Both have ASCII fast paths
// around ICU's inline macros for speed, so they are checked here against plain ICU: append_utf8
// against u_strToUTF8WithSub with U+FFFD, byte for byte; first_invalid_utf8 against a U8_NEXT
// loop over every byte.
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>

#include "text/utf.hpp"

namespace {

std::string icu_utf8(const std::u16string& s) {
  std::string out(s.size() * 3 + 1, '\0');
  int32_t written = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &written, s.data(), static_cast<int32_t>(s.size()),
                     0xFFFD, nullptr, &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

/// The reference: ICU's U8_NEXT on every byte, no fast path.
std::optional<std::size_t> icu_first_invalid(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("first_invalid_utf8 finds the byte a plain U8_NEXT loop finds", "[eaf][utf]") {
  // Hand-made: ED A0 80 encodes the surrogate U+D800 (not UTF-8, RFC 3629 section 3), at offset
  // 9 after nine ASCII bytes, i.e. just past the first 8-byte block; C3 A9 is a valid "é".
  CHECK(rapport::text::first_invalid_utf8("abcdefghi\xED\xA0\x80") == std::optional<std::size_t>(9));
  CHECK(rapport::text::first_invalid_utf8("abcdefgh\xC3\xA9ijklmnop") == std::nullopt);
  CHECK(rapport::text::first_invalid_utf8("\xF5\x80\x80\x80") == std::optional<std::size_t>(0));
  // The 16-byte SSE2 blocks: an FF inside the second block (offset 20, after 20 ASCII bytes),
  // and one just past the second block (offset 32).
  const std::string ascii32(32, 'a');
  CHECK(rapport::text::first_invalid_utf8(ascii32.substr(0, 20) + "\xFF" + ascii32) == std::optional<std::size_t>(20));
  CHECK(rapport::text::first_invalid_utf8(ascii32 + "\xFF" + ascii32) == std::optional<std::size_t>(32));
  // Random strings: ASCII runs of every length up to 80 (so the 16- and 8-byte paths start and
  // stop at every offset) between valid and invalid sequences; fixed seed, so a failure reproduces.
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> run(0, 80), piece(0, 5), byte(0, 255), ascii(0x20, 0x7E);
  const char* valid[] = {"\xC3\xA9", "\xE2\x80\xA6", "\xF0\x9F\x98\x80"};
  for (int n = 0; n < 100000; ++n) {
    std::string s;
    for (int k = piece(rng); k >= 0; --k) {
      for (int r = run(rng); r > 0; --r) s += static_cast<char>(ascii(rng));
      if (piece(rng) < 4)
        s += valid[static_cast<std::size_t>(byte(rng)) % 3];
      else
        s += static_cast<char>(byte(rng));
    }
    if (rapport::text::first_invalid_utf8(s) != icu_first_invalid(s)) FAIL("differs from U8_NEXT on string " << n);
  }
}

TEST_CASE("append_utf8 equals ICU on every UTF-16 code unit, alone and after 8 ASCII units", "[eaf][utf]") {
  // Alone: the scalar path. After "abcdefgh": the SSE2 block ends exactly before it.
  for (char32_t u = 0; u <= 0xFFFF; ++u) {
    const std::u16string one(1, static_cast<char16_t>(u));
    const std::u16string after = u"abcdefgh" + one + u"xyz";
    if (rapport::text::to_utf8(one) != icu_utf8(one) || rapport::text::to_utf8(after) != icu_utf8(after)) {
      FAIL_CHECK("differs from ICU at U+" << std::hex << static_cast<unsigned>(u));
    }
  }
}

TEST_CASE("append_utf8 pairs surrogates like ICU and replaces unpaired ones by U+FFFD", "[eaf][utf]") {
  // U+1F600 is D83D DE00 → F0 9F 98 80 (RFC 3629 section 3, by hand).
  CHECK(rapport::text::to_utf8(u"\xD83D\xDE00") == "\xF0\x9F\x98\x80");
  // A lone high surrogate, a lone low one, and a high one at the very end: each EF BF BD.
  CHECK(rapport::text::to_utf8(std::u16string{0xD83D, u'a'}) ==
        "\xEF\xBF\xBD"
        "a");
  CHECK(rapport::text::to_utf8(std::u16string{0xDE00}) == "\xEF\xBF\xBD");
  CHECK(rapport::text::to_utf8(std::u16string{u'a', 0xD83D}) == "a\xEF\xBF\xBD");
  // Appends to what is there.
  std::string out = "x";
  rapport::text::append_utf8(out, u"\u00e9");
  CHECK(out == "x\xC3\xA9");
}

TEST_CASE("append_utf8 equals ICU on random mixed strings", "[eaf][utf]") {
  // Strings of 0-40 units mixing ASCII runs (to enter the 8-unit path at every offset), Latin,
  // CJK and surrogates (paired and not); fixed seed, so a failure reproduces.
  std::mt19937 rng(20261207);
  std::uniform_int_distribution<int> length(0, 40), kind(0, 5), ascii(0x20, 0x7E), latin(0x80, 0x7FF),
      cjk(0x800, 0xFFFF), surrogate(0xD800, 0xDFFF);
  for (int n = 0; n < 200000; ++n) {
    std::u16string s;
    for (int i = length(rng); i > 0; --i) {
      switch (kind(rng)) {
        case 0:
        case 1:
        case 2: s += static_cast<char16_t>(ascii(rng)); break;
        case 3: s += static_cast<char16_t>(latin(rng)); break;
        case 4: s += static_cast<char16_t>(cjk(rng)); break;
        default: s += static_cast<char16_t>(surrogate(rng)); break;
      }
    }
    if (rapport::text::to_utf8(s) != icu_utf8(s)) {
      FAIL("differs from ICU on random string " << n);
    }
  }
}
