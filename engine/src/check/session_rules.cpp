// SPDX-License-Identifier: MIT
// The coding rules on one coded session (one coder's tiers of one file), issue 4 §4.
#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

#include "check/code_match.hpp"
#include "check/document_lookup.hpp"
#include "rapport/check/check.hpp"
#include "rapport/check/coded_session.hpp"

namespace rapport::check {
namespace {

using codebook::TierContent;
using eaf::Annotation;
using eaf::Millis;
using eaf::Tier;

std::string ms_text(Millis ms) { return std::to_string(ms) + " ms"; }

std::string join(const std::vector<std::string_view>& items, std::string_view sep) {
  std::string out;
  for (auto item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

/// A marker or strategy annotation with the family it was coded as.
struct Event {
  const Tier* tier;
  const Annotation* ann;
  const codebook::Family* family;
};

struct SegmentSlot {
  const Annotation* ann;
  /// Ratings found for this segment, per scale id.
  std::map<std::string, std::vector<const Annotation*>, std::less<>> ratings;
};

class SessionRules {
 public:
  SessionRules(const eaf::Document& doc, const CodedSession& session, const codebook::Codebook& cb,
               std::vector<Diagnostic>& out)
      : m_doc(doc), m_session(session), m_cb(cb), m_out(out) {}

  void run() {
    check_coder();
    check_required_tiers();
    find_session_end();
    for (const auto& bound : m_session.tiers) check_tier_generic(bound);
    for (const auto& bound : m_session.tiers) {
      switch (bound.rule->content) {
        case TierContent::codes: collect_codes(bound); break;
        case TierContent::segments: check_segments(bound); break;
        case TierContent::session_ratings: check_session_ratings(bound); break;
        default: break;
      }
    }
    for (const auto& bound : m_session.tiers)
      if (bound.rule->content == TierContent::segment_rating) check_rating_tier(bound);
    check_segment_ratings();
    check_episodes();
  }

 private:
  // ---- diagnostics -------------------------------------------------------------------------

  Diagnostic base(std::string_view rule) const {
    Diagnostic d;
    const RuleInfo* info = find_rule(rule);
    d.severity = info ? info->severity : Severity::error;
    d.rule = std::string(rule);
    d.file = m_doc.file;
    return d;
  }

  void at_annotation(std::string_view rule, const Tier& tier, const Annotation& ann, std::string message,
                     std::optional<std::string> suggestion = std::nullopt) {
    Diagnostic d = base(rule);
    d.line = ann.pos.line;
    d.column = ann.pos.column;
    d.tier = tier.id;
    if (ann.time_resolved) {
      d.start_ms = ann.start_ms;
      d.end_ms = ann.end_ms;
    }
    d.message = std::move(message);
    d.suggestion = std::move(suggestion);
    m_out.push_back(std::move(d));
  }

  void at_tier(std::string_view rule, const Tier& tier, std::string message) {
    Diagnostic d = base(rule);
    d.line = tier.pos.line;
    d.column = tier.pos.column;
    d.tier = tier.id;
    d.message = std::move(message);
    m_out.push_back(std::move(d));
  }

  void at_file(std::string_view rule, std::string message, std::optional<std::string> suggestion = std::nullopt) {
    Diagnostic d = base(rule);
    d.message = std::move(message);
    d.suggestion = std::move(suggestion);
    m_out.push_back(std::move(d));
  }

  std::string coder_phrase() const {
    return m_session.coder.empty() ? std::string("the unidentified coder") : "coder '" + m_session.coder + "'";
  }

  // ---- coder and tiers ---------------------------------------------------------------------

  void check_coder() {
    if (!m_session.coder.empty()) return;
    const Tier* first = nullptr;
    for (const auto& bound : m_session.tiers)
      if (bound.rule->per_coder) {
        first = bound.tier;
        break;
      }
    if (first)
      at_tier("coder-unidentified", *first,
              "no coder found for this file's coded tiers: no ANNOTATOR attribute, no coder affix in the tier names "
              "(3RS_W@coderA, coderA-3RS_W) and no coder in the file name (SESSION_coder.eaf)");
  }

  void check_required_tiers() {
    std::vector<std::string_view> missing;
    for (const auto& rule : m_cb.tiers) {
      if (!rule.required) continue;
      const bool present = std::any_of(m_session.tiers.begin(), m_session.tiers.end(),
                                       [&](const BoundTier& b) { return b.rule == &rule; });
      if (!present) missing.push_back(rule.name);
    }
    // One diagnostic per missing tier keeps each one actionable (and countable in JSON).
    for (auto name : missing) {
      std::string expected(name);
      if (!m_session.coder.empty()) expected += " (or " + std::string(name) + "@" + m_session.coder + ")";
      Diagnostic d = base("tier-missing");
      d.tier = std::string(name);
      d.message = "the codebook requires a tier " + expected + " for " + coder_phrase() + "; none was found";
      m_out.push_back(std::move(d));
    }
    // Rating tiers must hang under the same coder's segment tier.
    const BoundTier* segments = m_session.find(TierContent::segments);
    for (const auto& bound : m_session.tiers) {
      const auto& rule = *bound.rule;
      if (rule.parent && segments && m_cb.find_tier_rule(*rule.parent) == segments->rule) {
        if (!bound.tier->parent || *bound.tier->parent != segments->tier->id)
          at_tier("tier-wrong-parent", *bound.tier,
                  "tier '" + bound.tier->id + "' should be a child of '" + segments->tier->id + "' (it has " +
                      (bound.tier->parent ? "parent '" + *bound.tier->parent + "'" : std::string("no parent")) + ")");
      }
      if (rule.stereotype != "None" || rule.content == TierContent::segments || rule.content == TierContent::codes) {
        const std::string_view actual = eaf::to_string(stereotype_of(m_doc, *bound.tier));
        const std::string_view expected = rule.stereotype == "None" ? std::string_view{} : rule.stereotype;
        if (actual != expected)
          at_tier("tier-wrong-type", *bound.tier,
                  "tier '" + bound.tier->id + "' has stereotype " +
                      (actual.empty() ? std::string("none (top level)") : std::string(actual)) +
                      "; the layout expects " +
                      (expected.empty() ? std::string("none (top level)") : std::string(expected)));
      }
    }
  }

  /// The session (media) end: the SESSION annotation's end, else the last segment's end. EAF
  /// does not store the media duration, so this is the best measure of "the media end".
  void find_session_end() {
    if (const BoundTier* s = m_session.find(TierContent::session_ratings))
      for (const auto& ann : s->tier->annotations)
        if (ann.time_resolved) m_session_end = std::max(m_session_end.value_or(0), ann.end_ms);
    if (m_session_end) return;
    if (const BoundTier* seg = m_session.find(TierContent::segments))
      for (const auto& ann : seg->tier->annotations)
        if (ann.time_resolved) m_session_end = std::max(m_session_end.value_or(0), ann.end_ms);
  }

  // ---- every tier --------------------------------------------------------------------------

  void check_tier_generic(const BoundTier& bound) {
    const Tier& tier = *bound.tier;
    const TierContent content = bound.rule->content;
    const eaf::ControlledVocabulary* cv = cv_for_tier(m_doc, tier);
    const bool top_level = stereotype_of(m_doc, tier) == eaf::Stereotype::none && !tier.parent;
    Millis max_end = 0;
    const Annotation* max_end_ann = nullptr;
    for (const auto& ann : tier.annotations) {
      if (ann.time_resolved) {
        if (ann.kind == eaf::AnnotationKind::alignable && ann.end_ms <= ann.start_ms)
          at_annotation("annotation-zero-length", tier, ann,
                        "the annotation '" + ann.value + "' has " +
                            (ann.end_ms == ann.start_ms ? "zero length" : "negative length") + " (" +
                            ms_text(ann.start_ms) + " to " + ms_text(ann.end_ms) + ")");
        if (m_session_end && ann.end_ms > *m_session_end && content != TierContent::session_ratings)
          at_annotation("annotation-past-media-end", tier, ann,
                        "the annotation ends at " + ms_text(ann.end_ms) + ", after the session end at " +
                            ms_text(*m_session_end));
        // Overlap within a top-level tier (segments have their own tiling rule).
        if (top_level && content != TierContent::segments && content != TierContent::transcript) {
          if (max_end_ann && ann.start_ms < max_end)
            at_annotation("annotation-overlap", tier, ann,
                          "the annotation '" + ann.value + "' overlaps '" + max_end_ann->value + "' (" +
                              ms_text(max_end_ann->start_ms) + " to " + ms_text(max_end_ann->end_ms) +
                              ") on this tier");
          if (!max_end_ann || ann.end_ms > max_end) {
            max_end = ann.end_ms;
            max_end_ann = &ann;
          }
        }
      }
      if (cv && ann.cve_ref) check_cve_ref(tier, *cv, ann);
    }
  }

  void check_cve_ref(const Tier& tier, const eaf::ControlledVocabulary& cv, const Annotation& ann) {
    const eaf::CvEntry* entry = nullptr;
    for (const auto& e : cv.entries)
      if (e.id == *ann.cve_ref) entry = &e;
    if (!entry) return;  // a dangling CVE_REF is the EAF reader's diagnostic
    std::vector<std::string_view> values;
    for (const auto& v : entry->values) {
      if (v.value == ann.value) return;
      values.push_back(v.value);
    }
    at_annotation("cve-ref-mismatch", tier, ann,
                  "the value is '" + ann.value + "' but its CVE_REF '" + *ann.cve_ref + "' is the entry '" +
                      join(values, "' / '") + "' of CV '" + cv.id + "'",
                  values.empty() ? std::nullopt
                                 : std::optional<std::string>("set the value to '" + std::string(values.front()) +
                                                              "' or fix the CVE_REF"));
  }

  // ---- codes -------------------------------------------------------------------------------

  void collect_codes(const BoundTier& bound) {
    const Tier& tier = *bound.tier;
    const codebook::Family* family = bound.rule->family ? m_cb.find_family(*bound.rule->family) : nullptr;
    if (!family) return;
    std::vector<std::string_view> own;
    for (const auto& id : family->codes) own.emplace_back(id);
    for (const auto& ann : tier.annotations) {
      const codebook::Code* code = m_cb.find_code(ann.value);
      if (code && code->family == family->id) {
        if (code->evidence == codebook::Evidence::unverified)
          at_annotation("code-unverified", tier, ann,
                        "'" + ann.value + "' is in codebook '" + m_cb.id +
                            "' but is not verified against the instrument's manual; check it before relying on it");
        if (ann.time_resolved) {
          Event e{&tier, &ann, family};
          (family->kind == codebook::FamilyKind::resolution_strategy ? m_strategies : m_markers).push_back(e);
        }
        continue;
      }
      // A value that is not a code of this family is still an annotation on this family's tier:
      // it counts as one for the consistency rules, so a single typo gives a single diagnostic.
      if (ann.time_resolved) {
        Event e{&tier, &ann, family};
        (family->kind == codebook::FamilyKind::resolution_strategy ? m_strategies : m_markers).push_back(e);
      }
      if (code) {
        const codebook::Family* other = m_cb.find_family(code->family);
        at_annotation(
            "code-wrong-family", tier, ann,
            "'" + ann.value + "' is a " + std::string(other ? codebook::pick(other->labels, "en") : code->family) +
                " code, but tier '" + tier.id + "' carries " + std::string(codebook::pick(family->labels, "en")),
            "move it to the " + std::string(code->family) + " tier");
        continue;
      }
      auto suggestion = did_you_mean(ann.value, own);
      at_annotation("code-unknown", tier, ann,
                    (ann.value.empty() ? std::string("an empty value") : "'" + ann.value + "'") + " is not a code of " +
                        std::string(codebook::pick(family->labels, "en")) + " (" + join(own, ", ") + ")",
                    suggestion ? std::optional<std::string>("did you mean '" + *suggestion + "'?") : std::nullopt);
    }
  }

  // ---- segments ----------------------------------------------------------------------------

  void check_segments(const BoundTier& bound) {
    const Tier& tier = *bound.tier;
    m_segment_tier = &tier;
    const auto length = m_cb.segmentation.length_ms;
    std::vector<const Annotation*> segs;
    for (const auto& ann : tier.annotations)
      if (ann.time_resolved) segs.push_back(&ann);
    // Annotations are sorted by (start, end) by the reader.
    Millis covered_to = 0;
    for (std::size_t i = 0; i < segs.size(); ++i) {
      const Annotation& a = *segs[i];
      const bool last = i + 1 == segs.size();
      if (a.start_ms > covered_to)
        at_annotation("segment-gap", tier, a,
                      "segments leave " + ms_text(covered_to) + " to " + ms_text(a.start_ms) + " uncovered");
      else if (a.start_ms < covered_to)
        at_annotation("segment-overlap", tier, a,
                      "segment '" + a.value + "' starts at " + ms_text(a.start_ms) +
                          ", before the previous segment ends at " + ms_text(covered_to));
      const Millis len = a.end_ms - a.start_ms;
      if (length > 0 && len > 0) {
        const bool ok =
            last ? (len <= length && (m_cb.segmentation.last_may_be_shorter || len == length)) : len == length;
        if (!ok)
          at_annotation("segment-length", tier, a,
                        "segment '" + a.value + "' lasts " + ms_text(len) + "; segments last " + ms_text(length) +
                            (m_cb.segmentation.last_may_be_shorter ? " (the last may be shorter)" : ""));
      }
      const std::string expected = std::to_string(i + 1);
      if (a.value != expected)
        at_annotation("segment-number", tier, a, "segment " + expected + " is labelled '" + a.value + "'",
                      "label it '" + expected + "'");
      covered_to = std::max(covered_to, a.end_ms);
      m_segments.push_back(SegmentSlot{&a, {}});
    }
    if (m_session_end && covered_to < *m_session_end && !segs.empty())
      at_annotation("segment-gap", tier, *segs.back(),
                    "segments stop at " + ms_text(covered_to) + " but the session runs to " + ms_text(*m_session_end));
    if (length == 0 && segs.size() > 1)
      at_annotation("segment-length", tier, *segs[1], "the codebook codes the whole session as one segment");
    for (std::size_t i = 0; i < m_segments.size(); ++i) m_segment_by_id.emplace(m_segments[i].ann->id, i);
  }

  /// The segment an annotation belongs to: its parent annotation, else the segment containing its start.
  std::optional<std::size_t> segment_of(const Annotation& ann) const {
    if (ann.ref) {
      auto it = m_segment_by_id.find(*ann.ref);
      if (it != m_segment_by_id.end()) return it->second;
    }
    return segment_at(ann.start_ms);
  }

  std::optional<std::size_t> segment_at(Millis t) const {
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), t,
                               [](Millis v, const SegmentSlot& s) { return v < s.ann->start_ms; });
    if (it == m_segments.begin()) return std::nullopt;
    --it;
    if (t >= it->ann->end_ms && !(t == it->ann->end_ms && it + 1 == m_segments.end())) return std::nullopt;
    return static_cast<std::size_t>(it - m_segments.begin());
  }

  void check_rating_tier(const BoundTier& bound) {
    const Tier& tier = *bound.tier;
    const codebook::Scale* scale = bound.rule->scale ? m_cb.find_scale(*bound.rule->scale) : nullptr;
    if (!scale) return;
    m_rating_tiers[scale->id] = &tier;
    for (const auto& ann : tier.annotations) {
      check_rating_value(tier, ann, *scale, ann.value);
      if (auto seg = segment_of(ann)) m_segments[*seg].ratings[scale->id].push_back(&ann);
    }
  }

  /// Parses a rating; reports rating-out-of-scale and returns nullopt for N/A or bad values.
  std::optional<int> check_rating_value(const Tier& tier, const Annotation& ann, const codebook::Scale& scale,
                                        std::string_view text) {
    if (scale.na_allowed && text == scale.na_value) return std::nullopt;
    int v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc{} && ptr == text.data() + text.size() && v >= scale.min && v <= scale.max) return v;
    std::optional<std::string> suggestion;
    const std::string trimmed = trim(text);
    if (scale.na_allowed && fold_for_match(text) == fold_for_match(scale.na_value) && text != scale.na_value)
      suggestion = "write '" + scale.na_value + "'";
    else if (trimmed != text && !trimmed.empty())
      suggestion = "write '" + trimmed + "' without spaces";
    std::string range = std::to_string(scale.min) + "-" + std::to_string(scale.max);
    at_annotation("rating-out-of-scale", tier, ann,
                  "'" + std::string(text) + "' is not a point of scale " + scale.id + " (" + range +
                      (scale.na_allowed ? " or " + scale.na_value : std::string(", N/A not allowed")) + ")",
                  std::move(suggestion));
    return std::nullopt;
  }

