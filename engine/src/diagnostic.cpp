// SPDX-License-Identifier: MIT
#include "rapport/diagnostic.hpp"

#include <algorithm>

namespace rapport {

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) noexcept {
  if (text == "info") return Severity::info;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

std::string count_noun(std::size_t count, std::string_view noun) {
  return std::to_string(count) + ' ' + std::string(noun) + (count == 1 ? "" : "s");
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file.empty() ? std::string("<input>") : d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += ": ";
  out += to_string(d.severity);
  out += '[' + d.rule + "]: " + d.message;
  if (d.tier || d.start_ms) {
    out += " [";
    if (d.tier) out += "tier '" + *d.tier + "'";
    if (d.start_ms) {
      if (d.tier) out += ", ";
      out += std::to_string(*d.start_ms);
      if (d.end_ms) out += '-' + std::to_string(*d.end_ms);
      out += " ms";
    }
    out += ']';
  }
  if (d.suggestion) out += " (" + *d.suggestion + ')';
  return out;
}

std::size_t count_at_least(const std::vector<Diagnostic>& diagnostics, Severity threshold) noexcept {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
    return static_cast<int>(d.severity) >= static_cast<int>(threshold);
  }));
}

}  // namespace rapport
