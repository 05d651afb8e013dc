// SPDX-License-Identifier: MIT
// Matching tiers to the codebook's tier layout and to coders (issue 4, "Binding").
#include "rapport/check/binding.hpp"

#include <algorithm>
#include <filesystem>

#include "check/document_lookup.hpp"

namespace rapport::check {
namespace {

using codebook::TierRule;

Diagnostic at_tier(Severity severity, std::string rule, const eaf::Document& doc, const eaf::Tier& tier,
                   std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.rule = std::move(rule);
  d.file = doc.file;
  d.line = tier.pos.line;
  d.column = tier.pos.column;
  d.tier = tier.id;
  d.message = std::move(message);
  return d;
}

struct Match {
  const TierRule* rule = nullptr;
  std::string affix_coder;
};

/// The rule whose `member` equals `value` when exactly one rule has it: a CV or linguistic
/// type shared by several rules (SEG_WSIG and SEG_CSIG both use SCALE_1_5) identifies none.
template <class Member>
const TierRule* unique_rule_by(const codebook::Codebook& cb, Member member, std::string_view value) {
  const TierRule* found = nullptr;
  for (const auto& rule : cb.tiers) {
    const auto& v = rule.*member;
    if (!v || *v != value) continue;
    if (found) return nullptr;
    found = &rule;
  }
  return found;
}

Match match_tier(const eaf::Document& doc, const eaf::Tier& tier, const codebook::Codebook& cb,
                 const codebook::CoderIdentification& ident) {
  if (const TierRule* rule = cb.find_tier_rule(tier.id)) return {rule, {}};
  // Coder affixes: try every occurrence of the separator, so coder names may contain it too.
  for (const auto& affix : ident.tier_affixes) {
    if (affix.separator.empty()) continue;
    for (std::size_t pos = tier.id.find(affix.separator); pos != std::string::npos;
         pos = tier.id.find(affix.separator, pos + 1)) {
      const std::string left = tier.id.substr(0, pos);
      const std::string right = tier.id.substr(pos + affix.separator.size());
      const std::string& base = affix.position == codebook::AffixPosition::suffix ? left : right;
      const std::string& coder = affix.position == codebook::AffixPosition::suffix ? right : left;
      if (coder.empty()) continue;
      if (const TierRule* rule = cb.find_tier_rule(base)) return {rule, coder};
    }
  }
  if (const eaf::ControlledVocabulary* cv = cv_for_tier(doc, tier))
    if (const TierRule* rule = unique_rule_by(cb, &TierRule::cv, cv->id)) return {rule, {}};
  if (!tier.linguistic_type.empty())
    if (const TierRule* rule = unique_rule_by(cb, &TierRule::linguistic_type, tier.linguistic_type)) return {rule, {}};
  return {};
}

}  // namespace

std::string_view to_string(CoderSource source) noexcept {
  switch (source) {
    case CoderSource::none: return "none";
    case CoderSource::tier_affix: return "tier_affix";
    case CoderSource::project: return "project";
    case CoderSource::annotator: return "annotator";
    case CoderSource::file_name: return "file_name";
  }
  return "none";
}

const BoundTier* CodedSession::find(codebook::TierContent content, std::string_view key) const noexcept {
  for (const auto& bound : tiers) {
    if (bound.rule->content != content) continue;
    if (!key.empty()) {
      const auto& k = content == codebook::TierContent::segment_rating ? bound.rule->scale : bound.rule->family;
      if (!k || *k != key) continue;
    }
    return &bound;
  }
  return nullptr;
}

std::optional<std::pair<std::string, std::string>> split_file_stem(std::string_view stem, std::string_view separator) {
  if (separator.empty()) return std::nullopt;
  const std::size_t pos = stem.rfind(separator);
  if (pos == std::string_view::npos || pos == 0 || pos + separator.size() >= stem.size()) return std::nullopt;
  return std::pair{std::string(stem.substr(0, pos)), std::string(stem.substr(pos + separator.size()))};
}

Binding bind(const eaf::Document& doc, const codebook::Codebook& cb, const BindOverrides& overrides) {
  Binding b;
  b.file = doc.file;
  const auto& ident = overrides.coder_identification ? *overrides.coder_identification : cb.coder_identification;
  const std::string stem = std::filesystem::path(doc.file).stem().string();
  std::optional<std::pair<std::string, std::string>> from_file;
  if (ident.file_name_separator) from_file = split_file_stem(stem, *ident.file_name_separator);

  std::vector<BoundTier> per_coder;
  std::vector<BoundTier> shared;
  for (const auto& tier : doc.tiers) {
    Match m = match_tier(doc, tier, cb, ident);
    if (!m.rule) {
      b.unrecognised.push_back(&tier);
      continue;
    }
    BoundTier bound{&tier, m.rule, {}, CoderSource::none};
    if (!m.rule->per_coder) {
      shared.push_back(std::move(bound));
      continue;
    }
    const bool has_annotator = ident.annotator_attribute && tier.annotator && !tier.annotator->empty();
    if (!m.affix_coder.empty()) {
      bound.coder = m.affix_coder;
      bound.coder_source = CoderSource::tier_affix;
      if (has_annotator && *tier.annotator != m.affix_coder)
        b.diagnostics.push_back(at_tier(Severity::warning, "coder-conflict", doc, tier,
                                        "the tier name says the coder is '" + m.affix_coder + "' but ANNOTATOR says '" +
                                            *tier.annotator + "'; using '" + m.affix_coder + "' from the tier name"));
    } else if (overrides.coder) {
      bound.coder = *overrides.coder;
      bound.coder_source = CoderSource::project;
    } else if (has_annotator) {
      bound.coder = *tier.annotator;
      bound.coder_source = CoderSource::annotator;
    } else if (from_file) {
      bound.coder = from_file->second;
      bound.coder_source = CoderSource::file_name;
    }
    per_coder.push_back(std::move(bound));
  }
  b.recognised_any = !per_coder.empty();
  if (!b.recognised_any) return b;

  // The session is the file stem without its `_coder` part when that part names a coder of
  // the file (S01_coderA.eaf); a file holding several coders (S01.eaf, S01_all.eaf) keeps its stem.
  std::string session = stem;
  if (from_file &&
      std::any_of(per_coder.begin(), per_coder.end(), [&](const BoundTier& t) { return t.coder == from_file->second; }))
    session = from_file->first;
  if (overrides.session) session = *overrides.session;

  for (auto& bound : per_coder) {
    auto it = std::find_if(b.sessions.begin(), b.sessions.end(),
                           [&](const CodedSession& s) { return s.coder == bound.coder; });
    if (it == b.sessions.end()) {
      b.sessions.push_back(CodedSession{doc.file, session, bound.coder, {}});
      it = std::prev(b.sessions.end());
    }
    // "A coder identified twice": two tiers of this coder claim the same role.
    auto twin =
        std::find_if(it->tiers.begin(), it->tiers.end(), [&](const BoundTier& t) { return t.rule == bound.rule; });
    if (twin != it->tiers.end()) {
      b.diagnostics.push_back(at_tier(Severity::error, "tier-duplicate", doc, *bound.tier,
                                      "tiers '" + twin->tier->id + "' and '" + bound.tier->id + "' both carry " +
                                          bound.rule->name + " for coder '" + bound.coder +
                                          "'; only the first is checked"));
      continue;
    }
    it->tiers.push_back(std::move(bound));
  }
  for (auto& s : b.sessions) {
    s.tiers.insert(s.tiers.end(), shared.begin(), shared.end());
    std::stable_sort(s.tiers.begin(), s.tiers.end(),
                     [](const BoundTier& x, const BoundTier& y) { return x.tier < y.tier; });
  }
  return b;
}

}  // namespace rapport::check
