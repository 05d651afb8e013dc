// SPDX-License-Identifier: MIT
#include "rapport/report/check_json.hpp"

#include <algorithm>
#include <set>

#include "rapport/report/json_writer.hpp"

namespace rapport::report {
namespace {

boost::json::value opt(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "error";
}

/// SARIF artifact URIs are URI references; file paths are made relative-URI safe by
/// percent-encoding what a URI cannot hold (spaces, %, #, ?), keeping '/' as the separator.
std::string to_uri(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                       c == '-' || c == '_' || c == '.' || c == '~' || c == ':' || c >= 0x80;
    if (plain) {
      out += static_cast<char>(c);
    } else if (c == '\\') {
      out += '/';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

boost::json::object check_to_json(const check::CheckResult& result) {
  boost::json::object root;
  boost::json::array files;
  for (const auto& f : result.files) {
    boost::json::object o;
    o["file"] = f.file;
    o["coder"] = opt(f.coder);
    o["session"] = opt(f.session);
    files.emplace_back(std::move(o));
  }
  root["files"] = std::move(files);
  root["diagnostics"] = to_json(result.diagnostics);
  boost::json::object summary;
  summary["files"] = result.file_count;
  summary["errors"] = std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::error; });
  summary["warnings"] = std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                                      [](const Diagnostic& d) { return d.severity == Severity::warning; });
  root["summary"] = std::move(summary);
  return root;
}

boost::json::object check_to_sarif(const check::CheckResult& result, std::string_view tool_version) {
  // Rules: the catalogue, plus any rule id that only the reader knows (xml-*, eaf-*).
  boost::json::array rules;
  std::vector<std::string> ids;
  for (const auto& r : check::rules()) {
    ids.emplace_back(r.id);
    boost::json::object o;
    o["id"] = r.id;
    o["shortDescription"] = boost::json::object{{"text", r.description}};
    o["defaultConfiguration"] = boost::json::object{{"level", sarif_level(r.severity)}};
    rules.emplace_back(std::move(o));
  }
  for (const auto& d : result.diagnostics) {
    if (std::find(ids.begin(), ids.end(), d.rule) != ids.end()) continue;
    ids.push_back(d.rule);
    boost::json::object o;
    o["id"] = d.rule;
    o["shortDescription"] = boost::json::object{{"text", "reported by the ELAN reader"}};
    rules.emplace_back(std::move(o));
  }

  boost::json::array results;
  for (const auto& d : result.diagnostics) {
    boost::json::object r;
    r["ruleId"] = d.rule;
    r["ruleIndex"] = std::find(ids.begin(), ids.end(), d.rule) - ids.begin();
    r["level"] = sarif_level(d.severity);
    std::string text = d.message;
    if (d.suggestion) text += " (" + *d.suggestion + ")";
    r["message"] = boost::json::object{{"text", text}};
    boost::json::object physical;
    physical["artifactLocation"] = boost::json::object{{"uri", to_uri(d.file)}};
    if (d.line > 0) {
      boost::json::object region{{"startLine", d.line}};
      if (d.column > 0) region["startColumn"] = d.column;
      physical["region"] = std::move(region);
    }
    r["locations"] = boost::json::array{boost::json::object{{"physicalLocation", std::move(physical)}}};
    boost::json::object props;
    props["tier"] = opt(d.tier);
    props["start_ms"] = d.start_ms ? boost::json::value(*d.start_ms) : boost::json::value(nullptr);
    props["end_ms"] = d.end_ms ? boost::json::value(*d.end_ms) : boost::json::value(nullptr);
    r["properties"] = std::move(props);
    results.emplace_back(std::move(r));
  }

  boost::json::object driver;
  driver["name"] = "rapport";
  driver["version"] = tool_version;
  driver["informationUri"] = "https://github.com/rapport-3rs/rapport";
  driver["rules"] = std::move(rules);
  boost::json::object run;
  run["tool"] = boost::json::object{{"driver", std::move(driver)}};
  run["results"] = std::move(results);
  boost::json::object root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = boost::json::array{std::move(run)};
  return root;
}

}  // namespace rapport::report
