// SPDX-License-Identifier: MIT
// Identity and reference checks the EAF schema states with xsd:ID/xsd:key/keyref
// (elan.md §1.3): duplicate ids, dangling references, and cycles in the tier hierarchy.
// ELAN itself checks few of these and silently repairs some; we report every one.
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "eaf/parsed_document.hpp"

namespace rapport::eaf::detail {
namespace {

Diagnostic at_tier(const Document& doc, Severity severity, std::string rule, const Tier& tier, SourcePos pos,
                   std::string message) {
  Diagnostic d = make_diagnostic(doc, severity, std::move(rule), pos, std::move(message));
  d.tier = tier.id;
  return d;
}

/// Element kinds whose ids must be unique within their own kind (xsd:key): tiers are handled
/// by the reader (merged as ELAN does), the others here.
template <typename Items, typename IdOf, typename PosOf>
void check_unique_keys(Document& doc, const Items& items, std::string_view element, std::string rule, IdOf id_of,
                       PosOf pos_of) {
  std::unordered_set<std::string_view> seen;
  for (const auto& item : items) {
    const std::string& id = id_of(item);
    if (id.empty()) continue;
    if (!seen.insert(id).second) {
      doc.diagnostics.push_back(
          make_diagnostic(doc, Severity::error, rule, pos_of(item),
                          std::string(element) + " id '" + id + "' is used twice; the first one is used"));
    }
  }
}

}  // namespace

void check_references(ParsedDocument& parsed) {
  Document& doc = parsed.doc;

  // xsd:ID space shared by TIME_SLOT_ID, ANNOTATION_ID, EXT_REF_ID, LANG_ID, LOCALE codes.
  static constexpr std::string_view kinds[] = {"TIME_SLOT", "ANNOTATION", "EXTERNAL_REF", "LANGUAGE"};
  IdIndex<std::uint8_t> ids;  // id → index into kinds
  auto claim = [&](std::string_view id, std::uint8_t kind, SourcePos pos, const Tier* tier) {
    if (id.empty()) return;
    const auto [first_kind, inserted] = ids.try_emplace(id, kind);
    if (inserted) return;
    Diagnostic d = make_diagnostic(doc, Severity::error, "eaf-duplicate-id", pos,
                                   std::string(kinds[kind]) + " id '" + std::string(id) +
                                       "' is used twice (already the id of an earlier " +
                                       std::string(kinds[first_kind]) + "); ids must be unique in the whole document");
    if (tier) d.tier = tier->id;
    doc.diagnostics.push_back(std::move(d));
  };
  for (const TimeSlot& s : doc.time_slots) claim(s.id, 0, s.pos, nullptr);
  for (std::uint32_t t = 0; t < doc.tiers.size(); ++t) {
    const Tier& tier = doc.tiers[t];
    for (std::uint32_t a = 0; a < tier.annotations.size(); ++a) {
      const Annotation& ann = tier.annotations[a];
      claim(ann.id, 1, ann.pos, &tier);
      if (!ann.id.empty()) parsed.annotation_index.try_emplace(ann.id, AnnotationRef{t, a});
    }
  }
  for (const ExternalRef& e : doc.external_refs) claim(e.id, 2, {}, nullptr);
  for (const Language& l : doc.languages) claim(l.id, 3, {}, nullptr);

  check_unique_keys(
      doc, doc.linguistic_types, "LINGUISTIC_TYPE", "eaf-duplicate-linguistic-type",
      [](const LinguisticType& t) -> const std::string& { return t.id; },
      [](const LinguisticType& t) { return t.pos; });
  check_unique_keys(
      doc, doc.controlled_vocabularies, "CONTROLLED_VOCABULARY", "eaf-duplicate-cv",
      [](const ControlledVocabulary& cv) -> const std::string& { return cv.id; },
      [](const ControlledVocabulary& cv) { return cv.pos; });
  for (const ControlledVocabulary& cv : doc.controlled_vocabularies) {
    // CVE_ID is a key only within its own CV (the xsd:key sits inside CONTROLLED_VOCABULARY).
    check_unique_keys(
        doc, cv.entries, "CV_ENTRY_ML in CV '" + cv.id + "': CVE_ID", "eaf-duplicate-cve-id",
        [](const CvEntry& e) -> const std::string& { return e.id; }, [](const CvEntry& e) { return e.pos; });
  }

  // Slot references that named no TIME_SLOT (collected during the SAX pass).
  for (const DanglingSlotRef& r : parsed.dangling_slot_refs) {
    const Tier& tier = doc.tiers[r.tier];
    const Annotation& ann = tier.annotations[r.annotation];
    doc.diagnostics.push_back(at_tier(doc, Severity::error, "eaf-dangling-time-slot-ref", tier, ann.pos,
                                      "annotation '" + ann.id + "' refers to time slot '" + r.slot_id + "' (" +
                                          (r.is_end ? "TIME_SLOT_REF2" : "TIME_SLOT_REF1") +
                                          "), which does not exist; its time cannot be known"));
  }

  // Tier → linguistic type, tier → parent tier, type → CV, CV → external ref.
  for (const Tier& tier : doc.tiers) {
    if (!tier.linguistic_type.empty() && !doc.find_linguistic_type(tier.linguistic_type)) {
      doc.diagnostics.push_back(at_tier(doc, Severity::error, "eaf-dangling-linguistic-type-ref", tier, tier.pos,
                                        "tier '" + tier.id + "' has LINGUISTIC_TYPE_REF '" + tier.linguistic_type +
                                            "', but no LINGUISTIC_TYPE has that id"));
    }
    if (tier.parent && !doc.find_tier(*tier.parent)) {
      doc.diagnostics.push_back(
          at_tier(doc, Severity::error, "eaf-dangling-parent-ref", tier, tier.pos,
                  "tier '" + tier.id + "' has PARENT_REF '" + *tier.parent + "', but there is no tier of that name"));
    }
  }
  for (const LinguisticType& type : doc.linguistic_types) {
    if (type.controlled_vocabulary && !doc.find_cv(*type.controlled_vocabulary)) {
      doc.diagnostics.push_back(make_diagnostic(doc, Severity::error, "eaf-dangling-cv-ref", type.pos,
                                                "linguistic type '" + type.id + "' names controlled vocabulary '" +
                                                    *type.controlled_vocabulary + "', which does not exist"));
    }
  }
  for (const ControlledVocabulary& cv : doc.controlled_vocabularies) {
    if (cv.ext_ref && !doc.find_external_ref(*cv.ext_ref)) {
      doc.diagnostics.push_back(make_diagnostic(
          doc, Severity::error, "eaf-dangling-ext-ref", cv.pos,
          "controlled vocabulary '" + cv.id + "' has EXT_REF '" + *cv.ext_ref + "', but no EXTERNAL_REF has that id"));
    }
  }

  // Cycles in PARENT_REF: follow each tier's parents; more steps than tiers means a loop.
  for (const Tier& tier : doc.tiers) {
    const Tier* cur = tier.parent ? doc.find_tier(*tier.parent) : nullptr;
    std::size_t steps = 0;
    while (cur && cur != &tier && cur->parent && steps <= doc.tiers.size()) {
      cur = doc.find_tier(*cur->parent);
      ++steps;
    }
    if (cur == &tier) {
      doc.diagnostics.push_back(at_tier(doc, Severity::error, "eaf-parent-cycle", tier, tier.pos,
                                        "tier '" + tier.id +
                                            "' is its own ancestor through PARENT_REF; the tier hierarchy must be a "
                                            "tree, so times that depend on the parent cannot be resolved"));
    }
  }

  // REF_ANNOTATION → parent annotation, and the PREVIOUS_ANNOTATION chain.
  for (const Tier& tier : doc.tiers) {
    for (const Annotation& ann : tier.annotations) {
      if (ann.kind != AnnotationKind::reference) continue;
      if (ann.ref && !parsed.annotation_index.contains(*ann.ref)) {
        doc.diagnostics.push_back(at_tier(doc, Severity::error, "eaf-dangling-annotation-ref", tier, ann.pos,
                                          "annotation '" + ann.id + "' refers to parent annotation '" + *ann.ref +
                                              "' (ANNOTATION_REF), which does not exist"));
      }
      if (ann.previous_annotation && !parsed.annotation_index.contains(*ann.previous_annotation)) {
        doc.diagnostics.push_back(at_tier(doc, Severity::error, "eaf-dangling-previous-annotation", tier, ann.pos,
                                          "annotation '" + ann.id + "' has PREVIOUS_ANNOTATION '" +
                                              *ann.previous_annotation + "', which does not exist"));
      }
    }
  }

  // Referential links (3.0) point at annotations or other links.
  std::unordered_set<std::string_view> link_ids;
  for (const RefLinkSet& set : doc.ref_link_sets)
    for (const RefLink& link : set.links) link_ids.insert(link.id);
  auto check_link_target = [&](const RefLink& link, const std::string& target) {
    if (target.empty() || parsed.annotation_index.contains(target) || link_ids.contains(target)) return;
    doc.diagnostics.push_back(make_diagnostic(
        doc, Severity::error, "eaf-dangling-ref-link", link.pos,
        "referential link '" + link.id + "' points at '" + target + "', which is neither an annotation nor a link"));
  };
  for (const RefLinkSet& set : doc.ref_link_sets) {
    for (const RefLink& link : set.links) {
      if (link.ref1) check_link_target(link, *link.ref1);
      if (link.ref2) check_link_target(link, *link.ref2);
      for (const std::string& r : link.refs) check_link_target(link, r);
    }
  }
}

}  // namespace rapport::eaf::detail
