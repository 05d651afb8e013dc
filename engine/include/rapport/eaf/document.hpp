// SPDX-License-Identifier: MIT
// The in-memory model of an ELAN document (.eaf), template (.etf) or external controlled
// vocabulary (.ecv), EAF 2.x to 3.0. Times are resolved at read time to integer milliseconds
// exactly as ELAN shows them, so nothing downstream ever sees a time-slot id.
//
// Element and attribute names follow the EAF XSD (EAFv3.0.xsd); see ../shared/domain/elan.md §1.
#pragma once

#include <compare>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "rapport/eaf/stable_vector.hpp"

namespace rapport::eaf {

using Millis = std::int64_t;

class TextArena;

/// A string stored in its Document's text arena (annotation and time-slot strings): one pointer,
/// 8 bytes, where a std::string took 32 plus a heap block. The length sits in the 4 bytes before
/// the characters. It reads like the `const std::string` it replaced (it converts to
/// std::string_view and, implicitly, to std::string, compares with strings, and `"…" + text`
/// makes a std::string) and stays valid as long as its Document, or a copy of it, lives: the arena
/// never moves its bytes, and moving or copying the Document keeps the same arena.
class Text {
 public:
  Text() noexcept : m_p(empty_record + length_bytes) {}

  const char* data() const noexcept { return m_p; }
  std::size_t size() const noexcept {
    std::uint32_t n = 0;
    std::memcpy(&n, m_p - length_bytes, length_bytes);
    return n;
  }
  std::size_t length() const noexcept { return size(); }
  bool empty() const noexcept { return size() == 0; }
  const char* begin() const noexcept { return m_p; }
  const char* end() const noexcept { return m_p + size(); }
  char operator[](std::size_t i) const noexcept { return m_p[i]; }
  std::string_view view() const noexcept { return {m_p, size()}; }
  std::string str() const { return std::string(view()); }

  operator std::string_view() const noexcept { return view(); }
  /// Implicit, so that code written for the former std::string fields keeps compiling.
  operator std::string() const { return str(); }

  friend bool operator==(const Text& a, const Text& b) noexcept { return a.view() == b.view(); }
  friend bool operator==(const Text& a, std::string_view b) noexcept { return a.view() == b; }
  friend std::strong_ordering operator<=>(const Text& a, const Text& b) noexcept { return a.view() <=> b.view(); }
  friend std::strong_ordering operator<=>(const Text& a, std::string_view b) noexcept { return a.view() <=> b; }

  friend std::string operator+(std::string a, const Text& b) { return a.append(b.view()); }
  friend std::string operator+(const Text& a, std::string_view b) { return a.str().append(b); }
  friend std::string operator+(const char* a, const Text& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const Text& a, const char* b) { return a.str().append(b); }
  friend std::string operator+(const Text& a, const Text& b) { return a.str().append(b.view()); }
  friend std::string operator+(const Text& a, char b) { return a.str() + b; }
  friend std::string operator+(char a, const Text& b) { return std::string(1, a).append(b.view()); }

 private:
  friend class TextArena;
  friend class OptText;
  static constexpr std::size_t length_bytes = sizeof(std::uint32_t);
  static constexpr char empty_record[length_bytes + 1] = {};
  explicit Text(const char* characters) noexcept : m_p(characters) {}

  const char* m_p;  ///< never null: the empty Text points into empty_record
};
std::ostream& operator<<(std::ostream& os, const Text& text);

/// An optional Text in 8 bytes (null when absent), read like the std::optional<std::string> it
/// replaced. An attribute present with an empty value is present and empty, never absent.
class OptText {
 public:
  OptText() noexcept : m_text(nullptr) {}
  OptText(std::nullopt_t) noexcept : m_text(nullptr) {}  // NOLINT: like std::optional
  OptText(const Text& text) noexcept : m_text(text) {}   // NOLINT: like std::optional

