// SPDX-License-Identifier: MIT
#include "rapport/check/elan_template.hpp"

#include <algorithm>

namespace rapport::check {
namespace {

/// BCP 47 → ISO 639-3 id and LANG_DEF, as ELAN writes LANGUAGE. The CDB URL for English is
/// the one ELAN itself writes (corpus files); for German no ISO CDB id was available, so the
/// SIL ISO 639-3 page is used (ELAN keeps any LANG_DEF URI).
struct LanguageRow {
  std::string_view bcp47, iso3, def, label;
};
constexpr LanguageRow language_table[] = {
    {"en", "eng", "http://cdb.iso.org/lg/CDB-00138502-001", "English (eng)"},
    {"de", "deu", "https://iso639-3.sil.org/code/deu", "German (deu)"},
};

const LanguageRow* language_row(std::string_view bcp47) {
  for (const auto& row : language_table)
    if (row.bcp47 == bcp47) return &row;
  return nullptr;
}

std::string iso3(std::string_view bcp47) {
  const LanguageRow* row = language_row(bcp47);
  return row ? std::string(row->iso3) : std::string(bcp47);
}

void add_entry(eaf::ControlledVocabulary& cv, const codebook::Codebook& cb, const std::string& value,
               const std::vector<codebook::Text>* labels) {
  eaf::CvEntry entry;
  entry.id = "cve_" + cv.id + "_" + value;
  for (const auto& lang : cb.languages) {
    eaf::CvValue v;
    v.lang_ref = iso3(lang.code);
    v.value = value;
    if (labels) {
      // Only a label in this very language: ELAN shows DESCRIPTION next to the value.
      for (const auto& t : *labels)
        if (t.lang == lang.code) v.description = t.text;
    }
    entry.values.push_back(std::move(v));
  }
  cv.entries.push_back(std::move(entry));
}

eaf::ControlledVocabulary make_cv(const codebook::Codebook& cb, const std::string& id) {
  eaf::ControlledVocabulary cv;
  cv.id = id;
  cv.multilingual = true;
  // Every rule that uses this CV; a CV shared by several scales (SCALE_1_5) gets no
  // per-value descriptions, since the anchors of one scale would mislabel the other.
  std::vector<const codebook::TierRule*> users;
  for (const auto& rule : cb.tiers)
    if (rule.cv && *rule.cv == id) users.push_back(&rule);
  const codebook::TierRule& first = *users.front();
  for (const auto& lang : cb.languages) {
    std::string text;
    if (first.content == codebook::TierContent::codes && first.family) {
      if (const auto* f = cb.find_family(*first.family)) text = std::string(codebook::pick(f->labels, lang.code));
    } else if (first.content == codebook::TierContent::segment_rating && first.scale) {
      std::string scales;
      for (const auto* u : users) scales += (scales.empty() ? "" : ", ") + u->scale.value_or("");
      text = cb.id + " rating scale (" + scales + ")";
    } else if (first.content == codebook::TierContent::stages) {
      text = cb.id + " stages";
    }
    if (!text.empty()) cv.descriptions.push_back({iso3(lang.code), text});
  }
  switch (first.content) {
    case codebook::TierContent::codes:
      if (first.family)
        for (const auto* code : cb.codes_of(*first.family))
          if (code->evidence != codebook::Evidence::unverified) add_entry(cv, cb, code->id, &code->labels);
      break;
    case codebook::TierContent::segment_rating:
      if (const auto* scale = first.scale ? cb.find_scale(*first.scale) : nullptr) {
        const bool shared = users.size() > 1;
        for (int v = scale->min; v <= scale->max; ++v) {
          const std::vector<codebook::Text>* labels = nullptr;
          if (!shared)
            for (const auto& a : scale->anchors)
              if (a.value == v) labels = &a.labels;
          add_entry(cv, cb, std::to_string(v), labels);
        }
        if (scale->na_allowed) add_entry(cv, cb, scale->na_value, nullptr);
      }
      break;
    case codebook::TierContent::stages:
      for (const auto& stage_id : cb.stage_ids(first.stage_models)) {
        const std::vector<codebook::Text>* labels = nullptr;
        for (const auto& model_id : first.stage_models)
          if (const auto* model = cb.find_stage_model(model_id))
            for (const auto& s : model->stages)
              if (s.id == stage_id && !labels) labels = &s.labels;
        add_entry(cv, cb, stage_id, labels);
      }
      break;
    default: break;
  }
  return cv;
}

}  // namespace

std::vector<eaf::ControlledVocabulary> elan_vocabularies(const codebook::Codebook& cb) {
  std::vector<eaf::ControlledVocabulary> out;
  for (const auto& rule : cb.tiers) {
    if (!rule.cv) continue;
    if (std::any_of(out.begin(), out.end(), [&](const auto& cv) { return cv.id == *rule.cv; })) continue;
    out.push_back(make_cv(cb, *rule.cv));
  }
  return out;
}

std::vector<eaf::Language> elan_languages(const codebook::Codebook& cb) {
  std::vector<eaf::Language> out;
  for (const auto& lang : cb.languages) {
    eaf::Language l;
    l.id = iso3(lang.code);
    if (const LanguageRow* row = language_row(lang.code)) {
      l.def = std::string(row->def);
      l.label = std::string(row->label);
    } else {
      l.label = lang.name;
    }
    out.push_back(std::move(l));
  }
  return out;
}

eaf::Document elan_ecv(const codebook::Codebook& cb, const TemplateOptions& options) {
  eaf::Document doc;
  doc.kind = eaf::DocumentKind::cv_resource;
  doc.version = "0.2";
  doc.date = options.date;
  doc.author = options.author;
  doc.languages = elan_languages(cb);
  doc.controlled_vocabularies = elan_vocabularies(cb);
  return doc;
}

eaf::Document elan_etf(const codebook::Codebook& cb, const TemplateOptions& options) {
  eaf::Document doc;
  doc.kind = eaf::DocumentKind::annotation_document;
  doc.format = "3.0";
  doc.version = "3.0";
  doc.date = options.date;
  doc.author = options.author;
  doc.languages = elan_languages(cb);
  doc.controlled_vocabularies = elan_vocabularies(cb);
  for (const auto& [stereotype, description] : std::initializer_list<std::pair<const char*, const char*>>{
           {"Time_Subdivision",
            "Time subdivision of parent annotation's time interval, no time gaps allowed within this interval"},
           {"Symbolic_Subdivision",
            "Symbolic subdivision of a parent annotation. Annotations refering to the same "
            "parent are ordered"},
           {"Symbolic_Association", "1-1 association with a parent annotation"},
           {"Included_In",
            "Time alignable annotations within the parent annotation's time interval, gaps are allowed"}})
    doc.constraints.push_back({stereotype, std::string(description)});

  for (const auto& rule : cb.tiers) {
    const std::string lt_id = rule.linguistic_type.value_or(rule.name);
    if (!std::any_of(doc.linguistic_types.begin(), doc.linguistic_types.end(),
                     [&](const eaf::LinguisticType& lt) { return lt.id == lt_id; })) {
      eaf::LinguisticType lt;
      lt.id = lt_id;
      const bool symbolic = rule.stereotype.starts_with("Symbolic");
      lt.time_alignable = !symbolic;
      if (rule.stereotype != "None") lt.constraints = rule.stereotype;
      lt.controlled_vocabulary = rule.cv;
      doc.linguistic_types.push_back(std::move(lt));
    }
    eaf::Tier tier;
    tier.id = rule.name;
    tier.linguistic_type = lt_id;
    tier.parent = rule.parent;
    tier.participant = rule.participant;
    if (rule.per_coder && !options.annotator.empty()) tier.annotator = options.annotator;
    doc.tiers.push_back(std::move(tier));
  }
  return doc;
}

}  // namespace rapport::check
