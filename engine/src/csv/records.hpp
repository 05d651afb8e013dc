// SPDX-License-Identifier: MIT
// RFC 4180 records for the CSV inputs (ratings and intervals tables): comma separated, fields
// optionally in double quotes ("" inside quotes is a quote; quoted fields may span lines), CRLF
// or LF, an optional UTF-8 byte order mark. Every field keeps its line and column so that the
// table readers can name the exact place of a problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::csv {

struct Field {
  std::string text;
  std::int64_t line = 0;    ///< 1-based line of the field's first character
  std::int64_t column = 0;  ///< 1-based byte column of the field's first character
};

struct Record {
  std::vector<Field> fields;
  std::int64_t line = 0;  ///< 1-based line where the record starts

  /// A line with nothing on it but spaces and tabs.
  [[nodiscard]] bool blank() const;
};

/// Splits a whole text into records, one at a time. The scanner only views `text`.
class RecordScanner {
 public:
  explicit RecordScanner(std::string_view text);

  /// The next record into `record`; false at the end. An unterminated quote sets `error` and
  /// leaves the scanner at the end.
  bool next(Record& record, std::string& error);

 private:
  void new_line();

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line_start = 0;
  std::int64_t m_line = 1;
};

/// Why `text` cannot be a UTF-8 CSV, when it starts with a UTF-16 or UTF-32 byte-order mark
/// (spreadsheet programs write UTF-16 for "Unicode text"); empty otherwise.
std::string unsupported_encoding(std::string_view text);

/// `text` without leading and trailing spaces and tabs.
std::string trim(std::string_view text);

}  // namespace rapport::csv
