// SPDX-License-Identifier: MIT
// The SAX2 pass over an EAF/ETF/ECV file: one streaming read that fills the Document model.
// Element and attribute names are those of EAFv3.0.xsd (elan.md §1.3); older forms
// (CV_ENTRY, DESCRIPTION attribute, LINKS_ID) are read too, as ELAN's 3.0 parser does.
#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/XMLException.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eaf/id_index.hpp"
#include "eaf/parsed_document.hpp"
#include "eaf/utf8_checked_input.hpp"
#include "rapport/time_limit.hpp"
#include "text/quote.hpp"
#include "xml/xerces.hpp"

namespace rapport::eaf::detail {
namespace {

using xercesc::Attributes;

enum class El {
  other,
  annotation_document,
  cv_resource,
  license,
  header,
  media_descriptor,
  linked_file_descriptor,
  property,
  time_order,
  time_slot,
  tier,
  annotation,
  alignable_annotation,
  ref_annotation,
  annotation_value,
  linguistic_type,
  locale,
  language,
  constraint,
  controlled_vocabulary,
  description,
  cv_entry,
  cv_entry_ml,
  cve_value,
  lexicon_ref,
  ref_link_set,
  cross_ref_link,
  group_ref_link,
  external_ref,
};

/// True when the NUL-terminated `name` is exactly `lit` (whose length the caller has matched).
/// A memcmp of constant size (NUL included), which the compiler turns into a few word compares.
template <std::size_t N>
bool is(const XMLCh* name, const char16_t (&lit)[N]) {
  return std::memcmp(name, lit, N * sizeof(char16_t)) == 0;
}

/// The length of a NUL-terminated name, or 32 for anything longer than any EAF name.
/// Unrolled by hand: one compare and branch per unit instead of five instructions, on every
/// element and attribute name of the file (a tenth of the reader's own instructions).
inline std::size_t name_length(const XMLCh* name) {
  for (std::size_t n = 0; n < 32; n += 4) {
    if (name[n] == 0) return n;
    if (name[n + 1] == 0) return n + 1;
    if (name[n + 2] == 0) return n + 2;
    if (name[n + 3] == 0) return n + 3;
  }
  return 32;
}

El classify(const XMLCh* name) {
  // A switch on the length, then the one or two candidates of that length: the elements of a
  // long file are almost all ANNOTATION, ALIGNABLE_ANNOTATION, ANNOTATION_VALUE and TIME_SLOT.
  switch (name_length(name)) {
    case 4:
      if (is(name, u"TIER")) return El::tier;
      break;
    case 6:
      if (is(name, u"HEADER")) return El::header;
      if (is(name, u"LOCALE")) return El::locale;
      break;
    case 7:
      if (is(name, u"LICENSE")) return El::license;
      break;
    case 8:
      if (is(name, u"PROPERTY")) return El::property;
      if (is(name, u"LANGUAGE")) return El::language;
      if (is(name, u"CV_ENTRY")) return El::cv_entry;
      break;
    case 9:
      if (is(name, u"TIME_SLOT")) return El::time_slot;
      if (is(name, u"CVE_VALUE")) return El::cve_value;
      break;
    case 10:
      if (is(name, u"ANNOTATION")) return El::annotation;
      if (is(name, u"TIME_ORDER")) return El::time_order;
      if (is(name, u"CONSTRAINT")) return El::constraint;
      break;
    case 11:
      if (is(name, u"CV_RESOURCE")) return El::cv_resource;
      if (is(name, u"DESCRIPTION")) return El::description;
      if (is(name, u"CV_ENTRY_ML")) return El::cv_entry_ml;
      if (is(name, u"LEXICON_REF")) return El::lexicon_ref;
      break;
    case 12:
      if (is(name, u"REF_LINK_SET")) return El::ref_link_set;
      if (is(name, u"EXTERNAL_REF")) return El::external_ref;
      break;
    case 14:
      if (is(name, u"REF_ANNOTATION")) return El::ref_annotation;
      if (is(name, u"CROSS_REF_LINK")) return El::cross_ref_link;
      if (is(name, u"GROUP_REF_LINK")) return El::group_ref_link;
      break;
    case 15:
      if (is(name, u"LINGUISTIC_TYPE")) return El::linguistic_type;
      break;
    case 16:
      if (is(name, u"ANNOTATION_VALUE")) return El::annotation_value;
      if (is(name, u"MEDIA_DESCRIPTOR")) return El::media_descriptor;
      break;
    case 19:
      if (is(name, u"ANNOTATION_DOCUMENT")) return El::annotation_document;
      break;
    case 20:
      if (is(name, u"ALIGNABLE_ANNOTATION")) return El::alignable_annotation;
      break;
    case 21:
      if (is(name, u"CONTROLLED_VOCABULARY")) return El::controlled_vocabulary;
      break;
    case 22:
      if (is(name, u"LINKED_FILE_DESCRIPTOR")) return El::linked_file_descriptor;
      break;
    default: break;
  }
  return El::other;
}

Stereotype parse_stereotype(std::string_view s) {
  if (s == "Time_Subdivision") return Stereotype::time_subdivision;
  if (s == "Included_In") return Stereotype::included_in;
  if (s == "Symbolic_Subdivision") return Stereotype::symbolic_subdivision;
  if (s == "Symbolic_Association") return Stereotype::symbolic_association;
  return Stereotype::none;
}

/// The name of an element whose text the reader keeps (for diagnostics).
const char* element_name(El el) {
  switch (el) {
    case El::license: return "LICENSE";
    case El::property: return "PROPERTY";
    case El::annotation_value: return "ANNOTATION_VALUE";
    case El::description: return "DESCRIPTION";
    case El::cv_entry: return "CV_ENTRY";
    case El::cve_value: return "CVE_VALUE";
    case El::cross_ref_link: return "CROSS_REF_LINK";
    case El::group_ref_link: return "GROUP_REF_LINK";
    default: return "an element";
  }
}

/// Thrown to stop the parse early (not an EAF at all); caught in parse_xml.
struct StopParsing {};

class EafHandler final : public xercesc::DefaultHandler {
 public:
  EafHandler(ParsedDocument& out, std::size_t max_text_bytes)
      : m_out(out), m_doc(out.doc), m_max_text_bytes(max_text_bytes) {}

  void setDocumentLocator(const xercesc::Locator* locator) override { m_locator = locator; }

