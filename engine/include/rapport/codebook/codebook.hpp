// SPDX-License-Identifier: MIT
// The in-memory model of a codebook (schemas/codebook.xsd): code families and codes, rating
// scales, segment and session ratings, stage-process models and the ELAN tier layout. The
// codebook knows nothing of EAF: tier rules are plain names and attributes that the binding
// (rapport/check) compares with a Document.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::codebook {

/// How well a piece of the codebook is known (the tags of ../shared/domain/3rs.md).
enum class Evidence { sourced, secondary, recalled, inferred, unverified };
std::string_view to_string(Evidence evidence) noexcept;

/// Where an element is in the codebook file (1-based; 0 when unknown).
struct SourcePos {
  std::int64_t line = 0;
  std::int64_t column = 0;
};

/// Text in one language (`lang` is a BCP 47 tag).
struct Text {
  std::string lang;
  std::string text;
};

/// The text in `lang`, else in `fallback`, else the first one; empty when there is none.
std::string_view pick(const std::vector<Text>& texts, std::string_view lang, std::string_view fallback = "en");

struct CodeAttribute {
  std::string name;
  std::string value;
  Evidence evidence = Evidence::recalled;
};

struct Code {
  std::string id;
  std::string family;  ///< id of the family that holds the code
  std::vector<Text> labels;
  std::vector<Text> definitions;
  std::vector<Text> notes;
  std::vector<CodeAttribute> attributes;
  Evidence evidence = Evidence::recalled;
  SourcePos pos;

  /// Value of attribute `name`, or nullopt.
  std::optional<std::string_view> attribute(std::string_view name) const noexcept;
};

enum class FamilyKind { rupture_marker, resolution_strategy, other };
enum class RuptureType { none, withdrawal, confrontation, any };
std::string_view to_string(FamilyKind kind) noexcept;
std::string_view to_string(RuptureType type) noexcept;

struct Family {
  std::string id;
  FamilyKind kind = FamilyKind::other;
  RuptureType rupture_type = RuptureType::none;
  std::vector<Text> labels;
  std::vector<Text> definitions;
  std::vector<Text> notes;
  std::vector<std::string> codes;  ///< ids, in document order
  SourcePos pos;
};

enum class RatingLevel { segment, session };

struct Anchor {
  int value = 0;
  std::vector<Text> labels;
  SourcePos pos;
};

struct Scale {
  std::string id;
  RatingLevel level = RatingLevel::segment;
  int min = 1;
  int max = 5;
  bool na_allowed = false;
  std::string na_value = "NA";
  RuptureType rupture_type = RuptureType::none;
  std::vector<Text> labels;
  std::vector<Text> definitions;
  std::vector<Text> notes;
  std::vector<Anchor> anchors;
  Evidence evidence = Evidence::recalled;
  SourcePos pos;
};

struct RequiredRating {
  std::string scale;
  bool required = true;
  SourcePos pos;
};

struct Segmentation {
  std::int64_t length_ms = 300000;  ///< 0: the whole session is one segment
  bool last_may_be_shorter = true;
  std::vector<RequiredRating> ratings;
  Evidence evidence = Evidence::recalled;
};

struct Stage {
  std::string id;
  bool marker = false;  ///< the stage is the rupture marker itself
  std::vector<Text> labels;
  std::vector<Text> observables;
  Evidence evidence = Evidence::recalled;
  SourcePos pos;
};

struct StageModel {
  std::string id;
  RuptureType rupture_type = RuptureType::any;
  bool ordered = true;
  bool sequence_strict = false;
  std::vector<Text> labels;
  std::vector<Text> notes;
  std::vector<Stage> stages;
  Evidence evidence = Evidence::recalled;
  SourcePos pos;
};

struct EpisodeParameters {
  std::int64_t gap_max_ms = 120000;
  std::int64_t quiet_min_ms = 60000;
};

/// Schema 1.1: entry into `stage` of each of `models` is inferred at the onset of an episode's
/// annotation with a code in `codes` or of a family in `families` (used only where the coder
/// annotated no stage of that model in the episode; the stage is then reported as inferred).
struct StageInferenceRule {
  std::vector<std::string> models;
  std::string stage;
  std::vector<std::string> codes;
  std::vector<std::string> families;
  std::vector<Text> notes;
  Evidence evidence = Evidence::inferred;
  SourcePos pos;
};

