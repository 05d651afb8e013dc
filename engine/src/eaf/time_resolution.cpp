// SPDX-License-Identifier: MIT
// Annotation times exactly as ELAN shows them (elan.md §1.4–1.5), resolved once at read time.
//
// * An unaligned TIME_SLOT (no TIME_VALUE) gets ELAN's proposed time: follow the chain of
//   annotations on the same tier from the slot back to the nearest aligned slot B and forward to
//   the nearest aligned slot E. With k unaligned slots between them, the i-th (1-based) gets
//   B + i·((E−B)/(k+1)) in integer (Java long) division, so rounding errors accumulate as in
//   ELAN. A chain end that is itself unaligned takes its time from the parent tier, recursively.
// * A REF_ANNOTATION on a Symbolic_Association tier has its parent's interval.
// * On a Symbolic_Subdivision tier the n children of one parent, in PREVIOUS_ANNOTATION order,
//   share the parent's duration d: per = d/n in double arithmetic, child k gets
//   [b + (long)(k·per), b + (long)((k+1)·per)) — ELAN's SymbolicSubdivision.
#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "eaf/parsed_document.hpp"

namespace rapport::eaf::detail {
namespace {

struct Resolved {
  Millis ms = 0;
  bool ok = false;
  bool interpolated = false;
};

class TimeResolver {
 public:
  explicit TimeResolver(ParsedDocument& parsed) : m_parsed(parsed), m_doc(parsed.doc) {
    m_parent.resize(m_doc.tiers.size(), -1);
    for (std::size_t t = 0; t < m_doc.tiers.size(); ++t) {
      if (!m_doc.tiers[t].parent) continue;
      for (std::size_t p = 0; p < m_doc.tiers.size(); ++p) {
        if (m_doc.tiers[p].id == *m_doc.tiers[t].parent) {
          m_parent[t] = static_cast<std::int64_t>(p);
          break;
        }
      }
    }
    m_chain_maps.resize(m_doc.tiers.size());
    m_siblings.resize(m_doc.tiers.size());
    // Asked once per REF_ANNOTATION: a lookup of the tier's type by name each time showed up
    // in the profile of files with many reference annotations.
    m_stereotype.reserve(m_doc.tiers.size());
    for (const Tier& tier : m_doc.tiers) m_stereotype.push_back(m_doc.stereotype_of(tier));
  }

  void resolve_alignable() {
    for (std::uint32_t t = 0; t < m_doc.tiers.size(); ++t) {
      Tier& tier = m_doc.tiers[t];
      for (std::uint32_t a = 0; a < tier.annotations.size(); ++a) {
        Annotation& ann = tier.annotations[a];
        if (ann.kind != AnnotationKind::alignable) continue;
        const SlotLinks links = m_parsed.slot_links[t][a];
        const Resolved b = slot_time(t, links.begin, 0);
        const Resolved e = slot_time(t, links.end, 0);
        ann.start_ms = b.ms;
        ann.end_ms = e.ms;
        ann.interpolated = b.interpolated || e.interpolated;
        ann.time_resolved = b.ok && e.ok;
        if (!ann.time_resolved && links.begin != no_slot && links.end != no_slot) {
          Diagnostic d = make_diagnostic(m_doc, Severity::error, "eaf-unresolvable-time", ann.pos,
                                         "annotation '" + ann.id +
                                             "' has an unaligned time slot whose time cannot be derived from its "
                                             "tier or any parent tier");
          d.tier = tier.id;
          m_doc.diagnostics.push_back(std::move(d));
        }
      }
    }
  }

  void resolve_references() {
    m_state.assign(m_doc.tiers.size(), {});
    for (std::uint32_t t = 0; t < m_doc.tiers.size(); ++t) m_state[t].assign(m_doc.tiers[t].annotations.size(), 0);
    for (std::uint32_t t = 0; t < m_doc.tiers.size(); ++t) {
      for (std::uint32_t a = 0; a < m_doc.tiers[t].annotations.size(); ++a) {
        if (m_doc.tiers[t].annotations[a].kind == AnnotationKind::reference) resolve_reference({t, a});
      }
    }
  }

 private:
  /// begin slot → annotation and end slot → annotation on one tier, built when first needed.
  struct ChainMaps {
    bool built = false;
    std::unordered_map<std::uint32_t, std::uint32_t> by_begin, by_end;
  };