  void startElement(const XMLCh* /*uri*/, const XMLCh* localname, const XMLCh* qname,
                    const Attributes& attrs) override {
    const El el = classify(localname);
    // The parser is asked for the position (two virtual calls) only where it may be kept or
    // reported: not for ALIGNABLE_ANNOTATION and REF_ANNOTATION (they use their ANNOTATION's),
    // a third of a long file's elements, unless one is the root or sits inside a value.
    // ANNOTATION_VALUE keeps its position for eaf-text-too-long.
    const bool positioned =
        m_depth == 0 || m_value_depth != 0 || (el != El::alignable_annotation && el != El::ref_annotation);
    const SourcePos pos = positioned ? here() : SourcePos{};
    if (m_value_depth != 0 || (el == El::other && m_unknown_depth == 0 && m_depth != 0)) note_unexpected(qname, pos);
    m_stack.push_back(el);
    if (m_depth++ == 0) {
      start_root(el, localname, attrs, pos);
      return;
    }
    m_text.clear();
    switch (el) {
      case El::license:
        m_doc.licenses.push_back({{}, attr(attrs, u"LICENSE_URL")});
        capture(pos);
        break;
      case El::header: start_header(attrs); break;
      case El::media_descriptor: start_media(attrs); break;
      case El::linked_file_descriptor: start_linked_file(attrs); break;
      case El::property:
        m_doc.header.properties.push_back({attr(attrs, u"NAME"), {}});
        capture(pos);
        break;
      case El::time_slot: start_time_slot(attrs, pos); break;
      case El::tier: start_tier(attrs, pos); break;
      case El::annotation: m_annotation_pos = pos; break;
      case El::alignable_annotation: start_annotation(AnnotationKind::alignable, attrs); break;
      case El::ref_annotation: start_annotation(AnnotationKind::reference, attrs); break;
      case El::annotation_value:
        if (m_value_depth == 0) {
          m_value_depth = m_stack.size();
          m_value_element_noted = false;
        }
        capture(pos);
        break;
      case El::linguistic_type: start_linguistic_type(attrs, pos); break;
      case El::locale:
        m_doc.locales.push_back(
            {require(attrs, u"LANGUAGE_CODE", "LOCALE", pos), attr(attrs, u"COUNTRY_CODE"), attr(attrs, u"VARIANT")});
        break;
      case El::language:
        m_doc.languages.push_back(
            {require(attrs, u"LANG_ID", "LANGUAGE", pos), attr(attrs, u"LANG_DEF"), attr(attrs, u"LANG_LABEL")});
        break;
      case El::constraint:
        m_doc.constraints.push_back({require(attrs, u"STEREOTYPE", "CONSTRAINT", pos), attr(attrs, u"DESCRIPTION")});
        break;
      case El::controlled_vocabulary: start_cv(attrs, pos); break;
      case El::description:
        if (m_in_cv) {
          m_description_lang = attr(attrs, u"LANG_REF");
          capture(pos);
        }
        break;
      case El::cv_entry: start_cv_entry(attrs, pos, false); break;
      case El::cv_entry_ml: start_cv_entry(attrs, pos, true); break;
      case El::cve_value:
        m_cve_value = CvValue{attr(attrs, u"LANG_REF"), attr(attrs, u"DESCRIPTION"), {}};
        capture(pos);
        break;
      case El::lexicon_ref: start_lexicon_ref(attrs, pos); break;
      case El::ref_link_set: start_ref_link_set(attrs, pos); break;
      case El::cross_ref_link: start_ref_link(RefLink::Kind::cross, attrs, pos); break;
      case El::group_ref_link: start_ref_link(RefLink::Kind::group, attrs, pos); break;
      case El::external_ref:
        m_doc.external_refs.push_back({require(attrs, u"EXT_REF_ID", "EXTERNAL_REF", pos),
                                       attr(attrs, u"TYPE").value_or(""), attr(attrs, u"VALUE").value_or("")});
        break;
      case El::annotation_document:
      case El::cv_resource:
      case El::time_order:
      case El::other: break;
    }
  }

  void endElement(const XMLCh* /*uri*/, const XMLCh* /*localname*/, const XMLCh* /*qname*/) override {
    --m_depth;
    const El el = m_stack.back();  // the parser guarantees tags are balanced
    if (m_stack.size() == m_unknown_depth) m_unknown_depth = 0;
    if (m_stack.size() == m_value_depth) m_value_depth = 0;
    m_stack.pop_back();
    switch (el) {
      case El::license:
        if (!m_doc.licenses.empty()) m_doc.licenses.back().text = take_text();
        break;
      case El::property:
        if (!m_doc.header.properties.empty()) m_doc.header.properties.back().value = take_text();
        break;
      case El::tier: m_tier = -1; break;
      case El::annotation_value:
        // The buffer is kept (not taken) so that the next value reuses its capacity.
        if (m_annotation) m_annotation->value = m_doc.store(m_text);
        m_text.clear();
        m_capturing = false;
        break;
      case El::alignable_annotation:
      case El::ref_annotation: m_annotation = nullptr; break;
      case El::controlled_vocabulary: m_in_cv = false; break;
      case El::description:
        if (m_in_cv && !m_doc.controlled_vocabularies.empty()) {
          m_doc.controlled_vocabularies.back().descriptions.push_back({m_description_lang, take_text()});
        }
        m_capturing = false;
        break;
      case El::cv_entry:
        // Old form: the entry's value is the element text; it has no id.
        if (m_entry) m_entry->values.push_back({std::nullopt, m_entry_description, take_text()});
        m_entry = nullptr;
        m_capturing = false;
        break;
      case El::cv_entry_ml: m_entry = nullptr; break;
      case El::cve_value:
        if (m_entry) {
          m_cve_value.value = take_text();
          m_entry->values.push_back(std::move(m_cve_value));
        }
        m_capturing = false;
        break;
      case El::cross_ref_link:
      case El::group_ref_link:
        if (m_link) m_link->text = take_text();
        m_link = nullptr;
        m_capturing = false;
        break;
      case El::ref_link_set: m_link_set = nullptr; break;
      default: break;
    }
  }

  void characters(const XMLCh* chars, const XMLSize_t length) override {
    if (!m_capturing) return;
    text::append_utf8(m_text, xml::view(chars, length));
    // Xerces hands text over in chunks of a few KB, so the buffer stops within one chunk of the limit.
    if (m_text.size() > m_max_text_bytes) refuse_long_text();
  }