  void check_segment_ratings() {
    if (!m_segment_tier) return;
    for (const auto& required : m_cb.segmentation.ratings) {
      const auto tier_it = m_rating_tiers.find(required.scale);
      if (tier_it == m_rating_tiers.end()) continue;  // the missing tier is one tier-missing, not one per segment
      const Tier& rating_tier = *tier_it->second;
      for (const auto& seg : m_segments) {
        auto it = seg.ratings.find(required.scale);
        const std::size_t n = it == seg.ratings.end() ? 0 : it->second.size();
        if (n == 0 && required.required) {
          Diagnostic d = base("segment-rating-missing");
          d.line = seg.ann->pos.line;
          d.column = seg.ann->pos.column;
          d.tier = rating_tier.id;
          d.start_ms = seg.ann->start_ms;
          d.end_ms = seg.ann->end_ms;
          d.message =
              "segment '" + seg.ann->value + "' has no " + required.scale + " rating on tier '" + rating_tier.id + "'";
          m_out.push_back(std::move(d));
        } else if (n > 1) {
          at_annotation(
              "segment-rating-duplicate", rating_tier, *it->second[1],
              "segment '" + seg.ann->value + "' has " + std::to_string(n) + " " + required.scale + " ratings");
        }
      }
    }
    // Significance and markers agree (3rs.md §5.4 validation_rules: warnings, not errors).
    for (const auto& scale : m_cb.scales) {
      if (scale.level != codebook::RatingLevel::segment) continue;
      if (scale.rupture_type != codebook::RuptureType::withdrawal &&
          scale.rupture_type != codebook::RuptureType::confrontation)
        continue;
      const auto tier_it = m_rating_tiers.find(scale.id);
      if (tier_it == m_rating_tiers.end()) continue;
      for (const auto& seg : m_segments) {
        auto it = seg.ratings.find(scale.id);
        if (it == seg.ratings.end() || it->second.size() != 1) continue;
        const Annotation& rating = *it->second.front();
        int v = 0;
        auto [ptr, ec] = std::from_chars(rating.value.data(), rating.value.data() + rating.value.size(), v);
        if (ec != std::errc{} || ptr != rating.value.data() + rating.value.size()) continue;
        const Event* marker = first_marker_in(*seg.ann, scale.rupture_type);
        const std::string type(codebook::to_string(scale.rupture_type));
        if (v > scale.min && !marker)
          at_annotation("significance-without-marker", *tier_it->second, rating,
                        scale.id + " is " + rating.value + " in segment '" + seg.ann->value + "' but no " + type +
                            " marker is coded in it");
        else if (v == scale.min && marker)
          at_annotation("marker-without-significance", *tier_it->second, rating,
                        scale.id + " is " + rating.value + " in segment '" + seg.ann->value + "' but the " + type +
                            " marker '" + marker->ann->value + "' at " + ms_text(marker->ann->start_ms) +
                            " is coded in it");
      }
    }
  }

