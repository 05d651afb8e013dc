// SPDX-License-Identifier: MIT
#include "csv/records.hpp"

namespace rapport::csv {

std::string unsupported_encoding(std::string_view text) {
  // UTF-32 LE starts with the UTF-16 LE mark, so it is tested first.
  struct Mark {
    std::string_view bytes, name, hex;
  };
  static constexpr Mark marks[] = {{std::string_view("\xFF\xFE\0\0", 4), "UTF-32", "FF FE 00 00"},
                                   {std::string_view("\0\0\xFE\xFF", 4), "UTF-32", "00 00 FE FF"},
                                   {"\xFF\xFE", "UTF-16", "FF FE"},
                                   {"\xFE\xFF", "UTF-16", "FE FF"}};
  for (const Mark& m : marks)
    if (text.starts_with(m.bytes))
      return "the file is " + std::string(m.name) + " (it starts with the byte-order mark " + std::string(m.hex) +
             "), not UTF-8; save it again as \"CSV UTF-8\"";
  return {};
}

bool Record::blank() const { return fields.size() == 1 && trim(fields[0].text).empty(); }

RecordScanner::RecordScanner(std::string_view text) : m_text(text) {
  if (m_text.starts_with("\xEF\xBB\xBF")) m_pos = m_line_start = 3;
}

bool RecordScanner::next(Record& record, std::string& error) {
  record.fields.clear();
  if (m_pos >= m_text.size()) return false;
  record.line = m_line;
  while (true) {
    Field field;
    field.line = m_line;
    field.column = static_cast<std::int64_t>(m_pos - m_line_start) + 1;
    if (m_pos < m_text.size() && m_text[m_pos] == '"') {
      ++m_pos;
      while (true) {
        if (m_pos >= m_text.size()) {
          error = "unterminated quoted field (opened at line " + std::to_string(field.line) + ", column " +
                  std::to_string(field.column) + ")";
          return true;
        }
        const char c = m_text[m_pos++];
        if (c == '"') {
          if (m_pos < m_text.size() && m_text[m_pos] == '"') {
            field.text.push_back('"');
            ++m_pos;
          } else {
            break;
          }
        } else {
          if (c == '\n') new_line();
          field.text.push_back(c);
        }
      }
      // Text after the closing quote up to the separator is kept (lenient, as spreadsheets are).
      while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '\n' && m_text[m_pos] != '\r')
        field.text.push_back(m_text[m_pos++]);
    } else {
      const std::size_t end = m_text.find_first_of(",\r\n", m_pos);
      const std::size_t stop = end == std::string_view::npos ? m_text.size() : end;
      field.text.assign(m_text.substr(m_pos, stop - m_pos));
      m_pos = stop;
    }
    record.fields.push_back(std::move(field));
    if (m_pos >= m_text.size()) return true;
    const char separator = m_text[m_pos++];
    if (separator == ',') continue;
    if (separator == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n') ++m_pos;
    new_line();
    return true;
  }
}

void RecordScanner::new_line() {
  ++m_line;
  m_line_start = m_pos;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace rapport::csv