  // Entity declarations are accepted by the XML grammar but an EAF never needs them; their
  // expansion is bounded by the SecurityManager and external ones are refused by the resolver.
  void startDTD(const XMLCh* name, const XMLCh*, const XMLCh*) override {
    m_doc.diagnostics.push_back(
        make_diagnostic(m_doc, Severity::warning, "xml-doctype", here(),
                        "the file has a DOCTYPE declaration ('" + xml::utf8(name) +
                            "'); EAF files have none, so external DTDs and entities are not loaded"));
  }

  // The SecurityManager counts expansions, not bytes: a 50 KB entity referenced 9,000 times stays
  // under its limit and expands to 450 MB (a quadratic blowup), inside Xerces when the references
  // are in an attribute. No ELAN file declares entities, so a long one is refused at its
  // declaration; with at most `max_entity_chars` per entity the expansion limit bounds the bytes.
  void internalEntityDecl(const XMLCh* name, const XMLCh* value) override {
    const std::size_t length = std::char_traits<XMLCh>::length(value);
    if (length <= max_entity_chars) return;
    m_doc.diagnostics.push_back(make_diagnostic(
        m_doc, Severity::error, "xml-entity-expansion-limit", here(),
        "the entity '" + xml::utf8(name) + "' is " + std::to_string(length) + " characters long (the limit is " +
            std::to_string(max_entity_chars) +
            "); EAF files declare no entities, and a long one referenced many times is an entity bomb: the file "
            "is not read"));
    m_doc.complete = false;
    throw StopParsing{};
  }
  static constexpr std::size_t max_entity_chars = 1024;

 private:
  SourcePos here() const {
    if (!m_locator) return {};
    return {static_cast<std::int64_t>(m_locator->getLineNumber()),
            static_cast<std::int64_t>(m_locator->getColumnNumber())};
  }

  /// An attribute value (UTF-16) as UTF-8 in the document's arena, through a reused buffer.
  Text store_text(const XMLCh* value) { return m_doc.store(to_utf8(value)); }

  /// A NUL-terminated attribute value as UTF-8, valid until the next call. ASCII values of up to
  /// 64 units (every id and time value ELAN writes) are copied unit by unit into a fixed buffer
  /// in the pass that finds their end; anything else goes through m_scratch and the converter.
  std::string_view to_utf8(const XMLCh* value) {
    std::size_t i = 0;
    for (; i < sizeof m_ascii; ++i) {
      const XMLCh c = value[i];
      if (c == 0) return {m_ascii, i};
      if (c >= 0x80) break;
      m_ascii[i] = static_cast<char>(c);
    }
    m_scratch.assign(m_ascii, i);
    text::append_utf8(m_scratch, xml::view(value + i));
    return m_scratch;
  }

  /// store_text for attributes with few distinct values (CVE_REF, LANG_REF, EXT_REF): each
  /// distinct value is stored once. On a coded session that is a handful of CVE_IDs of 40 bytes
  /// shared by thousands of annotations.
  Text store_shared(const XMLCh* value) {
    const std::string_view v = to_utf8(value);
    if (const auto it = m_shared.find(v); it != m_shared.end()) return it->second;
    const Text text = m_doc.store(v);
    if (m_shared.size() < 4096) m_shared.emplace(v, text);  // bounded: a map, not a copy of the file
    return text;
  }

  static std::optional<std::string> attr(const Attributes& attrs, const char16_t* name) {
    const XMLCh* v = attrs.getValue(reinterpret_cast<const XMLCh*>(name));
    if (!v) return std::nullopt;
    return xml::utf8(v);
  }

  /// A required attribute; its absence is an error diagnostic and the value is "".
  std::string require(const Attributes& attrs, const char16_t* name, std::string_view element, SourcePos pos) {
    if (auto v = attr(attrs, name)) return std::move(*v);
    m_doc.diagnostics.push_back(make_diagnostic(
        m_doc, Severity::error, "eaf-missing-attribute", pos,
        std::string(element) + " has no " + text::to_utf8(name) + " attribute, which the EAF schema requires"));
    return {};
  }

  /// Starts keeping the text of the element just opened (the top of m_stack) at `pos`.
  void capture(SourcePos pos) {
    m_capturing = true;
    m_text.clear();
    m_capture_el = m_stack.back();
    m_capture_pos = pos;
  }

  /// An element inside ANNOTATION_VALUE (once per value), or an element the EAF format does not
  /// have (once per unknown subtree: its descendants are not reported again).
  void note_unexpected(const XMLCh* qname, SourcePos pos) {
    if (m_value_depth != 0) {
      if (m_value_element_noted) return;
      m_value_element_noted = true;
      const Tier* tier = m_annotation && m_tier >= 0 ? &m_doc.tiers[static_cast<std::size_t>(m_tier)] : nullptr;
      const std::string whose =
          tier ? "the value of annotation '" + std::string(m_annotation->id) + "' on tier '" + tier->id + "'"
               : std::string("an ANNOTATION_VALUE");
      Diagnostic d = make_diagnostic(
          m_doc, Severity::error, "eaf-element-in-value", pos,
          whose + " contains the element <" + xml::utf8(qname) +
              ">; a value is plain text (ELAN writes '<' as &lt;), so the element and everything in it are "
              "ignored and nothing it refers to is loaded: the value read is not what ELAN shows");
      if (tier) d.tier = tier->id;
      m_doc.diagnostics.push_back(std::move(d));
      return;
    }
    m_unknown_depth = m_stack.size() + 1;  // its depth once pushed
    m_doc.diagnostics.push_back(make_diagnostic(
        m_doc, Severity::warning, "eaf-unknown-element", pos,
        "<" + xml::utf8(qname) +
            "> is not an element of the EAF format; it and everything inside it are ignored (a hand-edited file "
            "or another tool's extension?)"));
  }