  bool has_value() const noexcept { return m_text.m_p != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }
  /// Precondition: has_value().
  const Text& operator*() const noexcept { return m_text; }
  const Text* operator->() const noexcept { return &m_text; }
  const Text& value() const {
    if (!has_value()) throw std::bad_optional_access();
    return m_text;
  }
  std::string value_or(std::string_view fallback) const { return has_value() ? m_text.str() : std::string(fallback); }
  /// The value, or nullopt: for code that wants a std::optional.
  std::optional<std::string_view> view() const noexcept {
    return has_value() ? std::optional<std::string_view>(m_text.view()) : std::nullopt;
  }

  friend bool operator==(const OptText& a, const OptText& b) noexcept {
    return a.has_value() == b.has_value() && (!a.has_value() || a.m_text == b.m_text);
  }
  /// True when present and equal, as for std::optional.
  friend bool operator==(const OptText& a, std::string_view b) noexcept { return a.has_value() && a.m_text == b; }
  friend bool operator==(const OptText& a, std::nullopt_t) noexcept { return !a.has_value(); }

 private:
  Text m_text;  ///< m_text.m_p is null when absent
};
std::ostream& operator<<(std::ostream& os, const OptText& text);  ///< the value, or "(absent)"

/// Append-only storage of a Document's Texts: chunks that are never reallocated, so every Text
/// handed out stays where it is for the arena's lifetime. Not thread-safe for storing.
class TextArena {
 public:
  TextArena() = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  /// Copies `s` into the arena. Throws std::length_error beyond 4 GiB (a uint32 length).
  Text store(std::string_view s);
  /// Bytes held in chunks (used or not), for measurements.
  std::size_t capacity_bytes() const noexcept { return m_capacity; }

