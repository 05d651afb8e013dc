// SPDX-License-Identifier: MIT
#include "rapport/codebook/codebook.hpp"

#include <algorithm>

namespace rapport::codebook {

std::string_view to_string(Evidence evidence) noexcept {
  switch (evidence) {
    case Evidence::sourced: return "sourced";
    case Evidence::secondary: return "secondary";
    case Evidence::recalled: return "recalled";
    case Evidence::inferred: return "inferred";
    case Evidence::unverified: return "unverified";
  }
  return "unverified";
}

std::string_view to_string(FamilyKind kind) noexcept {
  switch (kind) {
    case FamilyKind::rupture_marker: return "rupture_marker";
    case FamilyKind::resolution_strategy: return "resolution_strategy";
    case FamilyKind::other: return "other";
  }
  return "other";
}

std::string_view to_string(RuptureType type) noexcept {
  switch (type) {
    case RuptureType::none: return "";
    case RuptureType::withdrawal: return "withdrawal";
    case RuptureType::confrontation: return "confrontation";
    case RuptureType::any: return "any";
  }
  return "";
}

std::string_view to_string(TierContent content) noexcept {
  switch (content) {
    case TierContent::segments: return "segments";
    case TierContent::segment_rating: return "segment_rating";
    case TierContent::codes: return "codes";
    case TierContent::stages: return "stages";
    case TierContent::session_ratings: return "session_ratings";
    case TierContent::episodes: return "episodes";
    case TierContent::transcript: return "transcript";
  }
  return "codes";
}

std::string_view pick(const std::vector<Text>& texts, std::string_view lang, std::string_view fallback) {
  for (const auto& t : texts)
    if (t.lang == lang) return t.text;
  for (const auto& t : texts)
    if (t.lang == fallback) return t.text;
  return texts.empty() ? std::string_view{} : std::string_view(texts.front().text);
}

std::optional<std::string_view> Code::attribute(std::string_view name) const noexcept {
  for (const auto& a : attributes)
    if (a.name == name) return std::string_view(a.value);
  return std::nullopt;
}

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) noexcept {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Code* Codebook::find_code(std::string_view code_id) const noexcept {
  // Codes are looked up once per annotation, so they get an index; the other lists are short.
  if (m_code_index.size() != codes.size()) return find_by_id(codes, code_id);
  auto it = m_code_index.find(code_id);
  return it == m_code_index.end() ? nullptr : &codes[it->second];
}
const Family* Codebook::find_family(std::string_view family_id) const noexcept {
  return find_by_id(families, family_id);
}
const Scale* Codebook::find_scale(std::string_view scale_id) const noexcept { return find_by_id(scales, scale_id); }
const StageModel* Codebook::find_stage_model(std::string_view model_id) const noexcept {
  return find_by_id(stage_models, model_id);
}
const TierRule* Codebook::find_tier_rule(std::string_view name) const noexcept {
  auto it = std::find_if(tiers.begin(), tiers.end(), [&](const TierRule& t) { return t.name == name; });
  return it == tiers.end() ? nullptr : &*it;
}

const RepairTypology* Codebook::find_repair_typology(std::string_view typology_id) const noexcept {
  return find_by_id(repair_typologies, typology_id);
}

std::vector<const Code*> Codebook::codes_of(std::string_view family_id) const {
  std::vector<const Code*> out;
  for (const auto& c : codes)
    if (c.family == family_id) out.push_back(&c);
  return out;
}

std::vector<std::string> Codebook::stage_ids(const std::vector<std::string>& model_ids) const {
  std::vector<std::string> out;
  for (const auto& model_id : model_ids) {
    const StageModel* model = find_stage_model(model_id);
    if (!model) continue;
    for (const auto& stage : model->stages)
      if (std::find(out.begin(), out.end(), stage.id) == out.end()) out.push_back(stage.id);
  }
  return out;
}

void Codebook::reindex() {
  m_code_index.clear();
  for (std::size_t i = 0; i < codes.size(); ++i) m_code_index.emplace(codes[i].id, i);
}

}  // namespace rapport::codebook