  /// Text longer than ReadOptions::max_text_bytes: refused before it can exhaust memory.
  [[noreturn]] void refuse_long_text() {
    const bool value = m_capture_el == El::annotation_value && m_annotation && m_tier >= 0;
    const std::string what = value ? "the value of annotation '" + std::string(m_annotation->id) + "' on tier '" +
                                         m_doc.tiers[static_cast<std::size_t>(m_tier)].id + "'"
                                   : "the text of " + std::string(element_name(m_capture_el));
    Diagnostic d = make_diagnostic(m_doc, Severity::error, "eaf-text-too-long", m_capture_pos,
                                   what + " is longer than " + std::to_string(m_max_text_bytes) +
                                       " bytes, the most rapport reads into one value (no real annotation comes "
                                       "near it); the file is not read");
    if (value) d.tier = m_doc.tiers[static_cast<std::size_t>(m_tier)].id;
    m_doc.diagnostics.push_back(std::move(d));
    m_text.clear();
    m_text.shrink_to_fit();
    m_doc.complete = false;
    throw StopParsing{};
  }
  std::string take_text() {
    m_capturing = false;
    std::string t;
    t.swap(m_text);
    return t;
  }

  void start_root(El el, const XMLCh* localname, const Attributes& attrs, SourcePos pos) {
    if (el == El::annotation_document) {
      m_doc.kind = DocumentKind::annotation_document;
    } else if (el == El::cv_resource) {
      m_doc.kind = DocumentKind::cv_resource;
    } else {
      m_doc.diagnostics.push_back(make_diagnostic(
          m_doc, Severity::error, "eaf-not-eaf", pos,
          "the root element is <" + xml::utf8(localname) +
              ">, not ANNOTATION_DOCUMENT (.eaf, .etf) or CV_RESOURCE (.ecv): this is not an ELAN file"));
      m_doc.complete = false;
      throw StopParsing{};
    }
    m_doc.format = attr(attrs, u"FORMAT");
    m_doc.version = attr(attrs, u"VERSION");
    m_doc.date = attr(attrs, u"DATE");
    m_doc.author = attr(attrs, u"AUTHOR");
  }

  void start_header(const Attributes& attrs) {
    m_doc.header.media_file = attr(attrs, u"MEDIA_FILE");
    if (auto units = attr(attrs, u"TIME_UNITS")) m_doc.header.time_units = std::move(*units);
  }

  std::optional<std::int64_t> integer_attr(const Attributes& attrs, const char16_t* name, std::string_view element,
                                           SourcePos pos) {
    auto v = attr(attrs, name);
    if (!v) return std::nullopt;
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || end != v->data() + v->size()) {
      m_doc.diagnostics.push_back(make_diagnostic(
          m_doc, Severity::error, "eaf-bad-number", pos,
          std::string(element) + " " + text::to_utf8(name) + "=\"" + *v + "\" is not an integer; ignored"));
      return std::nullopt;
    }
    return n;
  }

  void start_media(const Attributes& attrs) {
    const SourcePos pos = here();
    MediaDescriptor m;
    m.media_url = require(attrs, u"MEDIA_URL", "MEDIA_DESCRIPTOR", pos);
    m.mime_type = attr(attrs, u"MIME_TYPE").value_or("");
    m.relative_media_url = attr(attrs, u"RELATIVE_MEDIA_URL");
    m.time_origin = integer_attr(attrs, u"TIME_ORIGIN", "MEDIA_DESCRIPTOR", pos);
    m.extracted_from = attr(attrs, u"EXTRACTED_FROM");
    m_doc.header.media.push_back(std::move(m));
  }

  void start_linked_file(const Attributes& attrs) {
    const SourcePos pos = here();
    LinkedFileDescriptor l;
    l.link_url = require(attrs, u"LINK_URL", "LINKED_FILE_DESCRIPTOR", pos);
    l.mime_type = attr(attrs, u"MIME_TYPE").value_or("");
    l.relative_link_url = attr(attrs, u"RELATIVE_LINK_URL");
    l.time_origin = integer_attr(attrs, u"TIME_ORIGIN", "LINKED_FILE_DESCRIPTOR", pos);
    l.associated_with = attr(attrs, u"ASSOCIATED_WITH");
    m_doc.header.linked_files.push_back(std::move(l));
  }

