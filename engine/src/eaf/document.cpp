// SPDX-License-Identifier: MIT
#include "rapport/eaf/document.hpp"

#include <algorithm>

namespace rapport::eaf {

std::string_view to_string(Stereotype stereotype) noexcept {
  switch (stereotype) {
    case Stereotype::none: return "";
    case Stereotype::time_subdivision: return "Time_Subdivision";
    case Stereotype::included_in: return "Included_In";
    case Stereotype::symbolic_subdivision: return "Symbolic_Subdivision";
    case Stereotype::symbolic_association: return "Symbolic_Association";
  }
  return "";
}

const CvEntry* ControlledVocabulary::find_entry(std::string_view cve_id) const noexcept {
  for (const CvEntry& e : entries)
    if (!e.id.empty() && e.id == cve_id) return &e;
  return nullptr;
}

std::string Document::effective_format() const {
  if (format && !format->empty()) return *format;
  if (version && !version->empty()) return *version;
  return "3.0";
}

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) noexcept {
  for (const T& item : items)
    if (item.id == id) return &item;
  return nullptr;
}
}  // namespace

const Tier* Document::find_tier(std::string_view id) const noexcept { return find_by_id(tiers, id); }
const LinguisticType* Document::find_linguistic_type(std::string_view id) const noexcept {
  return find_by_id(linguistic_types, id);
}
const ControlledVocabulary* Document::find_cv(std::string_view id) const noexcept {
  return find_by_id(controlled_vocabularies, id);
}
const ExternalRef* Document::find_external_ref(std::string_view id) const noexcept {
  return find_by_id(external_refs, id);
}

const ControlledVocabulary* Document::cv_for_tier(const Tier& tier) const noexcept {
  const LinguisticType* type = find_linguistic_type(tier.linguistic_type);
  if (!type || !type->controlled_vocabulary) return nullptr;
  return find_cv(*type->controlled_vocabulary);
}

Stereotype Document::stereotype_of(const Tier& tier) const noexcept {
  const LinguisticType* type = find_linguistic_type(tier.linguistic_type);
  return type ? type->stereotype : Stereotype::none;
}

std::size_t Document::annotation_count() const noexcept {
  std::size_t n = 0;
  for (const Tier& tier : tiers) n += tier.annotations.size();
  return n;
}

std::optional<std::pair<Millis, Millis>> Document::time_span() const noexcept {
  std::optional<std::pair<Millis, Millis>> span;
  for (const Tier& tier : tiers) {
    for (const Annotation& a : tier.annotations) {
      if (!a.time_resolved) continue;
      if (!span) {
        span = std::pair{a.start_ms, a.end_ms};
      } else {
        span->first = std::min(span->first, a.start_ms);
        span->second = std::max(span->second, a.end_ms);
      }
    }
  }
  return span;
}

}  // namespace rapport::eaf