  ChainMaps& chain_maps(std::uint32_t t) {
    ChainMaps& m = m_chain_maps[t];
    if (!m.built) {
      m.built = true;
      const auto& links = m_parsed.slot_links[t];
      for (std::uint32_t a = 0; a < links.size(); ++a) {
        if (m_doc.tiers[t].annotations[a].kind != AnnotationKind::alignable) continue;
        m.by_begin.emplace(links[a].begin, a);
        m.by_end.emplace(links[a].end, a);
      }
    }
    return m;
  }

  /// The reference annotations of one tier grouped by ANNOTATION_REF, in document order, built
  /// when first needed. Finding the children of a parent used to scan the whole tier for each
  /// parent: quadratic on a Symbolic_Subdivision tier, and half the reading time of a real
  /// interlinear file (FRelan__kpv_izva20140404IgusevJA.eaf: 223 M instructions of 436 M).
  struct Siblings {
    static constexpr std::uint32_t none = UINT32_MAX;
    bool built = false;
    /// parent id → its first and (while building) last child
    std::unordered_map<std::string_view, std::pair<std::uint32_t, std::uint32_t>> ends;
    std::vector<std::uint32_t> next;  ///< child → next sibling, or none
  };

  Siblings& siblings(std::uint32_t t) {
    Siblings& s = m_siblings[t];
    if (!s.built) {
      s.built = true;
      const Tier& tier = m_doc.tiers[t];
      s.next.assign(tier.annotations.size(), Siblings::none);
      for (std::uint32_t a = 0; a < tier.annotations.size(); ++a) {
        const Annotation& c = tier.annotations[a];
        if (c.kind != AnnotationKind::reference || !c.ref) continue;
        const auto [it, inserted] = s.ends.try_emplace(c.ref->view(), a, a);
        if (!inserted) {
          s.next[it->second.second] = a;
          it->second.second = a;
        }
      }
    }
    return s;
  }

  Resolved slot_time(std::uint32_t t, std::uint32_t slot, std::size_t depth) {
    if (slot == no_slot || slot >= m_doc.time_slots.size()) return {};
    if (const auto& v = m_doc.time_slots[slot].value) return {*v, true, false};
    if (depth > m_doc.tiers.size()) return {};  // a PARENT_REF cycle; reported elsewhere
    const std::uint64_t key = (static_cast<std::uint64_t>(t) << 32) | slot;
    if (const auto it = m_memo.find(key); it != m_memo.end()) return it->second;
    Resolved r = interpolate(t, slot, depth);
    r.interpolated = true;
    m_memo.emplace(key, r);
    return r;
  }

  Resolved parent_time(std::uint32_t t, std::uint32_t slot, std::size_t depth) {
    const std::int64_t p = m_parent[t];
    if (p < 0) return {};
    return slot_time(static_cast<std::uint32_t>(p), slot, depth + 1);
  }

  Resolved interpolate(std::uint32_t t, std::uint32_t slot, std::size_t depth) {
    ChainMaps& maps = chain_maps(t);
    const auto& links = m_parsed.slot_links[t];
    const std::size_t limit = links.size() + 1;  // a chain cannot be longer than the tier

    // Backward to the anchor B, counting the unaligned slots strictly between B and `slot`.
    std::int64_t before = 0;
    Resolved begin;
    std::uint32_t cur = slot;
    for (std::size_t step = 0;; ++step) {
      const auto it = maps.by_end.find(cur);
      if (it == maps.by_end.end() || step > limit) {
        if (cur == slot) return parent_time(t, slot, depth);
        begin = parent_time(t, cur, depth);
        --before;  // `cur` is the anchor itself, not a slot between
        break;
      }
      const std::uint32_t prev = links[it->second].begin;
      if (prev == no_slot) return {};
      if (const auto& v = m_doc.time_slots[prev].value) {
        begin = {*v, true, false};
        break;
      }
      ++before;
      cur = prev;
    }
    // Forward to the anchor E.
    std::int64_t after = 0;
    Resolved end;
    cur = slot;
    for (std::size_t step = 0;; ++step) {
      const auto it = maps.by_begin.find(cur);
      if (it == maps.by_begin.end() || step > limit) {
        if (cur == slot) return parent_time(t, slot, depth);
        end = parent_time(t, cur, depth);
        --after;
        break;
      }
      const std::uint32_t next = links[it->second].end;
      if (next == no_slot) return {};
      if (const auto& v = m_doc.time_slots[next].value) {
        end = {*v, true, false};
        break;
      }
      ++after;
      cur = next;
    }
    if (!begin.ok || !end.ok) return {};
    const std::int64_t unaligned = before + after + 1;  // k
    const std::int64_t index = before + 1;              // i
    const Millis step = (end.ms - begin.ms) / (unaligned + 1);
    return {begin.ms + index * step, true, true};
  }

