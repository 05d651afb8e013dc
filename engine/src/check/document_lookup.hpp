// SPDX-License-Identifier: MIT
// Private: small lookups into an eaf::Document (tier → linguistic type → CV, annotation by id)
// used by the binding and the rules.
#pragma once

#include <string_view>
#include <unordered_map>

#include "rapport/eaf/document.hpp"

namespace rapport::check {

inline const eaf::LinguisticType* linguistic_type_of(const eaf::Document& doc, const eaf::Tier& tier) noexcept {
  for (const auto& lt : doc.linguistic_types)
    if (lt.id == tier.linguistic_type) return &lt;
  return nullptr;
}

inline const eaf::ControlledVocabulary* cv_for_tier(const eaf::Document& doc, const eaf::Tier& tier) noexcept {
  const eaf::LinguisticType* lt = linguistic_type_of(doc, tier);
  if (!lt || !lt->controlled_vocabulary) return nullptr;
  for (const auto& cv : doc.controlled_vocabularies)
    if (cv.id == *lt->controlled_vocabulary) return &cv;
  return nullptr;
}

inline eaf::Stereotype stereotype_of(const eaf::Document& doc, const eaf::Tier& tier) noexcept {
  const eaf::LinguisticType* lt = linguistic_type_of(doc, tier);
  return lt ? lt->stereotype : eaf::Stereotype::none;
}

}  // namespace rapport::check