  void start_time_slot(const Attributes& attrs, SourcePos pos) {
    TimeSlot slot;
    slot.pos = pos;
    const XMLCh* id = nullptr;
    const XMLCh* value = nullptr;
    for (XMLSize_t i = 0, n = attrs.getLength(); i < n; ++i) {  // one pass: the hottest element
      const XMLCh* name = attrs.getLocalName(i);
      switch (name_length(name)) {
        case 12:
          if (is(name, u"TIME_SLOT_ID")) id = attrs.getValue(i);
          break;
        case 10:
          if (is(name, u"TIME_VALUE")) value = attrs.getValue(i);
          break;
        default: break;
      }
    }
    if (id) {
      slot.id = store_text(id);
    } else {
      require(attrs, u"TIME_SLOT_ID", "TIME_SLOT", pos);
    }
    if (value && !ascii_milliseconds(value, slot.value)) {  // the general path, with its diagnostics
      const std::string v = xml::utf8(value);
      // xsd:unsignedInt in the schema; accepted up to max_time_ms, anything else is an error.
      std::int64_t ms = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), ms);
      if (ec != std::errc{} || end != v.data() + v.size() || ms < 0) {
        m_doc.diagnostics.push_back(make_diagnostic(
            m_doc, Severity::error, "eaf-bad-time-value", pos,
            "TIME_SLOT '" + slot.id + "' has TIME_VALUE=\"" + v +
                "\", which is not a non-negative whole number of milliseconds; the slot is treated as unaligned"));
      } else {
        slot.value = ms;
      }
    }
    if (slot.value && *slot.value > max_time_ms) {
      m_doc.diagnostics.push_back(
          make_diagnostic(m_doc, Severity::error, "eaf-bad-time-value", pos,
                          "TIME_SLOT '" + slot.id + "' has TIME_VALUE=\"" + std::to_string(*slot.value) +
                              "\", beyond the largest time accepted (" + std::to_string(max_time_ms) +
                              " ms, about 285,000 years); the slot is treated as unaligned"));
      slot.value.reset();
    }
    const auto index = static_cast<std::uint32_t>(m_doc.time_slots.size());
    if (!slot.id.empty()) m_slot_index.try_emplace(slot.id, index);
    m_doc.time_slots.push_back(std::move(slot));
  }

  /// A TIME_VALUE of 1 to 18 ASCII digits (no sign, no space: what ELAN writes) into `ms`;
  /// false for anything else, which takes the general path with its diagnostics.
  static bool ascii_milliseconds(const XMLCh* value, std::optional<Millis>& ms) {
    std::int64_t n = 0;
    std::size_t i = 0;
    for (; value[i] >= u'0' && value[i] <= u'9'; ++i) {
      if (i == 18) return false;
      n = n * 10 + (value[i] - u'0');
    }
    if (i == 0 || value[i] != 0) return false;
    ms = n;
    return true;
  }

  void start_tier(const Attributes& attrs, SourcePos pos) {
    ++m_out.tier_elements;
    std::string id = require(attrs, u"TIER_ID", "TIER", pos);
    if (const auto it = m_tier_index.find(id); it != m_tier_index.end()) {
      // ELAN does not create the tier again; it appends the annotations to the first one.
      const Tier& first = m_doc.tiers[it->second];
      Diagnostic d =
          make_diagnostic(m_doc, Severity::warning, "eaf-duplicate-tier-id", pos,
                          "a second TIER has TIER_ID '" + id + "' (first at line " + std::to_string(first.pos.line) +
                              "); ELAN silently merges them, so its annotations are added to the first");
      d.tier = id;
      m_doc.diagnostics.push_back(std::move(d));
      m_tier = static_cast<std::int64_t>(it->second);
      return;
    }
    Tier tier;
    tier.id = std::move(id);
    tier.linguistic_type = require(attrs, u"LINGUISTIC_TYPE_REF", "TIER", pos);
    tier.parent = attr(attrs, u"PARENT_REF");
    tier.participant = attr(attrs, u"PARTICIPANT");
    tier.annotator = attr(attrs, u"ANNOTATOR");
    tier.default_locale = attr(attrs, u"DEFAULT_LOCALE");
    tier.lang_ref = attr(attrs, u"LANG_REF");
    tier.ext_ref = attr(attrs, u"EXT_REF");
    tier.pos = pos;
    m_tier = static_cast<std::int64_t>(m_doc.tiers.size());
    m_tier_index.emplace(tier.id, m_doc.tiers.size());
    m_doc.tiers.push_back(std::move(tier));
    m_out.slot_links.emplace_back();
  }

  std::uint32_t slot_ref(const XMLCh* value, bool is_end) {
    const std::string_view v = to_utf8(value);
    if (const auto found = m_slot_index.find(v)) return *found;
    const auto t = static_cast<std::uint32_t>(m_tier);
    m_out.dangling_slot_refs.push_back(
        {t, static_cast<std::uint32_t>(m_doc.tiers[t].annotations.size() - 1), is_end, std::string(v)});
    return no_slot;
  }

  void start_annotation(AnnotationKind kind, const Attributes& attrs) {
    if (m_tier < 0) return;  // an annotation outside a TIER is not EAF; the schema forbids it
    Tier& tier = m_doc.tiers[static_cast<std::size_t>(m_tier)];
    Annotation& a = tier.annotations.emplace_back();
    a.kind = kind;
    a.pos = m_annotation_pos;
    const XMLCh* id = nullptr;
    const XMLCh* ts1 = nullptr;
    const XMLCh* ts2 = nullptr;
    for (XMLSize_t i = 0, n = attrs.getLength(); i < n; ++i) {  // one pass over the attributes
      // By length first: ANNOTATION_ID and the two slot refs are almost every attribute.
      const XMLCh* name = attrs.getLocalName(i);
      switch (name_length(name)) {
        case 13:
          if (is(name, u"ANNOTATION_ID")) id = attrs.getValue(i);
          break;
        case 14:
          if (is(name, u"TIME_SLOT_REF1"))
            ts1 = attrs.getValue(i);
          else if (is(name, u"TIME_SLOT_REF2"))
            ts2 = attrs.getValue(i);
          else if (is(name, u"ANNOTATION_REF"))
            a.ref = store_text(attrs.getValue(i));
          break;
        case 19:
          if (is(name, u"PREVIOUS_ANNOTATION")) a.previous_annotation = store_text(attrs.getValue(i));
          break;
        case 7:
          if (is(name, u"CVE_REF"))
            a.cve_ref = store_shared(attrs.getValue(i));
          else if (is(name, u"EXT_REF"))
            a.ext_ref = store_shared(attrs.getValue(i));
          break;
        case 8:
          if (is(name, u"LANG_REF")) a.lang_ref = store_shared(attrs.getValue(i));
          break;
        default: break;
      }
    }
    const char* element = kind == AnnotationKind::alignable ? "ALIGNABLE_ANNOTATION" : "REF_ANNOTATION";
    if (id) {
      a.id = store_text(id);
    } else {
      require(attrs, u"ANNOTATION_ID", element, m_annotation_pos);
    }
    SlotLinks links;
    if (kind == AnnotationKind::alignable) {
      if (ts1) links.begin = slot_ref(ts1, false);
      if (ts2) links.end = slot_ref(ts2, true);
      if (!ts1 || !ts2) {
        Diagnostic d = make_diagnostic(m_doc, Severity::error, "eaf-missing-attribute", m_annotation_pos,
                                       "ALIGNABLE_ANNOTATION '" + a.id + "' lacks TIME_SLOT_REF1 or TIME_SLOT_REF2");
        d.tier = tier.id;
        m_doc.diagnostics.push_back(std::move(d));
      }
    } else if (!a.ref) {
      Diagnostic d = make_diagnostic(m_doc, Severity::error, "eaf-missing-attribute", m_annotation_pos,
                                     "REF_ANNOTATION '" + a.id + "' has no ANNOTATION_REF");
      d.tier = tier.id;
      m_doc.diagnostics.push_back(std::move(d));
    }
    m_out.slot_links[static_cast<std::size_t>(m_tier)].push_back(links);
    m_annotation = &a;
  }

  void start_linguistic_type(const Attributes& attrs, SourcePos pos) {
    LinguisticType t;
    t.id = require(attrs, u"LINGUISTIC_TYPE_ID", "LINGUISTIC_TYPE", pos);
    t.constraints = attr(attrs, u"CONSTRAINTS");
    if (t.constraints) t.stereotype = parse_stereotype(*t.constraints);
    const auto alignable = attr(attrs, u"TIME_ALIGNABLE");
    t.time_alignable = !alignable || *alignable == "true" || *alignable == "1";
    // ELAN forces symbolic types to be non-alignable whatever the file says (EAF30Parser).
    if (t.stereotype == Stereotype::symbolic_association || t.stereotype == Stereotype::symbolic_subdivision)
      t.time_alignable = false;
    const auto graphic = attr(attrs, u"GRAPHIC_REFERENCES");
    t.graphic_references = graphic && (*graphic == "true" || *graphic == "1");
    t.controlled_vocabulary = attr(attrs, u"CONTROLLED_VOCABULARY_REF");
    t.ext_ref = attr(attrs, u"EXT_REF");
    t.lexicon_ref = attr(attrs, u"LEXICON_REF");
    t.pos = pos;
    m_doc.linguistic_types.push_back(std::move(t));
  }

  void start_cv(const Attributes& attrs, SourcePos pos) {
    ControlledVocabulary cv;
    cv.id = require(attrs, u"CV_ID", "CONTROLLED_VOCABULARY", pos);
    cv.ext_ref = attr(attrs, u"EXT_REF");
    cv.pos = pos;
    if (auto description = attr(attrs, u"DESCRIPTION"))
      cv.descriptions.push_back({std::nullopt, std::move(*description)});
    m_doc.controlled_vocabularies.push_back(std::move(cv));
    m_in_cv = true;
  }

  void start_cv_entry(const Attributes& attrs, SourcePos pos, bool multilingual) {
    if (m_doc.controlled_vocabularies.empty()) return;
    ControlledVocabulary& cv = m_doc.controlled_vocabularies.back();
    if (multilingual) cv.multilingual = true;
    CvEntry& e = cv.entries.emplace_back();
    // CVE_ID is required on CV_ENTRY_ML; the old CV_ENTRY has none in an .eaf, but the 2.7 .ecv
    // form (CV_RESOURCE 0.1) puts one there.
    e.id = multilingual ? require(attrs, u"CVE_ID", "CV_ENTRY_ML", pos) : attr(attrs, u"CVE_ID").value_or("");
    e.ext_ref = attr(attrs, u"EXT_REF");
    e.pos = pos;
    m_entry = &e;
    if (!multilingual) {
      m_entry_description = attr(attrs, u"DESCRIPTION");
      capture(pos);
    }
  }

  void start_lexicon_ref(const Attributes& attrs, SourcePos pos) {
    LexiconRef l;
    l.id = require(attrs, u"LEX_REF_ID", "LEXICON_REF", pos);
    l.name = attr(attrs, u"NAME").value_or("");
    l.type = attr(attrs, u"TYPE").value_or("");
    l.url = attr(attrs, u"URL").value_or("");
    l.lexicon_id = attr(attrs, u"LEXICON_ID").value_or("");
    l.lexicon_name = attr(attrs, u"LEXICON_NAME").value_or("");
    l.datcat_id = attr(attrs, u"DATCAT_ID");
    l.datcat_name = attr(attrs, u"DATCAT_NAME");
    m_doc.lexicon_refs.push_back(std::move(l));
  }

  void start_ref_link_set(const Attributes& attrs, SourcePos pos) {
    RefLinkSet s;
    // LINKS_ID is the attribute name of an early 2.8 implementation, still accepted by ELAN.
    s.id = attr(attrs, u"LINK_SET_ID").value_or(attr(attrs, u"LINKS_ID").value_or(""));
    if (s.id.empty()) require(attrs, u"LINK_SET_ID", "REF_LINK_SET", pos);
    s.name = attr(attrs, u"LINK_SET_NAME");
    s.ext_ref = attr(attrs, u"EXT_REF");
    s.lang_ref = attr(attrs, u"LANG_REF");
    s.cv_ref = attr(attrs, u"CV_REF");
    s.pos = pos;
    m_doc.ref_link_sets.push_back(std::move(s));
    m_link_set = &m_doc.ref_link_sets.back();
  }

  void start_ref_link(RefLink::Kind kind, const Attributes& attrs, SourcePos pos) {
    if (!m_link_set) return;
    RefLink& l = m_link_set->links.emplace_back();
    l.kind = kind;
    l.id = require(attrs, u"REF_LINK_ID", kind == RefLink::Kind::cross ? "CROSS_REF_LINK" : "GROUP_REF_LINK", pos);
    l.name = attr(attrs, u"REF_LINK_NAME");
    if (kind == RefLink::Kind::cross) {
      l.ref1 = require(attrs, u"REF1", "CROSS_REF_LINK", pos);
      l.ref2 = require(attrs, u"REF2", "CROSS_REF_LINK", pos);
      l.directionality = attr(attrs, u"DIRECTIONALITY");
    } else {
      const std::string refs = require(attrs, u"REFS", "GROUP_REF_LINK", pos);
      std::size_t i = 0;
      while (i < refs.size()) {
        const std::size_t j = refs.find(' ', i);
        const std::size_t stop = j == std::string::npos ? refs.size() : j;
        if (stop > i) l.refs.push_back(refs.substr(i, stop - i));
        i = stop + 1;
      }
    }
    l.ext_ref = attr(attrs, u"EXT_REF");
    l.lang_ref = attr(attrs, u"LANG_REF");
    l.cve_ref = attr(attrs, u"CVE_REF");
    l.ref_type = attr(attrs, u"REF_TYPE");
    l.pos = pos;
    m_link = &l;
    capture(pos);
  }

  ParsedDocument& m_out;
  Document& m_doc;
  const xercesc::Locator* m_locator = nullptr;
  int m_depth = 0;
  std::vector<El> m_stack;  ///< open elements, so end tags need no lookup
  std::int64_t m_tier = -1;
  SourcePos m_annotation_pos;
  Annotation* m_annotation = nullptr;
  bool m_in_cv = false;
  CvEntry* m_entry = nullptr;
  std::optional<std::string> m_entry_description;
  CvValue m_cve_value;
  std::optional<std::string> m_description_lang;
  RefLinkSet* m_link_set = nullptr;
  RefLink* m_link = nullptr;
  bool m_capturing = false;
  El m_capture_el = El::other;  ///< the element whose text is being kept
  SourcePos m_capture_pos;
  std::size_t m_max_text_bytes;
  std::size_t m_value_depth = 0;  ///< m_stack.size() inside an open ANNOTATION_VALUE, else 0
  bool m_value_element_noted = false;
  std::size_t m_unknown_depth = 0;  ///< m_stack.size() inside an unknown element's subtree, else 0
  std::string m_text;
  char m_ascii[64] = {};  ///< to_utf8's result for a short ASCII value
  std::string m_scratch;  ///< to_utf8's result otherwise
  /// Hashes std::string and std::string_view alike, so that m_shared is searched with a view.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Text, Hash, std::equal_to<>> m_shared;
  IdIndex<std::uint32_t> m_slot_index;
  std::unordered_map<std::string, std::size_t> m_tier_index;
};

