// SPDX-License-Identifier: MIT
#include "rapport/eaf/document.hpp"

#include <algorithm>
#include <limits>
#include <ostream>
#include <stdexcept>

namespace rapport::eaf {

// The size the compact model was designed for: 301 158 annotations of a 137.5 MB session took
// 96 MB as 320-byte records; at 96 bytes they take 29 MB (tests/bench/README.md).
static_assert(sizeof(Text) == sizeof(void*) && sizeof(OptText) == sizeof(void*));
static_assert(sizeof(Annotation) <= 96, "Annotation is the bulk of a large document's memory");

Text TextArena::store(std::string_view s) {
  if (s.empty()) return Text();
  if (s.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("text longer than 4 GiB");
  const std::size_t need = Text::length_bytes + s.size();
  const auto length = static_cast<std::uint32_t>(s.size());
  char* at = m_next;
  if (need > m_left) {
    // Chunks double up to 1 MiB, so a small document takes little and a large one few chunks.
    // A text that would not fit a fresh chunk gets one of its own and the current chunk stays
    // open; otherwise the rest of the current chunk is given up.
    const bool own = need >= m_chunk_size;
    const std::size_t size = own ? need : m_chunk_size;
    m_chunks.push_back(std::make_unique_for_overwrite<char[]>(size));
    m_capacity += size;
    at = m_chunks.back().get();
    if (!own) {
      m_next = at;
      m_left = size;
      m_chunk_size = std::min(m_chunk_size * 2, largest_chunk);
    }
  }
  std::memcpy(at, &length, Text::length_bytes);
  std::memcpy(at + Text::length_bytes, s.data(), s.size());
  if (at == m_next) {
    m_next += need;
    m_left -= need;
  }
  return Text(at + Text::length_bytes);
}

std::ostream& operator<<(std::ostream& os, const Text& text) { return os << text.view(); }

std::ostream& operator<<(std::ostream& os, const OptText& text) { return text ? os << text->view() : os << "(absent)"; }

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

bool Document::read_failed() const noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.rule.starts_with("io-"); });
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
