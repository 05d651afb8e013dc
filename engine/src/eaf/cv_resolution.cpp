// SPDX-License-Identifier: MIT
// CVE_REF resolution: annotation → tier → LINGUISTIC_TYPE → CONTROLLED_VOCABULARY_REF → CV →
// CVE_ID (elan.md §1.3, §1.7). CVE_IDs are unique only within one CV ("cveid0" repeats across
// CVs in the pympi samples and the ACLEW vocabularies), so an entry is identified by
// (CV_ID, CVE_ID). External CVs are matched to the CVs of the .ecv by CV_ID, as ELAN does.
#include <map>
#include <string>

#include "eaf/parsed_document.hpp"

namespace rapport::eaf::detail {
namespace {

/// Comma-separated names of the tiers whose type uses `cv`.
std::string tiers_using(const Document& doc, const ControlledVocabulary& cv) {
  std::string names;
  for (const Tier& tier : doc.tiers) {
    if (doc.cv_for_tier(tier) != &cv) continue;
    if (!names.empty()) names += ", ";
    names += "'" + tier.id + "'";
  }
  return names;
}

void load_external_cvs(Document& doc, const ReadOptions& options, const std::filesystem::path& eaf_dir) {
  std::map<std::string, std::optional<Document>> loaded;  // URL → its .ecv, read once per document
  for (ControlledVocabulary& cv : doc.controlled_vocabularies) {
    if (!cv.ext_ref) continue;
    const ExternalRef* ref = doc.find_external_ref(*cv.ext_ref);
    if (!ref) continue;  // dangling EXT_REF, reported by check_references
    cv.external_url = ref->value;
    if (!options.resolve_external_cvs) continue;
    auto [it, inserted] = loaded.try_emplace(ref->value);
    if (inserted) {
      const auto path =
          options.ecv_resolver ? options.ecv_resolver(ref->value, eaf_dir) : resolve_local_ecv(ref->value, eaf_dir);
      if (path) {
        ReadOptions nested = options;
        nested.resolve_external_cvs = false;  // an .ecv does not refer to further .ecv files
        it->second = read_eaf_file(*path, nested);
        for (const Diagnostic& d : it->second->diagnostics) {
          if (d.severity == Severity::error) doc.diagnostics.push_back(d);
        }
      }
    }
    if (!it->second) {
      const std::string tiers = tiers_using(doc, cv);
      Diagnostic d = tiers.empty()
                         ? make_diagnostic(doc, Severity::info, "eaf-external-cv-unavailable", cv.pos,
                                           "vocabulary '" + cv.id + "' at " + ref->value +
                                               " is unreachable (no readable local copy); no tier uses it")
                         : make_diagnostic(doc, Severity::warning, "eaf-external-cv-unavailable", cv.pos,
                                           "cannot verify codes on tier " + tiers + ": vocabulary '" + cv.id + "' at " +
                                               ref->value + " is unreachable (no readable local copy)");
      d.suggestion = "put the .ecv file next to the .eaf, or fetch it once with network access";
      doc.diagnostics.push_back(std::move(d));
      continue;
    }
    const ControlledVocabulary* source = it->second->find_cv(cv.id);
    if (!source) {
      doc.diagnostics.push_back(make_diagnostic(
          doc, Severity::error, "eaf-external-cv-missing", cv.pos,
          "the external vocabulary file " + ref->value + " has no CONTROLLED_VOCABULARY with CV_ID '" + cv.id + "'"));
      continue;
    }
    cv.entries = source->entries;
    if (cv.descriptions.empty()) cv.descriptions = source->descriptions;
    cv.multilingual = source->multilingual;
    cv.external_loaded = true;
  }
}

}  // namespace

void resolve_cvs(Document& doc, const ReadOptions& options, const std::filesystem::path& eaf_dir) {
  load_external_cvs(doc, options, eaf_dir);

  for (Tier& tier : doc.tiers) {
    const ControlledVocabulary* cv = doc.cv_for_tier(tier);
    for (Annotation& ann : tier.annotations) {
      // EAF 2.7 pointed into external CVs through EXT_REF → EXTERNAL_REF TYPE="cve_id"; ELAN
      // turns that into a CVE_REF on load, and so do we.
      if (!ann.cve_ref && ann.ext_ref) {
        if (const ExternalRef* e = doc.find_external_ref(*ann.ext_ref); e && e->type == "cve_id")
          ann.cve_ref = doc.store(e->value);
      }
      if (!ann.cve_ref) continue;
      if (!cv) {
        ann.cve_resolved = false;
        Diagnostic d = make_diagnostic(doc, Severity::error, "eaf-dangling-cve-ref", ann.pos,
                                       "annotation '" + ann.id + "' has CVE_REF '" + *ann.cve_ref + "', but tier '" +
                                           tier.id + "' has no controlled vocabulary");
        d.tier = tier.id;
        d.start_ms = ann.start_ms;
        d.end_ms = ann.end_ms;
        doc.diagnostics.push_back(std::move(d));
        continue;
      }
      if (cv->is_external() && !cv->external_loaded) continue;  // unknown: reported once per CV
      ann.cve_resolved = cv->find_entry(*ann.cve_ref) != nullptr;
      if (!*ann.cve_resolved) {
        Diagnostic d = make_diagnostic(doc, Severity::error, "eaf-dangling-cve-ref", ann.pos,
                                       "annotation '" + ann.id + "' has CVE_REF '" + *ann.cve_ref +
                                           "', which is not an entry of vocabulary '" + cv->id + "' (tier '" + tier.id +
                                           "' → type '" + tier.linguistic_type + "')");
        d.tier = tier.id;
        d.start_ms = ann.start_ms;
        d.end_ms = ann.end_ms;
        doc.diagnostics.push_back(std::move(d));
      }
    }
  }
}

}  // namespace rapport::eaf::detail
