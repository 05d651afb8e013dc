// SPDX-License-Identifier: MIT
#include "recognizer_io.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <utility>

namespace rapport::elan {

using Millis = std::int64_t;
constexpr double max_time_ms = 9007199254740992.0;  // 2^53

namespace {

/// A position in the text and the pieces of the two patterns below; each step either advances
/// and returns true or returns false (the caller then tries the next start position).
struct Cursor {
  std::string_view text;
  std::size_t pos;

  /// At least `min` characters of ECMAScript \s (C locale).
  bool spaces(std::size_t min) {
    std::size_t n = 0;
    while (pos < text.size() && std::strchr(" \t\n\v\f\r", text[pos]) && text[pos] != '\0') ++pos, ++n;
    return n >= min;
  }
  bool literal(std::string_view s) {
    if (text.substr(pos, s.size()) != s) return false;
    pos += s.size();
    return true;
  }
  /// "([^"]*)"
  bool quoted(std::string_view& value) {
    if (!literal("\"")) return false;
    const std::size_t close = text.find('"', pos);
    if (close == std::string_view::npos) return false;
    value = text.substr(pos, close - pos);
    pos = close + 1;
    return true;
  }
  /// [^c]*c
  bool past(char c) {
    const std::size_t at = text.find(c, pos);
    if (at == std::string_view::npos) return false;
    pos = at + 1;
    return true;
  }
  /// ([\s\S]*?)END
  bool until(std::string_view end, std::string_view& value) {
    const std::size_t at = text.find(end, pos);
    if (at == std::string_view::npos) return false;
    value = text.substr(pos, at - pos);
    pos = at + end.size();
    return true;
  }
};

}  // namespace

std::string xml_unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    static const std::pair<std::string_view, char> entities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool replaced = false;
    for (const auto& [entity, ch] : entities)
      if (text.substr(i, entity.size()) == entity) {
        out += ch;
        i += entity.size() - 1;
        replaced = true;
        break;
      }
    if (!replaced) out += '&';  // ELAN does not escape labels: a bare & is the character itself
  }
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::map<std::string, std::string> parse_parameters(std::string_view text) {
  // <param\s+name\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)</param>, matched by hand: std::regex
  // recurses once per character and overflows the stack on a long value.
  std::map<std::string, std::string> params;
  for (std::size_t from = 0; (from = text.find("<param", from)) != std::string_view::npos;) {
    Cursor c{text, from + 6};
    std::string_view name, raw;
    const bool ok = c.spaces(1) && c.literal("name") && c.spaces(0) && c.literal("=") && c.spaces(0) &&
                    c.quoted(name) && c.past('>') && c.until("</param>", raw);
    if (!ok) {
      ++from;
      continue;
    }
    std::string value = xml_unescape(raw);
    value.erase(0, value.find_first_not_of(" \t\r\n"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    params[std::string(name)] = value;
    from = c.pos;
  }
  return params;
}

std::map<std::string, std::string> read_parameters(std::istream& in) {
  std::string text, line;
  while (std::getline(in, line)) {
    text += line + '\n';
    if (line.find("</PARAM>") != std::string::npos) break;
  }
  return parse_parameters(text);
}

std::vector<intervals::Interval> parse_tier_file(std::string_view text, const std::string& name) {
  const auto time = [&](std::string_view t) -> Millis {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc{} || ptr != t.data() + t.size()) throw Failure("bad time '" + std::string(t) + "' in " + name);
    const double ms = t.find('.') != std::string_view::npos ? value * 1000.0 + (value < 0 ? -0.5 : 0.5) : value;
    // inf, nan and times like 1e300 have no Millis (the cast would be undefined); anything past
    // 2^53 ms (285,000 years) is no media time and would overflow interval arithmetic later.
    if (!(std::fabs(ms) <= max_time_ms)) throw Failure("bad time '" + std::string(t) + "' in " + name);
    return static_cast<Millis>(ms);
  };
  // <span\s+start\s*=\s*"([^"]*)"\s+end\s*=\s*"([^"]*)"\s*>\s*<v>([\s\S]*?)</v>, matched by hand
  // (see parse_parameters).
  std::vector<intervals::Interval> out;
  for (std::size_t from = 0; (from = text.find("<span", from)) != std::string_view::npos;) {
    Cursor c{text, from + 5};
    std::string_view start, end, label;
    const bool ok = c.spaces(1) && c.literal("start") && c.spaces(0) && c.literal("=") && c.spaces(0) &&
                    c.quoted(start) && c.spaces(1) && c.literal("end") && c.spaces(0) && c.literal("=") &&
                    c.spaces(0) && c.quoted(end) && c.spaces(0) && c.literal(">") && c.spaces(0) && c.literal("<v>") &&
                    c.until("</v>", label);
    if (!ok) {
      ++from;
      continue;
    }
    out.push_back({time(start), time(end), xml_unescape(label), "span " + std::to_string(out.size() + 1)});
    from = c.pos;
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.end_ms < b.end_ms;
  });
  return out;
}

std::vector<intervals::Interval> read_tier_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_tier_file(text, path.string());
}

}  // namespace rapport::elan