  const Event* first_marker_in(const Annotation& seg, codebook::RuptureType type) const {
    for (const auto& m : m_markers)
      if (m.family->rupture_type == type && m.ann->start_ms < seg.end_ms && m.ann->end_ms > seg.start_ms) return &m;
    return nullptr;
  }

  // ---- session ratings ---------------------------------------------------------------------

  void check_session_ratings(const BoundTier& bound) {
    const Tier& tier = *bound.tier;
    if (tier.annotations.empty()) {
      std::vector<std::string_view> required;
      for (const auto& r : m_cb.session_ratings)
        if (r.required) required.push_back(r.scale);
      if (!required.empty())
        at_tier("session-rating-missing", tier,
                "tier '" + tier.id + "' has no annotation; it needs one spanning the session with " +
                    join(required, "=N;") + "=N");
      return;
    }
    const Annotation& ann = tier.annotations.front();
    for (std::size_t i = 1; i < tier.annotations.size(); ++i)
      at_annotation("session-rating-duplicate", tier, tier.annotations[i],
                    "tier '" + tier.id + "' has more than one annotation; only the first is read");
    std::vector<std::string_view> known;
    for (const auto& s : m_cb.scales)
      if (s.level == codebook::RatingLevel::session) known.push_back(s.id);
    std::map<std::string, std::string, std::less<>> seen;
    for (const auto& [key, value] : split_session_value(ann.value)) {
      if (key.empty()) {
        at_annotation("session-rating-malformed", tier, ann,
                      "'" + value + "' is not SCALE=VALUE (expected e.g. " +
                          (known.empty() ? std::string("SCALE") : std::string(known.front())) + "=3)");
        continue;
      }
      const codebook::Scale* scale = m_cb.find_scale(key);
      if (!scale || scale->level != codebook::RatingLevel::session) {
        auto s = did_you_mean(key, known);
        at_annotation("session-rating-unknown", tier, ann,
                      "'" + key + "' is not a session rating of the codebook (" + join(known, ", ") + ")",
                      s ? std::optional<std::string>("did you mean '" + *s + "'?") : std::nullopt);
        continue;
      }
      if (!seen.emplace(key, value).second) {
        at_annotation("session-rating-duplicate", tier, ann, "'" + key + "' is given twice");
        continue;
      }
      check_rating_value(tier, ann, *scale, value);
    }
    for (const auto& r : m_cb.session_ratings)
      if (r.required && !seen.count(r.scale))
        at_annotation("session-rating-missing", tier, ann, "the session rating " + r.scale + " is missing",
                      "add '" + r.scale + "=N' to the value");
  }

