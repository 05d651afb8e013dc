// SPDX-License-Identifier: MIT
#include "text/utf.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>
#include <memory>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace rapport::text {

void append_utf8(std::string& out, std::u16string_view utf16) {
  // Converted with ICU's inline macros rather than by u_strToUTF8WithSub: every annotation value
  // and attribute passes through, and the call and its checks cost more than the conversion
  // itself on the short strings of an EAF file (a third of the reader's own instructions on a
  // non-ASCII session). Same output as u_strToUTF8WithSub with substitution character U+FFFD:
  // an unpaired surrogate becomes EF BF BD, a pair becomes its 4-byte code point.
  const std::size_t old_size = out.size();
  out.resize(old_size + utf16.size() * 3);  // worst case: 3 bytes per UTF-16 code unit
  char* const begin = out.data() + old_size;
  char* o = begin;
  const char16_t* p = utf16.data();
  const char16_t* const end = p + utf16.size();
  while (p != end) {
#ifdef __SSE2__
    // Eight ASCII units at a time (most of an annotation value, even in accented languages):
    // test them all below 0x80, narrow them to bytes in one instruction.
    while (end - p >= 8) {
      const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(units, _mm_set1_epi16(-0x80)), _mm_setzero_si128())) !=
          0xFFFF)
        break;
      _mm_storel_epi64(reinterpret_cast<__m128i*>(o), _mm_packus_epi16(units, units));
      p += 8;
      o += 8;
    }
    if (p == end) break;
#endif
    // One code point with ICU's inline macros (no call, no checks beyond the surrogate test):
    // U16_NEXT pairs surrogates; an unpaired one becomes U+FFFD, as u_strToUTF8WithSub does.
    int32_t i = 0;
    UChar32 c = 0;
    U16_NEXT(p, i, end - p, c);
    p += i;
    if (U_IS_SURROGATE(c)) c = 0xFFFD;
    int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(o), n, c);
    o += n;
  }
  out.resize(old_size + static_cast<std::size_t>(o - begin));
}

std::u16string from_utf8(std::string_view utf8) {
  std::u16string out(utf8.size(), u'\0');  // never more UTF-16 units than UTF-8 bytes
  int32_t written = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()), &written, utf8.data(),
                       static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, &status);
  out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(written) : 0);
  return out;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    // ASCII runs 16 bytes (SSE2) or eight bytes at a time: an XML file is mostly ASCII markup,
    // and U8_NEXT costs about ten instructions per byte (the EAF reader checks every byte of
    // every file; the eight-byte loop alone was 2 % of its time on a large session, perf). A
    // block with a byte >= 0x80 goes straight to that byte: accented text has a few per line.
#ifdef __SSE2__
    while (length - i >= 16) {
      const int high = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i)));
      if (high != 0) {
        i += __builtin_ctz(static_cast<unsigned>(high));
        break;
      }
      i += 16;
    }
#endif
    while (length - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i == length) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);  // ICU's decoder; c < 0 marks an ill-formed sequence
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

std::string fold_for_match(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  int32_t begin = 0, end = s.length();
  while (begin < end && u_isUWhiteSpace(s.char32At(begin))) begin = s.moveIndex32(begin, 1);
  while (end > begin && u_isUWhiteSpace(s.char32At(s.moveIndex32(end, -1)))) end = s.moveIndex32(end, -1);
  s.retainBetween(begin, end);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) s = nfc->normalize(s, status);
  s.foldCase(U_FOLD_CASE_DEFAULT);
  if (U_SUCCESS(status)) s = nfc->normalize(s, status);  // folding can leave text unnormalised
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::size_t display_width(std::string_view utf8) {
  const icu::UnicodeString s =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return static_cast<std::size_t>(s.countChar32());
  it->setText(s);
  std::size_t count = 0;
  for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) ++count;
  return count;
}

}  // namespace rapport::text
