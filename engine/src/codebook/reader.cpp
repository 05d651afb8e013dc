// SPDX-License-Identifier: MIT
// Loading a codebook: pick the schema for the version the file declares, validate with Xerces,
// then check what the schema cannot express.
#include "rapport/codebook/reader.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "codebook/sax_handler.hpp"
#include "rapport/codebook/data_dir.hpp"

namespace rapport::codebook {
namespace {

/// Schema version → schema file under the data directory. A 1.x schema accepts every older
/// 1.x document (see the comment at the top of schemas/codebook.xsd); a future major version
/// adds a row here and keeps the old file.
struct SchemaRow {
  std::string_view version;
  std::string_view file;
};
constexpr SchemaRow schema_table[] = {{"1.0", "schemas/codebook.xsd"}, {"1.1", "schemas/codebook.xsd"}};

Diagnostic make(Severity severity, std::string rule, const std::string& file, SourcePos pos, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.rule = std::move(rule);
  d.file = file;
  d.line = pos.line;
  d.column = pos.column;
  d.message = std::move(message);
  return d;
}

/// Checks that need the whole model: cross references the XSD cannot state, anchors inside
/// their range, tier rules that carry what their content needs.
void check_semantics(const Codebook& cb, std::vector<Diagnostic>& out) {
  const std::string& file = cb.file;
  auto error = [&](std::string rule, SourcePos pos, std::string message) {
    out.push_back(make(Severity::error, std::move(rule), file, pos, std::move(message)));
  };

  std::set<std::string, std::less<>> languages;
  for (const auto& l : cb.languages) languages.insert(l.code);
  if (!languages.count(cb.default_language))
    error("codebook-language", {}, "the default language '" + cb.default_language + "' is not declared in <languages>");

  for (const auto& s : cb.scales) {
    if (s.min > s.max)
      error("codebook-scale-range", s.pos,
            "scale '" + s.id + "' has min " + std::to_string(s.min) + " above max " + std::to_string(s.max));
    for (const auto& a : s.anchors)
      if (a.value < s.min || a.value > s.max)
        error("codebook-anchor-out-of-range", a.pos,
              "anchor " + std::to_string(a.value) + " of scale '" + s.id + "' lies outside " + std::to_string(s.min) +
                  "-" + std::to_string(s.max));
    if (s.na_allowed) {
      // The N/A value must not be readable as a point of the scale, or "3" could mean either.
      bool numeric = !s.na_value.empty() &&
                     std::all_of(s.na_value.begin(), s.na_value.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (numeric || s.na_value.empty())
        error("codebook-scale-na", s.pos,
              "scale '" + s.id + "' needs a non-numeric na_value, not '" + s.na_value + "'");
    }
  }

  auto check_level = [&](const RequiredRating& r, RatingLevel level, std::string_view where) {
    const Scale* s = cb.find_scale(r.scale);
    if (!s) {
      error("codebook-unknown-reference", r.pos,
            "<" + std::string(where) + "> names scale '" + r.scale + "', which the codebook does not define");
      return;
    }
    if (s->level != level)
      error("codebook-rating-level", r.pos,
            "scale '" + r.scale + "' is a " + (s->level == RatingLevel::session ? "session" : "segment") +
                " scale but is listed under <" + std::string(where) + ">");
  };
  for (const auto& r : cb.segmentation.ratings) check_level(r, RatingLevel::segment, "segmentation");
  for (const auto& r : cb.session_ratings) check_level(r, RatingLevel::session, "session_ratings");

  for (const auto& m : cb.stage_models) {
    std::set<std::string, std::less<>> seen;
    for (const auto& s : m.stages)
      if (!seen.insert(s.id).second)
        error("codebook-duplicate-stage", s.pos, "stage '" + s.id + "' appears twice in model '" + m.id + "'");
  }

  // Schema 1.1: stage inference, outcome rule and repair typologies name stages, models,
  // codes, families and scales that must exist.
  for (const auto& r : cb.stage_inference) {
    if (r.codes.empty() && r.families.empty())
      error("codebook-stage-inference", r.pos,
            "the inference rule for stage '" + r.stage + "' names no codes or families");
    for (const auto& model_id : r.models) {
      const StageModel* model = cb.find_stage_model(model_id);
      if (!model) {
        error("codebook-unknown-reference", r.pos,
              "an inference rule names stage model '" + model_id + "', which the codebook does not define");
      } else if (std::none_of(model->stages.begin(), model->stages.end(),
                              [&](const Stage& s) { return s.id == r.stage; })) {
        error("codebook-unknown-reference", r.pos,
              "an inference rule names stage '" + r.stage + "', which model '" + model_id + "' does not have");
      }
    }
    for (const auto& code : r.codes)
      if (!cb.find_code(code))
        error("codebook-unknown-reference", r.pos,
              "an inference rule names code '" + code + "', which the codebook does not define");
    for (const auto& family : r.families)
      if (!cb.find_family(family))
        error("codebook-unknown-reference", r.pos,
              "an inference rule names family '" + family + "', which the codebook does not define");
  }
  if (cb.outcome_rule) {
    const OutcomeRule& r = *cb.outcome_rule;
    const Scale* s = cb.find_scale(r.scale);
    if (!s)
      error("codebook-unknown-reference", r.pos,
            "the outcome rule names scale '" + r.scale + "', which the codebook does not define");
    else if (s->level != RatingLevel::segment)
      error("codebook-rating-level", r.pos, "the outcome rule needs a segment scale, not '" + r.scale + "'");
    if (r.partial_min > r.resolved_min)
      error("codebook-outcome-rule", r.pos,
            "the outcome rule's partial_min " + std::to_string(r.partial_min) + " is above resolved_min " +
                std::to_string(r.resolved_min));
  }
  for (const auto& t : cb.repair_typologies) {
    std::set<std::string, std::less<>> seen;
    for (const auto& item : t.items) {
      if (!seen.insert(item.id).second)
        error("codebook-duplicate-repair-item", item.pos,
              "item '" + item.id + "' appears twice in repair typology '" + t.id + "'");
      for (const auto& code : item.codes)
        if (!cb.find_code(code))
          error("codebook-unknown-reference", item.pos,
                "repair item '" + item.id + "' names code '" + code + "', which the codebook does not define");
    }
  }

  std::size_t segment_tiers = 0;
  for (const auto& t : cb.tiers) {
    switch (t.content) {
      case TierContent::segments: ++segment_tiers; break;
      case TierContent::codes:
        if (!t.family)
          error("codebook-tier-rule", t.pos, "tier '" + t.name + "' carries codes but names no family");
        else if (!cb.find_family(*t.family))
          error("codebook-unknown-reference", t.pos,
                "tier '" + t.name + "' names family '" + *t.family + "', which the codebook does not define");
        break;
      case TierContent::segment_rating: {
        if (!t.scale) {
          error("codebook-tier-rule", t.pos, "tier '" + t.name + "' carries segment ratings but names no scale");
        } else if (!cb.find_scale(*t.scale)) {
          error("codebook-unknown-reference", t.pos,
                "tier '" + t.name + "' names scale '" + *t.scale + "', which the codebook does not define");
        } else if (const Scale* s = cb.find_scale(*t.scale); s && s->level != RatingLevel::segment) {
          error("codebook-tier-rule", t.pos,
                "tier '" + t.name + "' rates segments with session scale '" + *t.scale + "'");
        }
        break;
      }
      case TierContent::stages:
        if (t.stage_models.empty())
          error("codebook-tier-rule", t.pos, "tier '" + t.name + "' carries stages but names no stage model");
        for (const auto& id : t.stage_models)
          if (!cb.find_stage_model(id))
            error("codebook-unknown-reference", t.pos,
                  "tier '" + t.name + "' names stage model '" + id + "', which the codebook does not define");
        break;
      default: break;
    }
    if (t.parent && !cb.find_tier_rule(*t.parent))
      error("codebook-unknown-reference", t.pos,
            "tier '" + t.name + "' names parent tier '" + *t.parent + "', which the tier layout does not define");
    for (const auto& a : cb.coder_identification.tier_affixes)
      if (!a.separator.empty() && t.name.find(a.separator) != std::string::npos)
        error("codebook-tier-rule", t.pos,
              "tier name '" + t.name + "' contains the coder separator '" + a.separator +
                  "', so the coder could not be told apart from the name");
  }
  if (segment_tiers > 1) error("codebook-tier-rule", {}, "the tier layout has more than one segments tier");
  if (!cb.segmentation.ratings.empty() && segment_tiers == 0)
    error("codebook-tier-rule", {}, "segment ratings are required but the tier layout has no segments tier");
}

}  // namespace

std::string ReadResult::description() const {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) return format_diagnostic(d);
  return "ok";
}

std::vector<std::string> supported_schema_versions() {
  std::vector<std::string> out;
  for (const auto& row : schema_table) out.emplace_back(row.version);
  return out;
}

ReadResult read_codebook_memory(std::string_view bytes, const std::string& name, const ReadOptions& options) {
  ReadResult result;
  detail::RootInfo root = detail::peek_root(bytes, name, result.diagnostics);
  if (root.doctype) {
    result.diagnostics.push_back(detail::doctype_refused(name, *root.doctype, "codebook"));
    return result;
  }
  if (!root.well_formed_start) {
    if (result.diagnostics.empty())
      result.diagnostics.push_back(make(Severity::error, "xml-not-well-formed", name, {}, "the file is empty"));
    return result;
  }
  if (root.local_name != "codebook" || root.namespace_uri != detail::namespace_uri) {
    result.diagnostics.push_back(make(Severity::error, "codebook-not-a-codebook", name, root.pos,
                                      "the root element is '" + root.local_name + "'" +
                                          (root.namespace_uri.empty() ? std::string(" in no namespace")
                                                                      : " in namespace '" + root.namespace_uri + "'") +
                                          "; a codebook is <codebook xmlns=\"" + std::string(detail::namespace_uri) +
                                          "\">"));
    return result;
  }
  if (!root.schema_version) {
    result.diagnostics.push_back(make(Severity::error, "codebook-schema-version", name, root.pos,
                                      "the codebook has no schema_version attribute (this Rapport reads 1.0 and 1.1)"));
    return result;
  }
  const auto row = std::find_if(std::begin(schema_table), std::end(schema_table),
                                [&](const SchemaRow& r) { return r.version == *root.schema_version; });
  if (row == std::end(schema_table)) {
    std::string known;
    for (const auto& v : supported_schema_versions()) known += (known.empty() ? "" : ", ") + v;
    result.diagnostics.push_back(make(Severity::error, "codebook-schema-version", name, root.pos,
                                      "schema_version '" + *root.schema_version + "' is not one this Rapport reads (" +
                                          known + "); a newer Rapport may"));
    return result;
  }
  std::filesystem::path schema;
  if (options.schema_file) {
    schema = *options.schema_file;
  } else if (auto found = find_data_file(std::filesystem::path(std::string(row->file)))) {
    schema = *found;
  } else {
    result.diagnostics.push_back(make(Severity::error, "codebook-schema-missing", name, {},
                                      "cannot find " + std::string(row->file) +
                                          " in any data directory; set RAPPORT_DATA_DIR to the folder that holds "
                                          "schemas/ and codebooks/"));
    return result;
  }

  Codebook cb;
  cb.file = name;
  detail::parse_codebook(bytes, name, schema.string(), cb, result.diagnostics);
  const bool xml_ok = std::none_of(result.diagnostics.begin(), result.diagnostics.end(),
                                   [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (!xml_ok) return result;
  check_semantics(cb, result.diagnostics);
  if (std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                  [](const Diagnostic& d) { return d.severity == Severity::error; }))
    return result;
  cb.reindex();
  result.codebook = std::move(cb);
  return result;
}

ReadResult read_codebook_file(const std::filesystem::path& path, const ReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ReadResult result;
    result.diagnostics.push_back(
        make(Severity::error, "codebook-io", path.string(), {}, "cannot open the codebook file for reading"));
    return result;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return read_codebook_memory(buffer.str(), path.string(), options);
}

}  // namespace rapport::codebook