/// Schema 1.1: how an episode's outcome follows from its stages, strategies and segment
/// resolution ratings. The defaults are 3rs.md §5.4's `outcome_rule_default` (Rapport's
/// proposal, [I]): resolved if the last stage of a model is reached or max(scale) >= 4; not
/// addressed if no strategy was coded; partial if max(scale) >= 3; else unresolved.
struct OutcomeRule {
  std::string scale = "SEG_RES";
  int resolved_min = 4;
  int partial_min = 3;
  bool final_stage_resolves = true;
  std::vector<Text> notes;
  Evidence evidence = Evidence::inferred;
  SourcePos pos;
};

/// Schema 1.1: one item of a repair typology and the codes that count as it.
struct RepairItem {
  std::string id;
  std::vector<std::string> codes;
  std::string directness;  ///< e.g. direct / indirect (Safran & Muran 2000); may be empty
  std::string level;       ///< e.g. surface / depth; may be empty
  std::vector<Text> labels;
  Evidence evidence = Evidence::inferred;
  SourcePos pos;
};

/// Schema 1.1: a grouping of strategy codes, e.g. the six repair strategies of Safran, Muran &
/// Eubanks-Carter (2011) over the 3RS resolution codes.
struct RepairTypology {
  std::string id;
  std::optional<std::string> source;  ///< id of a <source> of the codebook
  std::vector<Text> labels;
  std::vector<Text> definitions;
  std::vector<Text> notes;
  std::vector<RepairItem> items;
  Evidence evidence = Evidence::inferred;
  SourcePos pos;
};

enum class TierContent { segments, segment_rating, codes, stages, session_ratings, episodes, transcript };
std::string_view to_string(TierContent content) noexcept;

/// How a tier of the layout is recognised and what it must look like.
struct TierRule {
  std::string name;  ///< base tier name, without a coder affix
  TierContent content = TierContent::codes;
  std::optional<std::string> family;      ///< codes
  std::optional<std::string> scale;       ///< segment_rating
  std::vector<std::string> stage_models;  ///< stages
  std::optional<std::string> cv;          ///< ELAN CV id a template gives the tier
  std::optional<std::string> linguistic_type;
  std::string stereotype = "None";    ///< ELAN stereotype name, "None" for a top-level tier
  std::optional<std::string> parent;  ///< base name of the parent tier
  std::optional<std::string> participant;
  bool required = false;
  bool per_coder = true;
  std::vector<Text> labels;
  SourcePos pos;
};

enum class AffixPosition { prefix, suffix };

struct TierAffix {
  AffixPosition position = AffixPosition::suffix;
  std::string separator;
};

struct CoderIdentification {
  std::vector<TierAffix> tier_affixes;
  bool annotator_attribute = false;
  std::optional<std::string> file_name_separator;
};

struct SourceReference {
  std::string id;
  std::optional<std::string> doi;
  std::optional<std::string> url;
  std::string citation;
};

struct Language {
  std::string code;
  std::string name;
};

struct Codebook {
  std::string file;            ///< where it was read from; empty when built in code
  std::string schema_version;  ///< as written in the document
  std::string id;
  std::string version;
  std::string instrument;
  std::vector<Text> labels;
  std::vector<Text> definitions;
  std::vector<Text> notes;
  std::vector<SourceReference> sources;
  std::vector<Language> languages;
  std::string default_language = "en";

  std::vector<Family> families;
  std::vector<Code> codes;  ///< all codes, in document order
  std::vector<Scale> scales;
  Segmentation segmentation;
  std::vector<RequiredRating> session_ratings;
  std::vector<StageModel> stage_models;
  EpisodeParameters episodes;
  std::vector<StageInferenceRule> stage_inference;  ///< schema 1.1; empty: no stage is inferred
  std::optional<OutcomeRule> outcome_rule;          ///< schema 1.1; absent: OutcomeRule{} applies
  std::vector<RepairTypology> repair_typologies;    ///< schema 1.1
  std::vector<TierRule> tiers;
  CoderIdentification coder_identification;

  const Code* find_code(std::string_view code_id) const noexcept;
  const Family* find_family(std::string_view family_id) const noexcept;
  const Scale* find_scale(std::string_view scale_id) const noexcept;
  const StageModel* find_stage_model(std::string_view model_id) const noexcept;
  const TierRule* find_tier_rule(std::string_view name) const noexcept;
  const RepairTypology* find_repair_typology(std::string_view typology_id) const noexcept;
  /// Codes of family `family_id`, in document order.
  std::vector<const Code*> codes_of(std::string_view family_id) const;
  /// Stage ids of the given models, first occurrence order, without repeats.
  std::vector<std::string> stage_ids(const std::vector<std::string>& model_ids) const;
  /// Rebuilds the lookup index; the reader calls it, code that edits the vectors must too.
  void reindex();

 private:
  std::map<std::string, std::size_t, std::less<>> m_code_index;
};

}  // namespace rapport::codebook