/// Looks at the XML declaration and the first bytes only: ELAN writes UTF-8 without a BOM,
/// so anything else is worth a word (Xerces itself decodes whatever is declared). Returns true
/// when the file is decoded as UTF-8 (no UTF-16 signature, no other encoding declared).
bool note_encoding(std::string_view head, Document& doc) {
  if (head.size() >= 3 && static_cast<unsigned char>(head[0]) == 0xEF && static_cast<unsigned char>(head[1]) == 0xBB &&
      static_cast<unsigned char>(head[2]) == 0xBF) {
    doc.diagnostics.push_back(make_diagnostic(doc, Severity::info, "eaf-bom", {1, 1},
                                              "the file starts with a UTF-8 byte-order mark; ELAN writes none, and "
                                              "it is read as UTF-8"));
  }
  if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'))) {
    doc.diagnostics.push_back(make_diagnostic(doc, Severity::warning, "eaf-encoding-not-utf8", {1, 1},
                                              "the file is UTF-16 (byte-order mark); ELAN writes UTF-8. It is read as "
                                              "UTF-16, but other tools may not accept it"));
    return false;
  }
  // No byte-order mark: Xerces recognises UTF-16 by "<?" as 3C 00 3F 00 or 00 3C 00 3F (XML 1.0,
  // appendix F.1) and decodes it as UTF-16, so it is noted the same way.
  using namespace std::string_view_literals;
  if (head.starts_with("<\0?\0"sv) || head.starts_with("\0<\0?"sv)) {
    doc.diagnostics.push_back(make_diagnostic(
        doc, Severity::warning, "eaf-encoding-not-utf8", {1, 1},
        std::string("the file is UTF-16 ") + (head[0] == '<' ? "little" : "big") +
            "-endian without a byte-order mark; ELAN writes UTF-8. It is read as UTF-16, but other tools may not "
            "accept it"));
    return false;
  }
  const std::size_t decl_end = head.find("?>");
  if (head.find("<?xml") == std::string_view::npos || decl_end == std::string_view::npos) return true;
  const std::string_view decl = head.substr(0, decl_end);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return true;
  const std::size_t quote = decl.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return true;
  const std::size_t close = decl.find(decl[quote], quote + 1);
  if (close == std::string_view::npos) return true;
  std::string name(decl.substr(quote + 1, close - quote - 1));
  std::string upper;
  for (char c : name) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  if (upper != "UTF-8" && upper != "UTF8") {
    doc.diagnostics.push_back(
        make_diagnostic(doc, Severity::warning, "eaf-encoding-not-utf8", {1, 1},
                        "the XML declaration says encoding=\"" + name +
                            "\"; ELAN writes UTF-8. The file is decoded as declared, but other tools may not"));
    return false;
  }
  return true;
}

