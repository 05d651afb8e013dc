// SPDX-License-Identifier: MIT
// ELAN's tier and file matching, re-implemented from ../shared/domain/elan.md §2.2.
#include "rapport/intervals/eaf_pairing.hpp"

#include <filesystem>

namespace rapport::intervals {
namespace {

bool matches(std::string_view candidate, const std::string& key, char separator, AffixMatching mode) {
  if (mode == AffixMatching::prefix) {
    const auto at = candidate.find(separator);
    return at != std::string_view::npos && at > 0 && candidate.substr(at) == key;
  }
  const auto at = candidate.rfind(separator);
  return candidate.starts_with(key) && at == key.size() - 1;
}

Diagnostic info(std::string file, std::string message) {
  Diagnostic d;
  d.severity = Severity::info;
  d.rule = "irr-tier-pairing";
  d.file = std::move(file);
  d.message = std::move(message);
  return d;
}

std::string stem(const std::string& file) { return std::filesystem::path(file).stem().string(); }

}  // namespace

std::optional<std::string> affix_key(std::string_view name, AffixMatching mode, std::string_view separators) {
  for (char sep : separators) {
    if (mode == AffixMatching::prefix) {
      const auto at = name.find(sep);
      if (at != std::string_view::npos && at > 0) return std::string(name.substr(at));
    } else if (mode == AffixMatching::suffix) {
      const auto at = name.rfind(sep);
      if (at != std::string_view::npos && at > 0 && at + 1 < name.size()) return std::string(name.substr(0, at + 1));
    }
  }
  return std::nullopt;
}

std::vector<std::vector<std::size_t>> group_by_affix(const std::vector<std::string>& names, AffixMatching mode,
                                                     std::string_view separators) {
  std::vector<std::vector<std::size_t>> groups;
  std::vector<char> used(names.size(), 0);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (used[i]) continue;
    std::optional<std::string> key;
    char sep = 0;
    for (char s : separators) {
      key = affix_key(names[i], mode, std::string_view(&s, 1));
      if (key) {
        sep = s;
        break;
      }
    }
    if (!key) continue;
    std::vector<std::size_t> group{i};
    used[i] = 1;
    for (std::size_t j = i + 1; j < names.size(); ++j)
      if (!used[j] && matches(names[j], *key, sep, mode)) group.push_back(j), used[j] = 1;
    if (group.size() > 1) groups.push_back(std::move(group));
  }
  return groups;
}

std::vector<PairedTiers> pair_tiers(const std::vector<eaf::Document>& documents, const TierPairing& pairing,
                                    std::vector<Diagnostic>& diagnostics) {
  std::vector<PairedTiers> out;
  auto add_combinations = [&](const std::vector<TierRef>& members, const std::string& group, bool require_files) {
    for (std::size_t a = 0; a < members.size(); ++a)
      for (std::size_t b = a + 1; b < members.size(); ++b)
        if (!require_files || members[a].document != members[b].document)
          out.push_back({members[a], members[b], group});
  };
  if (!pairing.across_files) {
    for (std::size_t d = 0; d < documents.size(); ++d) {
      const auto& doc = documents[d];
      std::vector<std::string> names;
      for (const auto& t : doc.tiers) names.push_back(t.id);
      if (pairing.tiers == AffixMatching::manual) {
        const auto* t1 = doc.find_tier(pairing.manual_first);
        const auto* t2 = doc.find_tier(pairing.manual_second);
        if (!t1 || !t2 || t1 == t2) {
          diagnostics.push_back(info(doc.file, "no tiers '" + pairing.manual_first + "' and '" + pairing.manual_second +
                                                   "' to compare (they must differ)"));
          continue;
        }
        out.push_back({{d, static_cast<std::size_t>(t1 - doc.tiers.data())},
                       {d, static_cast<std::size_t>(t2 - doc.tiers.data())},
                       doc.file});
        continue;
      }
      if (pairing.tiers == AffixMatching::same_name) {
        diagnostics.push_back(info(doc.file, "same-name matching needs tiers in different files"));
        continue;
      }
      const auto groups = group_by_affix(names, pairing.tiers, pairing.separators);
      if (groups.empty()) diagnostics.push_back(info(doc.file, "no tiers share an affix; nothing to compare"));
      for (const auto& g : groups) {
        std::vector<TierRef> members;
        for (std::size_t i : g) members.push_back({d, i});
        add_combinations(members, doc.file, false);
      }
    }
    return out;
  }
  // Across files: group the files, then match tiers between the files of a group.
  std::vector<std::vector<std::size_t>> file_groups;
  if (documents.size() == 2) {
    file_groups.push_back({0, 1});
  } else {
    std::vector<std::string> stems;
    for (const auto& d : documents) stems.push_back(stem(d.file));
    file_groups = group_by_affix(stems, pairing.files, pairing.file_separators);
  }
  for (const auto& fg : file_groups)
    for (std::size_t a = 0; a < fg.size(); ++a)
      for (std::size_t b = a + 1; b < fg.size(); ++b) {
        const std::size_t da = fg[a], db = fg[b];
        const std::string group = documents[da].file + " | " + documents[db].file;
        const auto& ta = documents[da].tiers;
        const auto& tb = documents[db].tiers;
        if (pairing.tiers == AffixMatching::manual) {
          const auto* t1 = documents[da].find_tier(pairing.manual_first);
          const auto* t2 = documents[db].find_tier(pairing.manual_second);
          if (t1 && t2)
            out.push_back({{da, static_cast<std::size_t>(t1 - ta.data())},
                           {db, static_cast<std::size_t>(t2 - tb.data())},
                           group});
          continue;
        }
        if (pairing.tiers == AffixMatching::same_name) {
          for (std::size_t i = 0; i < ta.size(); ++i)
            if (const auto* t2 = documents[db].find_tier(ta[i].id))
              out.push_back({{da, i}, {db, static_cast<std::size_t>(t2 - tb.data())}, group});
          continue;
        }
        std::vector<std::string> names;
        std::vector<TierRef> refs;
        for (std::size_t i = 0; i < ta.size(); ++i) names.push_back(ta[i].id), refs.push_back({da, i});
        for (std::size_t i = 0; i < tb.size(); ++i) names.push_back(tb[i].id), refs.push_back({db, i});
        for (const auto& g : group_by_affix(names, pairing.tiers, pairing.separators)) {
          std::vector<TierRef> members;
          for (std::size_t i : g) members.push_back(refs[i]);
          add_combinations(members, group, true);
        }
      }
  if (out.empty()) diagnostics.push_back(info("", "no tier pairs found across the files"));
  return out;
}

std::vector<Interval> tier_intervals(const eaf::Tier& tier) {
  std::vector<Interval> out;
  for (const auto& a : tier.annotations)
    if (a.time_resolved) out.push_back(Interval{a.start_ms, a.end_ms, a.value, a.id});
  return out;
}

std::vector<ElanTierPair> elan_tier_pairs(const std::vector<eaf::Document>& documents,
                                          const std::vector<PairedTiers>& pairs) {
  std::vector<ElanTierPair> out;
  for (const auto& p : pairs) {
    const auto& d1 = documents[p.first.document];
    const auto& d2 = documents[p.second.document];
    const auto& t1 = d1.tiers[p.first.tier];
    const auto& t2 = d2.tiers[p.second.tier];
    out.push_back({p.group, d1.file + ":" + t1.id, d2.file + ":" + t2.id, tier_intervals(t1), tier_intervals(t2)});
  }
  return out;
}

}  // namespace rapport::intervals
