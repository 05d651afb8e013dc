// SPDX-License-Identifier: MIT
#include "recognizer_io.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <regex>
#include <utility>

namespace rapport::elan {

using Millis = std::int64_t;

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

std::map<std::string, std::string> parse_parameters(std::string_view input) {
  std::map<std::string, std::string> params;
  static const std::regex param(R"re(<param\s+name\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)</param>)re");
  const std::string text(input);
  for (std::sregex_iterator it(text.begin(), text.end(), param), end; it != end; ++it) {
    std::string value = xml_unescape((*it)[2].str());
    value.erase(0, value.find_first_not_of(" \t\r\n"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    params[(*it)[1].str()] = value;
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

std::vector<intervals::Interval> parse_tier_file(std::string_view input, const std::string& name) {
  const std::string text(input);
  static const std::regex span(R"re(<span\s+start\s*=\s*"([^"]*)"\s+end\s*=\s*"([^"]*)"\s*>\s*<v>([\s\S]*?)</v>)re");
  const auto time = [&](const std::string& t) -> Millis {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc{} || ptr != t.data() + t.size()) throw Failure("bad time '" + t + "' in " + name);
    return t.find('.') != std::string::npos ? static_cast<Millis>(value * 1000.0 + (value < 0 ? -0.5 : 0.5))
                                            : static_cast<Millis>(value);
  };
  std::vector<intervals::Interval> out;
  for (std::sregex_iterator it(text.begin(), text.end(), span), end; it != end; ++it)
    out.push_back({time((*it)[1].str()), time((*it)[2].str()), xml_unescape((*it)[3].str()),
                   "span " + std::to_string(out.size() + 1)});
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
