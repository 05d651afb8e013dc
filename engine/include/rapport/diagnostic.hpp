// SPDX-License-Identifier: MIT
// Diagnostics are values, not log lines: every layer (eaf, codebook, check, stats) reports
// problems with the same record so that front ends print and serialise them one way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

enum class Severity { info, warning, error };

/// "info", "warning" or "error".
std::string_view to_string(Severity severity) noexcept;
/// Parses "info", "warning" or "error"; nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text) noexcept;

/// One problem found in one input. Line and column are 1-based and point at the start tag of
/// the element that is wrong; 0 means "not tied to a place in the file".
struct Diagnostic {
  Severity severity = Severity::error;
  std::string rule;  ///< stable kebab-case id, e.g. "eaf-dangling-time-slot-ref"
  std::string file;
  std::int64_t line = 0;
  std::int64_t column = 0;
  std::optional<std::string> tier;
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
  std::string message;
  std::optional<std::string> suggestion;
};

/// Compiler-style one-liner: `FILE:LINE:COL: error[rule]: message [tier T, 1000-2000 ms]`.
std::string format_diagnostic(const Diagnostic& diagnostic);

/// A count with its noun, plural unless the count is 1: "1 error", "0 errors", "3 warnings".
/// English nouns that take an "s" only; summaries of diagnostics and results use it.
std::string count_noun(std::size_t count, std::string_view noun);

/// Number of diagnostics at or above `threshold`.
std::size_t count_at_least(const std::vector<Diagnostic>& diagnostics, Severity threshold) noexcept;

}  // namespace rapport
