// SPDX-License-Identifier: MIT
// The in-memory model of an ELAN document (.eaf), template (.etf) or external controlled
// vocabulary (.ecv), EAF 2.x to 3.0. Times are resolved at read time to integer milliseconds
// exactly as ELAN shows them, so nothing downstream ever sees a time-slot id.
//
// Element and attribute names follow the EAF XSD (EAFv3.0.xsd); see ../shared/domain/elan.md §1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"

namespace rapport::eaf {

using Millis = std::int64_t;

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
  std::string id;
  std::optional<Millis> value;
  SourcePos pos;
};

enum class AnnotationKind { alignable, reference };

struct Annotation {
  AnnotationKind kind = AnnotationKind::alignable;
  std::string id;
  Millis start_ms = 0;
  Millis end_ms = 0;
  /// True when start or end came from ELAN's interpolation of unaligned slots (or, for a
  /// reference annotation, from a parent whose time was interpolated).
  bool interpolated = false;
  /// False when no time could be resolved (dangling slot, cycle); start/end are then 0.
  bool time_resolved = true;
  std::string value;  ///< ANNOTATION_VALUE verbatim: never trimmed, may be empty or multi-line
  std::optional<std::string> cve_ref;
  /// Whether cve_ref names an entry of the tier's CV: nullopt when there is no cve_ref or the
  /// CV is external and its .ecv could not be read.
  std::optional<bool> cve_resolved;
  std::optional<std::string> ref;                  ///< ANNOTATION_REF (parent annotation id)
  std::optional<std::string> previous_annotation;  ///< PREVIOUS_ANNOTATION
  std::optional<std::string> ext_ref;              ///< IDREFS, space separated
  std::optional<std::string> lang_ref;
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
  std::vector<Annotation> annotations;
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
  std::string file;  ///< as given to the reader; used in every diagnostic
  DocumentKind kind = DocumentKind::annotation_document;
  std::optional<std::string> format;   ///< FORMAT attribute as written
  std::optional<std::string> version;  ///< VERSION attribute as written
  std::optional<std::string> date;
  std::optional<std::string> author;

  std::vector<License> licenses;
  Header header;
  std::vector<TimeSlot> time_slots;  ///< document order of TIME_ORDER (it orders unaligned slots)
  std::vector<Tier> tiers;           ///< document order; a duplicate TIER_ID is merged into the first
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

  /// The format ELAN would use: FORMAT, else VERSION, else "3.0" (ELAN's default).
  std::string effective_format() const;

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