  /// Resolves one REF_ANNOTATION (and, first, its ancestors). m_state: 0 new, 1 in progress, 2 done.
  void resolve_reference(AnnotationRef r) {
    Tier& tier = m_doc.tiers[r.tier];
    Annotation& ann = tier.annotations[r.index];
    std::uint8_t& state = m_state[r.tier][r.index];
    if (state == 2) return;
    if (state == 1) {
      Diagnostic d = make_diagnostic(
          m_doc, Severity::error, "eaf-annotation-ref-cycle", ann.pos,
          "annotation '" + ann.id + "' is its own ancestor through ANNOTATION_REF; its time cannot be resolved");
      d.tier = tier.id;
      m_doc.diagnostics.push_back(std::move(d));
      ann.time_resolved = false;
      return;
    }
    state = 1;
    const auto parent_found = ann.ref ? m_parsed.annotation_index.find(*ann.ref) : std::nullopt;
    if (!parent_found) {
      ann.time_resolved = false;  // dangling ANNOTATION_REF, reported by check_references
      state = 2;
      return;
    }
    const AnnotationRef parent_ref = *parent_found;
    Annotation& parent = m_doc.tiers[parent_ref.tier].annotations[parent_ref.index];
    if (parent.kind == AnnotationKind::reference) resolve_reference(parent_ref);
    if (m_stereotype[r.tier] == Stereotype::symbolic_subdivision) {
      resolve_subdivision(r.tier, *ann.ref, parent);
    } else {
      ann.start_ms = parent.start_ms;
      ann.end_ms = parent.end_ms;
      ann.interpolated = parent.interpolated;
      ann.time_resolved = parent.time_resolved;
    }
    state = 2;
  }

  /// Gives every child of `parent_id` on tier `t` its equal share, in PREVIOUS_ANNOTATION order.
  void resolve_subdivision(std::uint32_t t, std::string_view parent_id, const Annotation& parent) {
    Tier& tier = m_doc.tiers[t];
    std::vector<std::uint32_t> children;
    const Siblings& s = siblings(t);
    if (const auto it = s.ends.find(parent_id); it != s.ends.end()) {
      for (std::uint32_t c = it->second.first; c != Siblings::none; c = s.next[c]) children.push_back(c);
    }
    const std::vector<std::uint32_t> order = chain_order(tier, children);
    const auto n = static_cast<double>(order.size());
    const double per = static_cast<double>(parent.end_ms - parent.start_ms) / n;
    for (std::size_t k = 0; k < order.size(); ++k) {
      Annotation& c = tier.annotations[order[k]];
      c.start_ms = parent.start_ms + static_cast<Millis>(static_cast<double>(k) * per);
      c.end_ms = parent.start_ms + static_cast<Millis>(static_cast<double>(k + 1) * per);
      c.interpolated = parent.interpolated;
      c.time_resolved = parent.time_resolved;
      m_state[t][order[k]] = 2;
    }
  }

  /// Orders siblings by their PREVIOUS_ANNOTATION chain; a broken chain or a loop is reported and
  /// the siblings keep document order.
  std::vector<std::uint32_t> chain_order(const Tier& tier, const std::vector<std::uint32_t>& children) {
    std::unordered_map<std::string_view, std::uint32_t> next_of;  // previous id → child
    std::vector<std::uint32_t> heads;
    for (std::uint32_t c : children) {
      const Annotation& a = tier.annotations[c];
      if (a.previous_annotation) {
        next_of.emplace(*a.previous_annotation, c);
      } else {
        heads.push_back(c);
      }
    }
    std::vector<std::uint32_t> order;
    if (heads.size() == 1) {
      std::uint32_t cur = heads.front();
      order.push_back(cur);
      while (order.size() <= children.size()) {
        const auto it = next_of.find(tier.annotations[cur].id);
        if (it == next_of.end()) break;
        cur = it->second;
        order.push_back(cur);
      }
    }
    if (order.size() == children.size()) return order;
    const Annotation& first = tier.annotations[children.front()];
    Diagnostic d = make_diagnostic(
        m_doc, Severity::error, "eaf-previous-annotation-cycle", first.pos,
        "the " + std::to_string(children.size()) + " subdivisions of annotation '" + first.ref.value_or("") +
            "' do not form one PREVIOUS_ANNOTATION chain (a loop, a gap or two starts); their document order is used");
    d.tier = tier.id;
    m_doc.diagnostics.push_back(std::move(d));
    return children;
  }

