// SPDX-License-Identifier: MIT
#include "text/utf.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <memory>

namespace rapport::text {

void append_utf8(std::string& out, std::u16string_view utf16) {
  const std::size_t old_size = out.size();
  std::size_t i = 0;
  // ASCII prefix: each code unit is its own byte.
  out.resize(old_size + utf16.size());
  for (; i < utf16.size() && utf16[i] < 0x80; ++i) out[old_size + i] = static_cast<char>(utf16[i]);
  if (i == utf16.size()) return;
  out.resize(old_size + i);
  const auto rest = utf16.substr(i);
  // Worst case is 3 UTF-8 bytes per UTF-16 code unit.
  const std::size_t start = out.size();
  out.resize(start + rest.size() * 3);
  int32_t written = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data() + start, static_cast<int32_t>(rest.size() * 3), &written,
                     reinterpret_cast<const UChar*>(rest.data()), static_cast<int32_t>(rest.size()), 0xFFFD, nullptr,
                     &status);
  out.resize(U_SUCCESS(status) ? start + static_cast<std::size_t>(written) : start);
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