 private:
  static constexpr std::size_t first_chunk = 4096;
  static constexpr std::size_t largest_chunk = std::size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> m_chunks;
  char* m_next = nullptr;
  std::size_t m_left = 0;
  std::size_t m_chunk_size = first_chunk;
  std::size_t m_capacity = 0;
};

/// Where an element's start tag is in its file (1-based; 0 when unknown).
struct SourcePos {
  std::int64_t line = 0;
  std::int64_t column = 0;
};

enum class DocumentKind {
  annotation_document,  ///< root ANNOTATION_DOCUMENT (.eaf, and .etf templates)
  cv_resource,          ///< root CV_RESOURCE (.ecv)
};

/// Tier type constraints (LINGUISTIC_TYPE@CONSTRAINTS → CONSTRAINT@STEREOTYPE).
enum class Stereotype {
  none,                  ///< independent, time-alignable top-level tier
  time_subdivision,      ///< alignable children tiling the parent without gaps
  included_in,           ///< alignable children inside the parent, gaps allowed
  symbolic_subdivision,  ///< reference children, equal shares of the parent in PREVIOUS_ANNOTATION order
  symbolic_association,  ///< one reference child per parent, the parent's interval
};
std::string_view to_string(Stereotype stereotype) noexcept;  ///< "Time_Subdivision", …; "" for none

struct License {
  std::string text;
  std::optional<std::string> url;
};

struct MediaDescriptor {
  std::string media_url;
  std::string mime_type;
  std::optional<std::string> relative_media_url;
  std::optional<std::int64_t> time_origin;  ///< media offset in ms; does not shift annotation times
  std::optional<std::string> extracted_from;
};

struct LinkedFileDescriptor {
  std::string link_url;
  std::string mime_type;
  std::optional<std::string> relative_link_url;
  std::optional<std::int64_t> time_origin;
  std::optional<std::string> associated_with;
};

struct Property {
  std::optional<std::string> name;
  std::string value;
};

struct Header {
  std::optional<std::string> media_file;  ///< deprecated since 2.7, kept when present
  std::string time_units = "milliseconds";
  std::vector<MediaDescriptor> media;
  std::vector<LinkedFileDescriptor> linked_files;
  std::vector<Property> properties;
};

/// A TIME_SLOT as written. `value` is empty for an unaligned slot (never 0).
struct TimeSlot {
  Text id;
  std::optional<Millis> value;
  SourcePos pos;
};

enum class AnnotationKind { alignable, reference };

/// One ALIGNABLE_ANNOTATION or REF_ANNOTATION. Its strings are Texts in the Document's arena;
/// the record is 96 bytes (it was 320 with std::string members: see tests/bench/README.md).
struct Annotation {
  AnnotationKind kind = AnnotationKind::alignable;
  /// True when start or end came from ELAN's interpolation of unaligned slots (or, for a
  /// reference annotation, from a parent whose time was interpolated).
  bool interpolated = false;
  /// False when no time could be resolved (dangling slot, cycle); start/end are then 0.
  bool time_resolved = true;
  /// Whether cve_ref names an entry of the tier's CV: nullopt when there is no cve_ref or the
  /// CV is external and its .ecv could not be read.
  std::optional<bool> cve_resolved;
  Text id;
  Millis start_ms = 0;
  Millis end_ms = 0;
  Text value;  ///< ANNOTATION_VALUE verbatim: never trimmed, may be empty or multi-line
  OptText cve_ref;
  OptText ref;                  ///< ANNOTATION_REF (parent annotation id)
  OptText previous_annotation;  ///< PREVIOUS_ANNOTATION
  OptText ext_ref;              ///< IDREFS, space separated
  OptText lang_ref;
  SourcePos pos;  ///< the ANNOTATION start tag
};

struct Tier {
  std::string id;
  std::string linguistic_type;
  std::optional<std::string> parent;
  std::optional<std::string> participant;
  std::optional<std::string> annotator;
  std::optional<std::string> default_locale;
  std::optional<std::string> lang_ref;
  std::optional<std::string> ext_ref;
  /// Sorted by (start_ms, end_ms), ties in document order — the order ELAN shows them.
  /// A StableVector: reads like std::vector, grows without reallocating (stable_vector.hpp).
  StableVector<Annotation> annotations;
  SourcePos pos;
};

struct LinguisticType {
  std::string id;
  bool time_alignable = true;
  std::optional<std::string> constraints;  ///< the CONSTRAINTS attribute as written
  Stereotype stereotype = Stereotype::none;
  bool graphic_references = false;
  std::optional<std::string> controlled_vocabulary;
  std::optional<std::string> ext_ref;
  std::optional<std::string> lexicon_ref;
  SourcePos pos;
};

struct Locale {
  std::string language_code;
  std::optional<std::string> country_code;
  std::optional<std::string> variant;
};

/// LANGUAGE (2.8+). Kept even without LANG_DEF, which ELAN silently drops.
struct Language {
  std::string id;
  std::optional<std::string> def;
  std::optional<std::string> label;
};

struct Constraint {
  std::string stereotype;
  std::optional<std::string> description;
};

struct CvDescription {
  std::optional<std::string> lang_ref;
  std::string text;
};

/// One language's value of a CV entry.
struct CvValue {
  std::optional<std::string> lang_ref;  ///< empty for the old CV_ENTRY form
  std::optional<std::string> description;
  std::string value;
};

struct CvEntry {
  std::string id;  ///< CVE_ID; empty for the old CV_ENTRY form, which has no id
  std::vector<CvValue> values;
  std::optional<std::string> ext_ref;
  SourcePos pos;
};

struct ControlledVocabulary {
  std::string id;
  std::vector<CvDescription> descriptions;  ///< DESCRIPTION elements, or the old attribute
  std::vector<CvEntry> entries;
  bool multilingual = false;                ///< CV_ENTRY_ML form (2.8+) rather than CV_ENTRY
  std::optional<std::string> ext_ref;       ///< EXTERNAL_REF id of TYPE ecv
  std::optional<std::string> external_url;  ///< resolved URL of the .ecv, when external
  /// For an external CV: true when its entries were loaded from the .ecv.
  bool external_loaded = false;
  SourcePos pos;

