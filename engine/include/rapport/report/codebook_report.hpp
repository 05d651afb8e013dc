// SPDX-License-Identifier: MIT
// `rapport codebook show|export`: a codebook as text, as JSON, and as ELAN files (.ecv, .etf).
#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <iosfwd>
#include <string>

#include "rapport/codebook/codebook.hpp"
#include "rapport/eaf/document.hpp"

namespace rapport::report {

boost::json::object codebook_to_json(const codebook::Codebook& codebook);
void write_codebook_text(std::ostream& os, const codebook::Codebook& codebook, const std::string& lang);

struct ElanExportOptions {
  std::string annotator;  ///< .etf: ANNOTATOR of the coded tiers
  std::string date;       ///< DATE attribute; empty = now (UTC)
};

/// Serialises an ELAN template or CV resource (no time slots, no annotations) with Xerces.
std::string elan_xml(const eaf::Document& document);

/// Write the codebook's CVs as .ecv / its template as .etf to `path` (temporary name, then
/// rename). Return an error message, or "" on success.
std::string write_ecv_file(const codebook::Codebook& codebook, const std::filesystem::path& path,
                           const ElanExportOptions& options = {});
std::string write_etf_file(const codebook::Codebook& codebook, const std::filesystem::path& path,
                           const ElanExportOptions& options = {});

}  // namespace rapport::report
