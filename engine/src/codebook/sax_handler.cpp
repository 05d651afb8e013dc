// SPDX-License-Identifier: MIT
// The SAX2 passes over a codebook file (schemas/codebook.xsd): a non-validating peek at the
// root to learn the schema version, and the validating pass that fills the Codebook model.
#include "codebook/sax_handler.hpp"

#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

#include <charconv>
#include <unordered_map>

#include "codebook/xml_pass.hpp"
#include "xml/xerces.hpp"

namespace rapport::codebook::detail {
namespace {

using xercesc::Attributes;

enum class El {
  other,
  codebook,
  label,
  definition,
  note,
  observable,
  source,
  languages,
  language,
  family,
  code,
  attribute,
  scale,
  anchor,
  segmentation,
  segment_rating,
  session_ratings,
  session_rating,
  stage_model,
  stage,
  episodes,
  stage_inference,
  inference_rule,
  outcome_rule,
  repair_typology,
  repair_item,
  tier_layout,
  tier,
  coder_identification,
  tier_affix,
  annotator_attribute,
  file_name,
};

El classify(std::u16string_view name) {
  static const std::unordered_map<std::u16string_view, El> table{
      {u"codebook", El::codebook},
      {u"label", El::label},
      {u"definition", El::definition},
      {u"note", El::note},
      {u"observable", El::observable},
      {u"source", El::source},
      {u"languages", El::languages},
      {u"language", El::language},
      {u"family", El::family},
      {u"code", El::code},
      {u"attribute", El::attribute},
      {u"scale", El::scale},
      {u"anchor", El::anchor},
      {u"segmentation", El::segmentation},
      {u"segment_rating", El::segment_rating},
      {u"session_ratings", El::session_ratings},
      {u"session_rating", El::session_rating},
      {u"stage_model", El::stage_model},
      {u"stage", El::stage},
      {u"episodes", El::episodes},
      {u"stage_inference", El::stage_inference},
      {u"rule", El::inference_rule},
      {u"outcome_rule", El::outcome_rule},
      {u"repair_typology", El::repair_typology},
      {u"item", El::repair_item},
      {u"tier_layout", El::tier_layout},
      {u"tier", El::tier},
      {u"coder_identification", El::coder_identification},
      {u"tier_affix", El::tier_affix},
      {u"annotator_attribute", El::annotator_attribute},
      {u"file_name", El::file_name},
  };
  auto it = table.find(name);
  return it == table.end() ? El::other : it->second;
}

std::optional<std::string> attr(const Attributes& attrs, const char16_t* name) {
  const XMLCh* v = attrs.getValue(reinterpret_cast<const XMLCh*>(name));
  if (!v) return std::nullopt;
  return xml::utf8(v);
}

std::string attr_or(const Attributes& attrs, const char16_t* name, std::string fallback) {
  auto v = attr(attrs, name);
  return v ? *v : std::move(fallback);
}

// The schema has already checked the lexical forms; these only convert.
bool to_bool(const std::optional<std::string>& v, bool fallback) {
  if (!v) return fallback;
  return *v == "true" || *v == "1";
}

template <class Int>
Int to_int(const std::optional<std::string>& v, Int fallback) {
  if (!v) return fallback;
  Int out{};
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  return ec == std::errc{} && ptr == v->data() + v->size() ? out : fallback;
}

Evidence to_evidence(const std::optional<std::string>& v) {
  if (!v) return Evidence::recalled;
  if (*v == "sourced") return Evidence::sourced;
  if (*v == "secondary") return Evidence::secondary;
  if (*v == "recalled") return Evidence::recalled;
  if (*v == "inferred") return Evidence::inferred;
  return Evidence::unverified;
}

RuptureType to_rupture_type(const std::optional<std::string>& v, RuptureType fallback) {
  if (!v) return fallback;
  if (*v == "withdrawal") return RuptureType::withdrawal;
  if (*v == "confrontation") return RuptureType::confrontation;
  if (*v == "any") return RuptureType::any;
  return fallback;
}

TierContent to_content(const std::string& v) {
  if (v == "segments") return TierContent::segments;
  if (v == "segment_rating") return TierContent::segment_rating;
  if (v == "stages") return TierContent::stages;
  if (v == "session_ratings") return TierContent::session_ratings;
  if (v == "episodes") return TierContent::episodes;
  if (v == "transcript") return TierContent::transcript;
  return TierContent::codes;
}

std::vector<std::string> split_ws(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < s.size() && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

class PeekHandler final : public xercesc::DefaultHandler {
 public:
  explicit PeekHandler(RootInfo& info) : m_info(info) {}
  void setDocumentLocator(const xercesc::Locator* locator) override { m_locator = locator; }
  void startElement(const XMLCh* uri, const XMLCh* local_name, const XMLCh*, const Attributes& attrs) override {
    m_info.well_formed_start = true;
    m_info.local_name = xml::utf8(local_name);
    m_info.namespace_uri = xml::utf8(uri);
    m_info.schema_version = attr(attrs, u"schema_version");
    if (m_locator)
      m_info.pos = {static_cast<std::int64_t>(m_locator->getLineNumber()),
                    static_cast<std::int64_t>(m_locator->getColumnNumber())};
    throw StopParsing{};
  }
  void startDTD(const XMLCh*, const XMLCh*, const XMLCh*) override {
    // Called as soon as the DOCTYPE's name and external ID are read, before any of it is used.
    m_info.doctype = m_locator ? SourcePos{static_cast<std::int64_t>(m_locator->getLineNumber()),
                                           static_cast<std::int64_t>(m_locator->getColumnNumber())}
                               : SourcePos{};
    throw StopParsing{};
  }

 private:
  RootInfo& m_info;
  const xercesc::Locator* m_locator = nullptr;
};

class CodebookHandler final : public xercesc::DefaultHandler {
 public:
  explicit CodebookHandler(Codebook& out) : m_cb(out) {}

  void setDocumentLocator(const xercesc::Locator* locator) override { m_locator = locator; }

  void startElement(const XMLCh*, const XMLCh* local_name, const XMLCh*, const Attributes& attrs) override {
    const El el = classify(xml::view(local_name));
    const El parent = m_stack.empty() ? El::other : m_stack.back();
    m_stack.push_back(el);
    m_text.clear();
    switch (el) {
      case El::codebook:
        m_cb.schema_version = attr_or(attrs, u"schema_version", "");
        m_cb.id = attr_or(attrs, u"id", "");
        m_cb.version = attr_or(attrs, u"version", "");
        m_cb.instrument = attr_or(attrs, u"instrument", "");
        break;
      case El::source: {
        SourceReference s;
        s.id = attr_or(attrs, u"id", "");
        s.doi = attr(attrs, u"doi");
        s.url = attr(attrs, u"url");
        m_cb.sources.push_back(std::move(s));
        break;
      }
      case El::languages: m_cb.default_language = attr_or(attrs, u"default", "en"); break;
      case El::language: m_cb.languages.push_back({attr_or(attrs, u"code", ""), attr_or(attrs, u"name", "")}); break;
      case El::family: {
        Family f;
        f.id = attr_or(attrs, u"id", "");
        const std::string kind = attr_or(attrs, u"kind", "other");
        f.kind = kind == "rupture_marker"        ? FamilyKind::rupture_marker
                 : kind == "resolution_strategy" ? FamilyKind::resolution_strategy
                                                 : FamilyKind::other;
        f.rupture_type = to_rupture_type(attr(attrs, u"rupture_type"), RuptureType::none);
        f.pos = here();
        m_cb.families.push_back(std::move(f));
        break;
      }
      case El::code: {
        Code c;
        c.id = attr_or(attrs, u"id", "");
        c.evidence = to_evidence(attr(attrs, u"evidence"));
        c.pos = here();
        if (!m_cb.families.empty()) {
          c.family = m_cb.families.back().id;
          m_cb.families.back().codes.push_back(c.id);
        }
        m_cb.codes.push_back(std::move(c));
        break;
      }
      case El::attribute:
        if (parent == El::code && !m_cb.codes.empty())
          m_cb.codes.back().attributes.push_back(
              {attr_or(attrs, u"name", ""), attr_or(attrs, u"value", ""), to_evidence(attr(attrs, u"evidence"))});
        break;
      case El::scale: {
        Scale s;
        s.id = attr_or(attrs, u"id", "");
        s.level = attr_or(attrs, u"level", "segment") == "session" ? RatingLevel::session : RatingLevel::segment;
        s.min = to_int<int>(attr(attrs, u"min"), 1);
        s.max = to_int<int>(attr(attrs, u"max"), 5);
        s.na_allowed = to_bool(attr(attrs, u"na_allowed"), false);
        s.na_value = attr_or(attrs, u"na_value", "NA");
        s.rupture_type = to_rupture_type(attr(attrs, u"rupture_type"), RuptureType::none);
        s.evidence = to_evidence(attr(attrs, u"evidence"));
        s.pos = here();
        m_cb.scales.push_back(std::move(s));
        break;
      }
      case El::anchor:
        if (!m_cb.scales.empty())
          m_cb.scales.back().anchors.push_back({to_int<int>(attr(attrs, u"value"), 0), {}, here()});
        break;
      case El::segmentation:
        m_cb.segmentation.length_ms = to_int<std::int64_t>(attr(attrs, u"length_ms"), 300000);
        m_cb.segmentation.last_may_be_shorter = to_bool(attr(attrs, u"last_may_be_shorter"), true);
        m_cb.segmentation.evidence = to_evidence(attr(attrs, u"evidence"));
        break;
      case El::segment_rating:
        m_cb.segmentation.ratings.push_back(
            {attr_or(attrs, u"scale", ""), to_bool(attr(attrs, u"required"), true), here()});
        break;
      case El::session_rating:
        m_cb.session_ratings.push_back({attr_or(attrs, u"scale", ""), to_bool(attr(attrs, u"required"), true), here()});
        break;
      case El::stage_model: {
        StageModel m;
        m.id = attr_or(attrs, u"id", "");
        m.rupture_type = to_rupture_type(attr(attrs, u"rupture_type"), RuptureType::any);
        m.ordered = to_bool(attr(attrs, u"ordered"), true);
        m.sequence_strict = to_bool(attr(attrs, u"sequence_strict"), false);
        m.evidence = to_evidence(attr(attrs, u"evidence"));
        m.pos = here();
        m_cb.stage_models.push_back(std::move(m));
        break;
      }
      case El::stage:
        if (!m_cb.stage_models.empty()) {
          Stage s;
          s.id = attr_or(attrs, u"id", "");
          s.marker = to_bool(attr(attrs, u"marker"), false);
          s.evidence = to_evidence(attr(attrs, u"evidence"));
          s.pos = here();
          m_cb.stage_models.back().stages.push_back(std::move(s));
        }
        break;
      case El::episodes:
        m_cb.episodes.gap_max_ms = to_int<std::int64_t>(attr(attrs, u"gap_max_ms"), 120000);
        m_cb.episodes.quiet_min_ms = to_int<std::int64_t>(attr(attrs, u"quiet_min_ms"), 60000);
        break;
      case El::inference_rule: {
        StageInferenceRule r;
        if (auto models = attr(attrs, u"models")) r.models = split_ws(*models);
        r.stage = attr_or(attrs, u"stage", "");
        if (auto codes = attr(attrs, u"codes")) r.codes = split_ws(*codes);
        if (auto families = attr(attrs, u"families")) r.families = split_ws(*families);
        r.evidence = to_evidence(attr(attrs, u"evidence"));
        r.pos = here();
        m_cb.stage_inference.push_back(std::move(r));
        break;
      }
      case El::outcome_rule: {
        OutcomeRule r;
        r.scale = attr_or(attrs, u"scale", "SEG_RES");
        r.resolved_min = to_int<int>(attr(attrs, u"resolved_min"), 4);
        r.partial_min = to_int<int>(attr(attrs, u"partial_min"), 3);
        r.final_stage_resolves = to_bool(attr(attrs, u"final_stage_resolves"), true);
        r.evidence = to_evidence(attr(attrs, u"evidence"));
        r.pos = here();
        m_cb.outcome_rule = std::move(r);
        break;
      }
      case El::repair_typology: {
        RepairTypology t;
        t.id = attr_or(attrs, u"id", "");
        t.source = attr(attrs, u"source");
        t.evidence = to_evidence(attr(attrs, u"evidence"));
        t.pos = here();
        m_cb.repair_typologies.push_back(std::move(t));
        break;
      }
      case El::repair_item:
        if (!m_cb.repair_typologies.empty()) {
          RepairItem item;
          item.id = attr_or(attrs, u"id", "");
          if (auto codes = attr(attrs, u"codes")) item.codes = split_ws(*codes);
          item.directness = attr_or(attrs, u"directness", "");
          item.level = attr_or(attrs, u"level", "");
          item.evidence = to_evidence(attr(attrs, u"evidence"));
          item.pos = here();
          m_cb.repair_typologies.back().items.push_back(std::move(item));
        }
        break;
      case El::tier: {
        TierRule t;
        t.name = attr_or(attrs, u"name", "");
        t.content = to_content(attr_or(attrs, u"content", "codes"));
        t.family = attr(attrs, u"family");
        t.scale = attr(attrs, u"scale");
        if (auto models = attr(attrs, u"stage_models")) t.stage_models = split_ws(*models);
        t.cv = attr(attrs, u"cv");
        t.linguistic_type = attr(attrs, u"linguistic_type");
        t.stereotype = attr_or(attrs, u"stereotype", "None");
        t.parent = attr(attrs, u"parent");
        t.participant = attr(attrs, u"participant");
        t.required = to_bool(attr(attrs, u"required"), false);
        t.per_coder = to_bool(attr(attrs, u"per_coder"), true);
        t.pos = here();
        m_cb.tiers.push_back(std::move(t));
        break;
      }
      case El::tier_affix: {
        TierAffix a;
        a.position = attr_or(attrs, u"position", "suffix") == "prefix" ? AffixPosition::prefix : AffixPosition::suffix;
        a.separator = attr_or(attrs, u"separator", "@");
        m_cb.coder_identification.tier_affixes.push_back(std::move(a));
        break;
      }
      case El::annotator_attribute: m_cb.coder_identification.annotator_attribute = true; break;
      case El::file_name: m_cb.coder_identification.file_name_separator = attr_or(attrs, u"separator", "_"); break;
      case El::label:
      case El::definition:
      case El::note:
      case El::observable: m_lang = attr_or(attrs, u"lang", ""); break;
      default: break;
    }
  }

  void characters(const XMLCh* chars, const XMLSize_t length) override {
    const El el = m_stack.empty() ? El::other : m_stack.back();
    if (el == El::label || el == El::definition || el == El::note || el == El::observable || el == El::source)
      text::append_utf8(m_text, xml::view(chars, length));
  }

  void endElement(const XMLCh*, const XMLCh*, const XMLCh*) override {
    const El el = m_stack.empty() ? El::other : m_stack.back();
    if (!m_stack.empty()) m_stack.pop_back();
    const El owner = m_stack.empty() ? El::other : m_stack.back();
    switch (el) {
      case El::label:
      case El::definition:
      case El::note:
      case El::observable: attach(el, owner, Text{m_lang, collapse(m_text)}); break;
      case El::source:
        if (!m_cb.sources.empty()) m_cb.sources.back().citation = collapse(m_text);
        break;
      default: break;
    }
    m_text.clear();
  }

 private:
  SourcePos here() const {
    if (!m_locator) return {};
    return {static_cast<std::int64_t>(m_locator->getLineNumber()),
            static_cast<std::int64_t>(m_locator->getColumnNumber())};
  }

  /// Labels are written over several lines in the codebook; a label is one line.
  static std::string collapse(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  }

  static void add(std::vector<Text>* labels, std::vector<Text>* definitions, std::vector<Text>* notes, El el, Text t) {
    std::vector<Text>* target = el == El::label ? labels : el == El::definition ? definitions : notes;
    if (target) target->push_back(std::move(t));
  }

  void attach(El el, El owner, Text t) {
    switch (owner) {
      case El::codebook: add(&m_cb.labels, &m_cb.definitions, &m_cb.notes, el, std::move(t)); break;
      case El::family:
        if (!m_cb.families.empty()) {
          auto& f = m_cb.families.back();
          add(&f.labels, &f.definitions, &f.notes, el, std::move(t));
        }
        break;
      case El::code:
        if (!m_cb.codes.empty()) {
          auto& c = m_cb.codes.back();
          add(&c.labels, &c.definitions, &c.notes, el, std::move(t));
        }
        break;
      case El::scale:
        if (!m_cb.scales.empty()) {
          auto& s = m_cb.scales.back();
          add(&s.labels, &s.definitions, &s.notes, el, std::move(t));
        }
        break;
      case El::anchor:
        if (!m_cb.scales.empty() && !m_cb.scales.back().anchors.empty() && el == El::label)
          m_cb.scales.back().anchors.back().labels.push_back(std::move(t));
        break;
      case El::stage_model:
        if (!m_cb.stage_models.empty()) {
          auto& m = m_cb.stage_models.back();
          add(&m.labels, nullptr, &m.notes, el, std::move(t));
        }
        break;
      case El::stage:
        if (!m_cb.stage_models.empty() && !m_cb.stage_models.back().stages.empty()) {
          auto& s = m_cb.stage_models.back().stages.back();
          if (el == El::label) s.labels.push_back(std::move(t));
          if (el == El::observable) s.observables.push_back(std::move(t));
        }
        break;
      case El::tier:
        if (!m_cb.tiers.empty() && el == El::label) m_cb.tiers.back().labels.push_back(std::move(t));
        break;
      case El::inference_rule:
        if (!m_cb.stage_inference.empty() && el == El::note) m_cb.stage_inference.back().notes.push_back(std::move(t));
        break;
      case El::outcome_rule:
        if (m_cb.outcome_rule && el == El::note) m_cb.outcome_rule->notes.push_back(std::move(t));
        break;
      case El::repair_typology:
        if (!m_cb.repair_typologies.empty()) {
          auto& r = m_cb.repair_typologies.back();
          add(&r.labels, &r.definitions, &r.notes, el, std::move(t));
        }
        break;
      case El::repair_item:
        if (!m_cb.repair_typologies.empty() && !m_cb.repair_typologies.back().items.empty() && el == El::label)
          m_cb.repair_typologies.back().items.back().labels.push_back(std::move(t));
        break;
      default: break;
    }
  }

  Codebook& m_cb;
  const xercesc::Locator* m_locator = nullptr;
  std::vector<El> m_stack;
  std::string m_text;
  std::string m_lang;
};

}  // namespace

RootInfo peek_root(std::string_view bytes, const std::string& name, std::vector<Diagnostic>& diagnostics) {
  RootInfo info;
  xml::HardenedReader reader = xml::make_hardened_reader({});
  PeekHandler handler(info);
  reader.reader->setLexicalHandler(&handler);
  run_parse(reader, handler, bytes, name, diagnostics);
  return info;
}

Diagnostic doctype_refused(const std::string& name, SourcePos pos, std::string_view what) {
  return make(Severity::error, "xml-doctype-refused", name, pos.line, pos.column,
              "the " + std::string(what) +
                  " has a document type declaration (<!DOCTYPE ...>); Rapport reads it against its XML schema and "
                  "never uses a DTD or entities, so the file is not read: delete the declaration");
}

void parse_codebook(std::string_view bytes, const std::string& name, const std::string& schema_file, Codebook& out,
                    std::vector<Diagnostic>& diagnostics) {
  xml::HardenedReader reader = xml::make_hardened_reader({});
  const std::size_t first = diagnostics.size();
  if (!load_schema(reader, schema_file, name, diagnostics)) return;
  CodebookHandler handler(out);
  run_parse(reader, handler, bytes, name, diagnostics);
  // Validation errors name the schema rule that failed; say so, so a codebook author knows the
  // file is well-formed but does not follow schemas/codebook.xsd.
  for (std::size_t i = first; i < diagnostics.size(); ++i) {
    Diagnostic& d = diagnostics[i];
    if (d.rule == "xml-error") {
      d.rule = "codebook-schema";
      d.message = "does not follow the codebook schema: " + d.message;
    } else if (d.rule == "xml-not-well-formed") {
      d.message = "the codebook is not well-formed XML: " + d.message;
    }
  }
}

}  // namespace rapport::codebook::detail