  ParsedDocument& m_parsed;
  Document& m_doc;
  std::vector<std::int64_t> m_parent;
  std::vector<ChainMaps> m_chain_maps;
  std::vector<Siblings> m_siblings;
  std::vector<Stereotype> m_stereotype;  ///< per tier
  std::unordered_map<std::uint64_t, Resolved> m_memo;
  std::vector<std::vector<std::uint8_t>> m_state;
};

void check_tier_times(Document& doc) {
  for (Tier& tier : doc.tiers) {
    const bool symbolic = doc.stereotype_of(tier) == Stereotype::symbolic_association ||
                          doc.stereotype_of(tier) == Stereotype::symbolic_subdivision;
    for (const Annotation& a : tier.annotations) {
      if (!a.time_resolved || a.kind != AnnotationKind::alignable) continue;
      if (a.end_ms < a.start_ms) {
        Diagnostic d = make_diagnostic(doc, Severity::error, "eaf-end-before-start", a.pos,
                                       "annotation '" + a.id + "' ends (" + std::to_string(a.end_ms) +
                                           " ms) before it starts (" + std::to_string(a.start_ms) + " ms)");
        d.tier = tier.id;
        d.start_ms = a.start_ms;
        d.end_ms = a.end_ms;
        doc.diagnostics.push_back(std::move(d));
      } else if (a.end_ms == a.start_ms) {
        Diagnostic d = make_diagnostic(doc, Severity::warning, "eaf-zero-length-annotation", a.pos,
                                       "annotation '" + a.id + "' has zero length (starts and ends at " +
                                           std::to_string(a.start_ms) + " ms); it cannot overlap anything");
        d.tier = tier.id;
        d.start_ms = a.start_ms;
        d.end_ms = a.end_ms;
        doc.diagnostics.push_back(std::move(d));
      }
    }
    if (symbolic) continue;
    // Annotations on one tier must not overlap (ELAN prevents it when editing). Touching is fine.
    std::vector<const Annotation*> sorted;
    for (const Annotation& a : tier.annotations)
      if (a.time_resolved && a.kind == AnnotationKind::alignable && a.end_ms > a.start_ms) sorted.push_back(&a);
    const auto by_start = [](const Annotation* x, const Annotation* y) { return x->start_ms < y->start_ms; };
    // Usually in time order already (as written by ELAN): then the sort would change nothing.
    if (!std::is_sorted(sorted.begin(), sorted.end(), by_start))
      std::stable_sort(sorted.begin(), sorted.end(), by_start);
    const Annotation* reach = nullptr;  // the annotation reaching furthest so far
    for (const Annotation* a : sorted) {
      if (reach && a->start_ms < reach->end_ms) {
        Diagnostic d = make_diagnostic(doc, Severity::warning, "eaf-overlap-in-tier", a->pos,
                                       "annotation '" + a->id + "' (" + std::to_string(a->start_ms) + "-" +
                                           std::to_string(a->end_ms) + " ms) overlaps annotation '" + reach->id +
                                           "' (" + std::to_string(reach->start_ms) + "-" +
                                           std::to_string(reach->end_ms) + " ms) on the same tier");
        d.tier = tier.id;
        d.start_ms = a->start_ms;
        d.end_ms = std::min(a->end_ms, reach->end_ms);
        doc.diagnostics.push_back(std::move(d));
      }
      if (!reach || a->end_ms > reach->end_ms) reach = a;
    }
  }
}

void note_time_order(Document& doc) {
  // pympi writes slots in insertion order (KIPasti__KPS008.eaf has 62 inversions): legal, and
  // times never depend on it, so this is information only.
  std::size_t inversions = 0;
  std::optional<Millis> last;
  for (const TimeSlot& s : doc.time_slots) {
    if (!s.value) continue;
    if (last && *s.value < *last) ++inversions;
    last = s.value;
  }
  if (inversions > 0) {
    doc.diagnostics.push_back(make_diagnostic(
        doc, Severity::info, "eaf-unsorted-time-order", {},
        "TIME_ORDER is not sorted by time (" + std::to_string(inversions) + (inversions == 1 ? " place" : " places") +
            " where a slot is earlier than the one before it); this is legal and handled"));
  }
}

/// Dependent alignable tiers (elan.md §1.4, §5 item 8): an Included_In child lies inside one
/// parent annotation; the children of a Time_Subdivision parent tile it without gaps. ELAN keeps
/// both true while editing, so a violation means the file was changed by another tool.
/// Needs each tier sorted by time.
void check_dependent_tiers(Document& doc) {
  for (const Tier& tier : doc.tiers) {
    const Stereotype stereotype = doc.stereotype_of(tier);
    if (stereotype != Stereotype::time_subdivision && stereotype != Stereotype::included_in) continue;
    const Tier* parent = tier.parent ? doc.find_tier(*tier.parent) : nullptr;
    if (!parent) continue;
    // Children grouped by the parent annotation that contains their start.
    std::vector<std::vector<const Annotation*>> children(parent->annotations.size());
    for (const Annotation& child : tier.annotations) {
      if (!child.time_resolved || child.kind != AnnotationKind::alignable) continue;
      const auto after = std::upper_bound(parent->annotations.begin(), parent->annotations.end(), child.start_ms,
                                          [](Millis t, const Annotation& p) { return t < p.start_ms; });
      const Annotation* host = nullptr;
      if (after != parent->annotations.begin()) {
        const auto candidate = std::prev(after);
        if (candidate->time_resolved && child.start_ms >= candidate->start_ms && child.end_ms <= candidate->end_ms) {
          host = &*candidate;
          children[static_cast<std::size_t>(candidate - parent->annotations.begin())].push_back(&child);
        }
      }
      if (host) continue;
      Diagnostic d = make_diagnostic(doc, Severity::warning, "eaf-child-outside-parent", child.pos,
                                     "annotation '" + child.id + "' (" + std::to_string(child.start_ms) + "-" +
                                         std::to_string(child.end_ms) + " ms) on " +
                                         std::string(to_string(stereotype)) + " tier '" + tier.id +
                                         "' is not inside any annotation of parent tier '" + parent->id + "'");
      d.tier = tier.id;
      d.start_ms = child.start_ms;
      d.end_ms = child.end_ms;
      doc.diagnostics.push_back(std::move(d));
    }
    if (stereotype != Stereotype::time_subdivision) continue;
    for (std::size_t p = 0; p < children.size(); ++p) {
      const auto& group = children[p];
      if (group.empty()) continue;
      const Annotation& host = parent->annotations[p];
      Millis expected = host.start_ms;
      for (const Annotation* child : group) {
        if (child->start_ms != expected) break;
        expected = child->end_ms;
      }
      if (expected == host.end_ms) continue;
      Diagnostic d =
          make_diagnostic(doc, Severity::warning, "eaf-subdivision-gap", group.front()->pos,
                          "the " + std::to_string(group.size()) + " subdivisions of annotation '" + host.id + "' (" +
                              std::to_string(host.start_ms) + "-" + std::to_string(host.end_ms) + " ms) on tier '" +
                              tier.id + "' leave a gap or overlap; Time_Subdivision children must tile their parent");
      d.tier = tier.id;
      d.start_ms = host.start_ms;
      d.end_ms = host.end_ms;
      doc.diagnostics.push_back(std::move(d));
    }
  }
}

}  // namespace

void resolve_times(ParsedDocument& parsed) {
  Document& doc = parsed.doc;
  if (doc.header.time_units != "milliseconds") {
    doc.diagnostics.push_back(make_diagnostic(
        doc, Severity::warning, "eaf-time-units", {},
        "HEADER TIME_UNITS is '" + doc.header.time_units +
            "'; ELAN ignores TIME_UNITS and reads every TIME_VALUE as milliseconds, and so does rapport"));
  }
  note_time_order(doc);

  TimeResolver resolver(parsed);
  resolver.resolve_alignable();
  resolver.resolve_references();
  check_tier_times(doc);

  parsed.annotation_index.clear();  // its positions die with the sort below
  const auto by_time = [](const Annotation& x, const Annotation& y) {
    return x.start_ms != y.start_ms ? x.start_ms < y.start_ms : x.end_ms < y.end_ms;
  };
  for (Tier& tier : doc.tiers) {
    // Files are nearly always written in time order; moving big annotations costs, so look first.
    if (!std::is_sorted(tier.annotations.begin(), tier.annotations.end(), by_time))
      std::stable_sort(tier.annotations.begin(), tier.annotations.end(), by_time);
  }
  check_dependent_tiers(doc);
}

}  // namespace rapport::eaf::detail
