// SPDX-License-Identifier: MIT
// A codebook as ELAN sees it: the controlled vocabularies its tier layout uses, and a template
// (.etf) with the tiers, linguistic types and CVs, so a coder starts each session from a file
// `rapport check` recognises. Built as eaf::Document models; report/elan_writer writes them.
#pragma once

#include <string>

#include "rapport/codebook/codebook.hpp"
#include "rapport/eaf/document.hpp"

namespace rapport::check {

struct TemplateOptions {
  std::string date = "1970-01-01T00:00:00Z";  ///< DATE attribute (callers pass the current time)
  std::string author;
  std::string annotator;  ///< ANNOTATOR of the coded tiers; empty leaves it out
};

/// The CVs of the tier layout (one per distinct `cv` of a tier rule), one CVE_VALUE per codebook
/// language. Codes marked `unverified` are left out, so a template never offers them.
std::vector<eaf::ControlledVocabulary> elan_vocabularies(const codebook::Codebook& codebook);

/// ELAN LANGUAGE elements for the codebook's languages (ISO 639-3 ids, as ELAN uses).
std::vector<eaf::Language> elan_languages(const codebook::Codebook& codebook);

/// An external controlled vocabulary document (root CV_RESOURCE).
eaf::Document elan_ecv(const codebook::Codebook& codebook, const TemplateOptions& options = {});

/// A template document (.etf): tiers, linguistic types, constraints, languages and CVs.
eaf::Document elan_etf(const codebook::Codebook& codebook, const TemplateOptions& options = {});

}  // namespace rapport::check