  bool is_external() const noexcept { return ext_ref.has_value(); }
  const CvEntry* find_entry(std::string_view cve_id) const noexcept;
};

struct LexiconRef {
  std::string id;
  std::string name, type, url, lexicon_id, lexicon_name;
  std::optional<std::string> datcat_id, datcat_name;
};

struct RefLink {
  enum class Kind { cross, group };
  Kind kind = Kind::cross;
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> ref1, ref2;  ///< CROSS_REF_LINK
  std::vector<std::string> refs;          ///< GROUP_REF_LINK (IDREFS)
  std::optional<std::string> directionality;
  std::optional<std::string> ext_ref, lang_ref, cve_ref, ref_type;
  std::string text;
  SourcePos pos;
};

struct RefLinkSet {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> ext_ref, lang_ref, cv_ref;
  std::vector<RefLink> links;
  SourcePos pos;
};

struct ExternalRef {
  std::string id;
  std::string type;  ///< iso12620, ecv, cve_id, lexen_id, resource_url
  std::string value;
};

struct Document {
  /// Where the Texts of this document's annotations and time slots are. Shared by copies of the
  /// Document; a moved Document keeps it, so its Texts stay valid. Null only in a moved-from one.
  std::shared_ptr<TextArena> texts = std::make_shared<TextArena>();

  std::string file;  ///< as given to the reader; used in every diagnostic
  DocumentKind kind = DocumentKind::annotation_document;
  std::optional<std::string> format;   ///< FORMAT attribute as written
  std::optional<std::string> version;  ///< VERSION attribute as written
  std::optional<std::string> date;
  std::optional<std::string> author;

  std::vector<License> licenses;
  Header header;
  StableVector<TimeSlot> time_slots;  ///< document order of TIME_ORDER (it orders unaligned slots)
  std::vector<Tier> tiers;            ///< document order; a duplicate TIER_ID is merged into the first
  std::vector<LinguisticType> linguistic_types;
  std::vector<Locale> locales;
  std::vector<Language> languages;
  std::vector<Constraint> constraints;
  std::vector<ControlledVocabulary> controlled_vocabularies;
  std::vector<LexiconRef> lexicon_refs;
  std::vector<RefLinkSet> ref_link_sets;
  std::vector<ExternalRef> external_refs;

  std::vector<Diagnostic> diagnostics;
  /// False when the XML itself could not be read to the end (not well-formed, truncated, not
  /// an EAF): the model then holds only what came before the fatal error.
  bool complete = true;

  /// Copies `s` into this document's arena, for building or changing annotations by hand.
  Text store(std::string_view s) { return texts->store(s); }

  /// The format ELAN would use: FORMAT, else VERSION, else "3.0" (ELAN's default).
  std::string effective_format() const;

  /// True when the file itself could not be read: a diagnostic whose rule starts with "io-"
  /// (missing, a folder, unreadable, a read that failed partway). Not the first diagnostic
  /// only: a read error partway comes after what the parser found before it.
  bool read_failed() const noexcept;

  const Tier* find_tier(std::string_view id) const noexcept;
  const LinguisticType* find_linguistic_type(std::string_view id) const noexcept;
  const ControlledVocabulary* find_cv(std::string_view id) const noexcept;
  const ExternalRef* find_external_ref(std::string_view id) const noexcept;
  /// tier → LINGUISTIC_TYPE → CONTROLLED_VOCABULARY_REF → CV; null when the tier has none.
  const ControlledVocabulary* cv_for_tier(const Tier& tier) const noexcept;
  /// Stereotype of the tier's linguistic type (none when the type is unknown).
  Stereotype stereotype_of(const Tier& tier) const noexcept;

  std::size_t annotation_count() const noexcept;
  /// Earliest start and latest end over all resolved annotations; nullopt when there are none.
  std::optional<std::pair<Millis, Millis>> time_span() const noexcept;
};

}  // namespace rapport::eaf