/// True for Xerces' messages about undecodable bytes (its UTF-8 transcoder's and the others').
bool says_bad_encoding(std::string_view message) {
  for (const std::string_view word : {"invalid byte", "UTF-8", "byte sequence", "bytes limit", "transcod"})
    if (message.find(word) != std::string_view::npos) return true;
  return false;
}

/// Counts lines in the bytes before a bad byte, a block at a time.
struct LineCounter {
  std::int64_t line = 1;
  std::size_t line_start = 0;  // offset of the first byte of the current line
  std::size_t at = 0;          // bytes seen
  void add(std::string_view block) {
    for (std::size_t i = block.find('\n'); i != std::string_view::npos; i = block.find('\n', i + 1)) {
      ++line;
      line_start = at + i + 1;
    }
    at += block.size();
  }
};

/// xml-bad-encoding for the byte `byte` at `offset`, given the lines counted before it.
Diagnostic bad_utf8_diagnostic(const Document& doc, const LineCounter& before, char byte) {
  return make_diagnostic(doc, Severity::error, "xml-bad-encoding",
                         {before.line, static_cast<std::int64_t>(before.at - before.line_start + 1)},
                         "the file is not valid UTF-8 (byte 0x" + text::hex_byte(static_cast<unsigned char>(byte)) +
                             " at offset " + std::to_string(before.at) + "); save it again as UTF-8");
}

Diagnostic bad_utf8_diagnostic(const Document& doc, std::string_view content, std::size_t offset) {
  LineCounter lines;
  lines.add(content.substr(0, offset));
  return bad_utf8_diagnostic(doc, lines, content[offset]);
}

/// xml-bad-encoding for the byte at `offset` of the file at `path`. Its line is counted by
/// reading the bytes before it once more, a block at a time (the file may be huge; this is the
/// rare path).
Diagnostic bad_utf8_diagnostic_in_file(const Document& doc, const std::filesystem::path& path, std::size_t offset) {
  LineCounter lines;
  char byte = 0;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    std::string block(std::size_t{1} << 16, '\0');
    for (std::size_t n;
         lines.at < offset && (n = std::fread(block.data(), 1, std::min(block.size(), offset - lines.at), f)) > 0;)
      lines.add(std::string_view(block.data(), n));
    if (std::fread(&byte, 1, 1, f) != 1) byte = 0;
    std::fclose(f);
  }
  return bad_utf8_diagnostic(doc, lines, byte);
}

}  // namespace

Diagnostic make_diagnostic(const Document& doc, Severity severity, std::string rule, SourcePos pos,
                           std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.rule = std::move(rule);
  d.file = doc.file;
  d.line = pos.line;
  d.column = pos.column;
  d.message = std::move(message);
  return d;
}