  static std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
      s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
      s.remove_suffix(1);
    return std::string(s);
  }

  // ---- episodes, strategies and stages -----------------------------------------------------

  /// Episodes as 3rs.md §1.9 defines them: opened by a marker, absorbing markers, strategies and
  /// stages that start within gap_max of the episode's current end.
  void check_episodes() {
    struct Item {
      const Tier* tier;
      const Annotation* ann;
      enum Kind { marker, strategy, stage } kind;
    };
    std::vector<Item> items;
    for (const auto& e : m_markers) items.push_back({e.tier, e.ann, Item::marker});
    for (const auto& e : m_strategies) items.push_back({e.tier, e.ann, Item::strategy});
    std::vector<std::string> stage_ids;
    const codebook::TierRule* stage_rule = nullptr;
    for (const auto& bound : m_session.tiers) {
      if (bound.rule->content != TierContent::stages) continue;
      stage_rule = bound.rule;
      stage_ids = m_cb.stage_ids(bound.rule->stage_models);
      std::vector<std::string_view> ids(stage_ids.begin(), stage_ids.end());
      for (const auto& ann : bound.tier->annotations) {
        if (std::find(stage_ids.begin(), stage_ids.end(), ann.value) == stage_ids.end()) {
          auto s = did_you_mean(ann.value, ids);
          at_annotation("stage-unknown", *bound.tier, ann,
                        "'" + ann.value + "' is not a stage of " + join_models(bound.rule->stage_models) + " (" +
                            join(ids, ", ") + ")",
                        s ? std::optional<std::string>("did you mean '" + *s + "'?") : std::nullopt);
          continue;
        }
        if (ann.time_resolved) items.push_back({bound.tier, &ann, Item::stage});
      }
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.ann->start_ms < b.ann->start_ms || (a.ann->start_ms == b.ann->start_ms && a.kind < b.kind);
    });
    const Millis gap = m_cb.episodes.gap_max_ms;
    bool open = false;
    Millis episode_end = 0;
    for (const auto& item : items) {
      if (open && item.ann->start_ms <= episode_end + gap) {
        episode_end = std::max(episode_end, item.ann->end_ms);
      } else if (item.kind == Item::marker) {
        open = true;
        episode_end = item.ann->end_ms;
      } else {
        open = false;
        if (item.kind == Item::strategy) {
          if (!marker_before_in_segment(*item.ann))
            at_annotation("strategy-without-marker", *item.tier, *item.ann,
                          "the strategy '" + item.ann->value +
                              "' has no rupture marker before it in its segment or in the preceding " + ms_text(gap));
        } else {
          at_annotation("stage-outside-rupture", *item.tier, *item.ann,
                        "the stage '" + item.ann->value + "' lies outside any rupture episode (no marker in the " +
                            ms_text(gap) + " before it)");
        }
      }
      if (item.kind == Item::stage && stage_rule && is_marker_stage(*stage_rule, item.ann->value) &&
          !overlaps_marker(*item.ann))
        at_annotation("stage-marker-mismatch", *item.tier, *item.ann,
                      "the rupture-marker stage '" + item.ann->value + "' coincides with no W or C annotation");
    }
  }

  std::string join_models(const std::vector<std::string>& models) const {
    std::vector<std::string_view> v(models.begin(), models.end());
    return join(v, ", ");
  }

  bool is_marker_stage(const codebook::TierRule& rule, std::string_view id) const {
    for (const auto& model_id : rule.stage_models)
      if (const auto* model = m_cb.find_stage_model(model_id))
        for (const auto& stage : model->stages)
          if (stage.id == id && stage.marker) return true;
    return false;
  }

  bool overlaps_marker(const Annotation& ann) const {
    return std::any_of(m_markers.begin(), m_markers.end(),
                       [&](const Event& m) { return m.ann->start_ms <= ann.end_ms && m.ann->end_ms >= ann.start_ms; });
  }

  bool marker_before_in_segment(const Annotation& ann) const {
    auto seg = segment_at(ann.start_ms);
    if (!seg) return false;
    const Annotation& s = *m_segments[*seg].ann;
    return std::any_of(m_markers.begin(), m_markers.end(),
                       [&](const Event& m) { return m.ann->start_ms <= ann.start_ms && m.ann->end_ms > s.start_ms; });
  }

  const eaf::Document& m_doc;
  const CodedSession& m_session;
  const codebook::Codebook& m_cb;
  std::vector<Diagnostic>& m_out;
  std::optional<Millis> m_session_end;
  std::vector<Event> m_markers;
  std::vector<Event> m_strategies;
  const Tier* m_segment_tier = nullptr;
  std::vector<SegmentSlot> m_segments;
  std::unordered_map<std::string, std::size_t> m_segment_by_id;
  std::map<std::string, const Tier*, std::less<>> m_rating_tiers;
};

}  // namespace

void check_session(const eaf::Document& document, const CodedSession& session, const codebook::Codebook& codebook,
                   std::vector<Diagnostic>& out) {
  SessionRules(document, session, codebook, out).run();
}

}  // namespace rapport::check
