// SPDX-License-Identifier: MIT
#include "rapport/check/coded_session.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace rapport::check {
namespace {

using codebook::TierContent;

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::optional<Rating> parse_rating(std::string_view text, const codebook::Scale& scale) {
  if (scale.na_allowed && text == scale.na_value) return Rating{std::nullopt, true};
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || v < scale.min || v > scale.max) return std::nullopt;
  return Rating{v, false};
}

SourceLocation where(const eaf::Tier& tier, const eaf::Annotation& ann) {
  return {tier.id, ann.pos.line, ann.pos.column};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> split_session_value(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!value.empty()) {
    const std::size_t semi = value.find(';');
    const std::string part = trim(value.substr(0, semi));
    value = semi == std::string_view::npos ? std::string_view{} : value.substr(semi + 1);
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos) {
      out.emplace_back(std::string(), part);
    } else {
      out.emplace_back(trim(std::string_view(part).substr(0, eq)), trim(std::string_view(part).substr(eq + 1)));
    }
  }
  return out;
}

CodedSessionData extract(const CodedSession& session, const codebook::Codebook& cb) {
  CodedSessionData out;
  out.file = session.file;
  out.session = session.session;
  out.coder = session.coder;
  std::unordered_map<std::string, std::size_t> segment_by_id;

  if (const BoundTier* seg = session.find(TierContent::segments)) {
    for (const auto& ann : seg->tier->annotations) {
      if (!ann.time_resolved) continue;
      segment_by_id.emplace(ann.id, out.segments.size());
      out.segments.push_back({ann.value, ann.start_ms, ann.end_ms, {}, where(*seg->tier, ann)});
    }
  }
  for (const auto& bound : session.tiers) {
    const auto& rule = *bound.rule;
    const eaf::Tier& tier = *bound.tier;
    switch (rule.content) {
      case TierContent::codes: {
        if (!rule.family) break;
        for (const auto& ann : tier.annotations) {
          if (!ann.time_resolved) continue;
          const codebook::Code* code = cb.find_code(ann.value);
          out.events.push_back({ann.value, *rule.family, code && code->family == *rule.family, ann.start_ms, ann.end_ms,
                                where(tier, ann)});
        }
        break;
      }
      case TierContent::segment_rating: {
        const codebook::Scale* scale = rule.scale ? cb.find_scale(*rule.scale) : nullptr;
        if (!scale) break;
        for (const auto& ann : tier.annotations) {
          std::optional<std::size_t> index;
          if (ann.ref) {
            if (auto it = segment_by_id.find(*ann.ref); it != segment_by_id.end()) index = it->second;
          } else {
            for (std::size_t i = 0; i < out.segments.size() && !index; ++i)
              if (out.segments[i].start_ms <= ann.start_ms && ann.start_ms < out.segments[i].end_ms) index = i;
          }
          if (!index) continue;
          if (auto rating = parse_rating(ann.value, *scale)) out.segments[*index].ratings.emplace(scale->id, *rating);
        }
        break;
      }
      case TierContent::session_ratings: {
        if (tier.annotations.empty()) break;
        for (const auto& [key, value] : split_session_value(tier.annotations.front().value)) {
          const codebook::Scale* scale = cb.find_scale(key);
          if (!scale || scale->level != codebook::RatingLevel::session) continue;
          if (auto rating = parse_rating(value, *scale)) out.session_ratings.emplace(key, *rating);
        }
        break;
      }
      case TierContent::stages:
        for (const auto& ann : tier.annotations)
          if (ann.time_resolved) out.stages.push_back({ann.value, ann.start_ms, ann.end_ms, where(tier, ann)});
        break;
      default: break;
    }
  }
  auto by_start = [](const auto& a, const auto& b) {
    return a.start_ms < b.start_ms || (a.start_ms == b.start_ms && a.end_ms < b.end_ms);
  };
  std::stable_sort(out.events.begin(), out.events.end(), by_start);
  std::stable_sort(out.stages.begin(), out.stages.end(), by_start);
  return out;
}

}  // namespace rapport::check