void parse_xml(std::optional<std::string_view> bytes, const std::filesystem::path& path, OpenFile* file,
               const ReadOptions& options, ParsedDocument& out) {
  Document& doc = out.doc;
  const std::string head = bytes || !file ? std::string() : file->head(256);
  const bool utf8 = note_encoding(bytes ? bytes->substr(0, 256) : std::string_view(head), doc);
  // Xerces accepts some ill-formed UTF-8 (F5..F7 lead bytes) and reports other forms at the start
  // of its decoding block, with the raw bytes in its message, so the bytes are checked by
  // Rapport: bytes in memory before the parse, a file by the stream the parser reads it through.
  if (utf8 && bytes) {
    if (const auto bad = first_invalid_utf8_whole(*bytes)) {
      doc.diagnostics.push_back(bad_utf8_diagnostic(doc, *bytes, *bad));
      doc.complete = false;
      return;
    }
  }
  const std::size_t diagnostics_before_parse = doc.diagnostics.size();
  Utf8CheckState checked;

  // One parser per thread, reused: creating a Xerces reader costs as much as parsing a small
  // session, and a batch reads thousands of them. Each parse starts from a clean state.
  thread_local xml::HardenedReader reader = xml::make_hardened_reader({});
  reader.security->setEntityExpansionLimit(options.entity_expansion_limit);
  reader.resolver->clear();
  EafHandler handler(out, options.max_text_bytes);
  std::vector<Diagnostic> xml_diagnostics;
  xml::DiagnosticErrorHandler errors(doc.file, xml_diagnostics);
  reader.reader->setContentHandler(&handler);
  reader.reader->setLexicalHandler(&handler);
  reader.reader->setDeclarationHandler(&handler);
  reader.reader->setErrorHandler(&errors);

  try {
    if (bytes) {
      const std::u16string system_id = xml::utf16(doc.file);
      xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(bytes->data()), bytes->size(),
                                        xml::xc(system_id), false);
      source.setCopyBufToStream(false);  // the caller keeps the bytes alive for the whole parse
      reader.reader->parse(source);
    } else if (utf8 && file) {
      const std::u16string system_id = xml::utf16(path.string());
      Utf8CheckedFileSource source(*file, path, xml::xc(system_id), checked);
      reader.reader->parse(source);
    } else {
      const std::u16string system_id = xml::utf16(path.string());
      xercesc::LocalFileInputSource source(xml::xc(system_id));
      reader.reader->parse(source);
    }
  } catch (const xercesc::SAXParseException&) {
    // Already recorded by the error handler.
  } catch (const StopParsing&) {
  } catch (const xercesc::XMLException& e) {
    Diagnostic d = make_diagnostic(doc, Severity::error, "xml-not-well-formed",
                                   {static_cast<std::int64_t>(e.getSrcLine()), 0}, xml::utf8(e.getMessage()));
    xml_diagnostics.push_back(std::move(d));
  } catch (const std::bad_alloc&) {
    xml_diagnostics.push_back(
        make_diagnostic(doc, Severity::error, "xml-out-of-memory", {}, "the file is too large to read into memory"));
  } catch (const xercesc::OutOfMemoryException&) {
    // Xerces' own allocation failure (not a std::exception): one file, not the whole batch.
    doc.complete = false;
    xml_diagnostics.push_back(
        make_diagnostic(doc, Severity::error, "xml-out-of-memory", {}, "the file is too large to read into memory"));
  }

  // The handlers die with this call; the reader lives on.
  reader.reader->setContentHandler(nullptr);
  reader.reader->setLexicalHandler(nullptr);
  reader.reader->setDeclarationHandler(nullptr);
  reader.reader->setErrorHandler(nullptr);

  if (utf8 && !bytes) {
    // A byte that is not UTF-8 anywhere in the file makes the file unread, whether the stream
    // met it or the parse stopped before it (the rest is checked now): the same result as
    // checking the whole file first, without reading it twice when it is fine.
    std::optional<std::size_t> bad = checked.invalid_at;
    if (!bad && !checked.at_end && checked.read_error == 0) bad = first_invalid_utf8_in_file(path, checked.delivered);
    if (bad || checked.read_error != 0) {
      std::vector<Diagnostic> kept(
          std::make_move_iterator(doc.diagnostics.begin()),
          std::make_move_iterator(doc.diagnostics.begin() + static_cast<std::ptrdiff_t>(diagnostics_before_parse)));
      std::string name = std::move(doc.file);
      out = ParsedDocument{};
      doc.file = std::move(name);
      doc.diagnostics = std::move(kept);
      doc.complete = false;
      doc.diagnostics.push_back(
          bad ? bad_utf8_diagnostic_in_file(doc, path, *bad)
              : make_diagnostic(doc, Severity::error, "io-unreadable", {},
                                std::string("cannot read the file: ") + std::strerror(checked.read_error)));
      return;
    }
  }

  // Say plainly what the common fatal errors mean for an EAF user. Every byte of a UTF-8 file was
  // checked on the way in, so what can be left is a sequence cut off by the end of the file: a
  // truncation, unless Xerces itself calls it an encoding error.
  auto cut_sequence = [&](const std::string& message) -> std::optional<Diagnostic> {
    if (!utf8 || !says_bad_encoding(message)) return std::nullopt;
    if (bytes) {
      if (const auto cut = cut_utf8_sequence_at_end(*bytes)) return bad_utf8_diagnostic(doc, *bytes, *cut);
    } else if (const auto cut = cut_utf8_sequence_at_end(path)) {
      return bad_utf8_diagnostic_in_file(doc, path, *cut);
    }
    return std::nullopt;
  };
  for (Diagnostic& d : xml_diagnostics) {
    if (d.rule != "xml-not-well-formed") continue;
    doc.complete = false;
    if (d.message.find("expansion") != std::string::npos) {
      d.rule = "xml-entity-expansion-limit";
      d.message = "entity expansion exceeds the limit of " + std::to_string(options.entity_expansion_limit) +
                  " (an entity bomb?); the file was not read (" + d.message + ")";
    } else if (auto bad = cut_sequence(d.message)) {
      // Xerces decodes in blocks and reports where the block started (often the XML declaration)
      // with the raw bytes in its message: the message is ours, with the byte itself and its place.
      d = std::move(*bad);
    } else if (says_bad_encoding(d.message)) {
      d.rule = "xml-bad-encoding";
      d.message = "the file has bytes that are not valid in the encoding it declares; save it again as UTF-8";
    } else {
      d.message = "the file is not well-formed XML: " + d.message +
                  " (a truncated or hand-edited file? ELAN cannot open it either)";
    }
  }
  for (const std::string& refused : reader.resolver->refused()) {
    doc.diagnostics.push_back(make_diagnostic(doc, Severity::error, "xml-external-entity-refused", {},
                                              "the file refers to an external entity or DTD ('" + refused +
                                                  "'); rapport never loads them, so it was replaced by nothing"));
  }
  doc.diagnostics.insert(doc.diagnostics.end(), std::make_move_iterator(xml_diagnostics.begin()),
                         std::make_move_iterator(xml_diagnostics.end()));
}

}  // namespace rapport::eaf::detail
