// SPDX-License-Identifier: MIT
// `rapport check`: the coding rules of issue 4 over bound documents. Every coding diagnostic is
// born here, with a stable rule id (see rules()), the tier and the time range it concerns.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/check/binding.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/diagnostic.hpp"
#include "rapport/eaf/document.hpp"

namespace rapport::check {

/// One rule of the catalogue: its id, default severity and a one-line description (SARIF's
/// rule metadata, `rapport check --list-rules`).
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view description;
};
std::span<const RuleInfo> rules();
const RuleInfo* find_rule(std::string_view id) noexcept;

/// A file that was checked, with the session and coder the binding found (one entry per coder
/// for a file holding several coders; no session/coder for files that match no tier rule).
struct CheckedFile {
  std::string file;
  std::optional<std::string> session;
  std::optional<std::string> coder;
};

struct CheckResult {
  std::vector<CheckedFile> files;
  std::vector<Diagnostic> diagnostics;  ///< reader diagnostics first, then binding and rules, per file
  std::size_t file_count = 0;           ///< distinct files
};

/// Checks documents one at a time (so a batch can stream through memory) and remembers which
/// (session, coder) pairs it has seen, to report a coder identified twice across files.
class Checker {
 public:
  /// `project` (optional, must outlive the Checker) overrides session, coder and coder
  /// identification for the files it lists.
  explicit Checker(const codebook::Codebook& codebook, const codebook::Project* project = nullptr)
      : m_codebook(codebook), m_project(project) {}
  /// Runs every rule on `document`, including its reader diagnostics in the result.
  void add(const eaf::Document& document);
  const CheckResult& result() const noexcept { return m_result; }
  CheckResult take() { return std::move(m_result); }

 private:
  struct Seen {
    std::string session, coder, file;
  };
  const codebook::Codebook& m_codebook;
  const codebook::Project* m_project;
  CheckResult m_result;
  std::vector<Seen> m_seen;
};

/// Convenience: a Checker over `documents`.
CheckResult check_documents(const std::vector<eaf::Document>& documents, const codebook::Codebook& codebook);

/// The rules on one coded session (no reader or binding diagnostics). Exposed for tests.
void check_session(const eaf::Document& document, const CodedSession& session, const codebook::Codebook& codebook,
                   std::vector<Diagnostic>& out);

}  // namespace rapport::check
