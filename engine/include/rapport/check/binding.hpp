// SPDX-License-Identifier: MIT
// Binding: where an ELAN Document meets a Codebook. Each tier is matched to a tier rule of the
// codebook's layout and to a coder; the tiers of one coder form a coded session. The binding
// points into the Document (no annotation is copied), so the Document must outlive it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rapport/codebook/codebook.hpp"
#include "rapport/diagnostic.hpp"
#include "rapport/eaf/document.hpp"

namespace rapport::check {

/// Where a tier's coder came from.
enum class CoderSource { none, tier_affix, project, annotator, file_name };
std::string_view to_string(CoderSource source) noexcept;

/// One tier of the document, recognised as carrying what `rule` describes.
struct BoundTier {
  const eaf::Tier* tier = nullptr;
  const codebook::TierRule* rule = nullptr;
  std::string coder;  ///< empty for shared tiers (transcripts) and when no coder could be found
  CoderSource coder_source = CoderSource::none;
};

/// The tiers of one coder in one file: the unit every coding rule works on.
struct CodedSession {
  std::string file;
  std::string session;
  std::string coder;
  std::vector<BoundTier> tiers;  ///< this coder's tiers plus the shared ones, document order

  /// The first tier bound to a rule of `content` (and, when given, of that scale/family).
  const BoundTier* find(codebook::TierContent content, std::string_view key = {}) const noexcept;
};

struct Binding {
  std::string file;
  std::vector<CodedSession> sessions;          ///< one per coder, first-appearance order
  std::vector<const eaf::Tier*> unrecognised;  ///< tiers matching no rule
  bool recognised_any = false;
  std::vector<Diagnostic> diagnostics;  ///< binding problems (coder conflicts, duplicate tiers)
};

/// What a project file says about one document (codebook/project.hpp).
struct BindOverrides {
  std::optional<std::string> session;  ///< replaces the session taken from the file name
  std::optional<std::string> coder;    ///< coder of the tiers without a coder affix
  /// Replaces the codebook's coder identification when set.
  const codebook::CoderIdentification* coder_identification = nullptr;
};

/// Binds `document` to the tier layout of `codebook`. Never throws for bad input.
Binding bind(const eaf::Document& document, const codebook::Codebook& codebook, const BindOverrides& overrides = {});

/// `S01_coderA` → {"S01", "coderA"} with separator "_"; nullopt when the stem has no separator.
std::optional<std::pair<std::string, std::string>> split_file_stem(std::string_view stem, std::string_view separator);

}  // namespace rapport::check
