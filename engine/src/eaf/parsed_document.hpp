// SPDX-License-Identifier: MIT
// What the SAX pass hands to the resolution passes: the Document as written plus, per
// annotation, the indices of its time slots. Slot ids never leave the reader.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eaf/id_index.hpp"
#include "rapport/eaf/document.hpp"
#include "rapport/eaf/reader.hpp"

namespace rapport::eaf::detail {

inline constexpr std::uint32_t no_slot = UINT32_MAX;

/// TIME_SLOT_REF1/2 of one alignable annotation as indices into Document::time_slots.
struct SlotLinks {
  std::uint32_t begin = no_slot;
  std::uint32_t end = no_slot;
};

/// A slot reference that named no known TIME_SLOT when it was read (kept for the diagnostic).
struct DanglingSlotRef {
  std::uint32_t tier = 0;
  std::uint32_t annotation = 0;
  bool is_end = false;
  std::string slot_id;
};

/// Where an annotation is: doc.tiers[tier].annotations[index] (document order).
struct AnnotationRef {
  std::uint32_t tier = 0;
  std::uint32_t index = 0;
};

struct ParsedDocument {
  Document doc;
  /// slot_links[t][a] belongs to doc.tiers[t].annotations[a] (document order, before sorting).
  std::vector<std::vector<SlotLinks>> slot_links;
  std::vector<DanglingSlotRef> dangling_slot_refs;
  /// ANNOTATION_ID → first annotation with that id (filled by check_references; valid until
  /// resolve_times sorts the tiers).
  IdIndex<AnnotationRef> annotation_index;
  /// Number of TIER elements in the file (duplicates included).
  std::size_t tier_elements = 0;
};

class OpenFile;

/// Parses `bytes`, or when there are none the file at `path`, which the caller has opened as
/// `file` (read through it, so the file is opened once), into `out`. Never throws.
void parse_xml(std::optional<std::string_view> bytes, const std::filesystem::path& path, OpenFile* file,
               const ReadOptions& options, ParsedDocument& out);

/// Duplicate ids, dangling references between elements, cycles in PARENT_REF.
void check_references(ParsedDocument& parsed);

/// Resolves every annotation's time as ELAN shows it (interpolation, symbolic tiers), checks
/// the time order of each tier, and sorts each tier's annotations by time.
void resolve_times(ParsedDocument& parsed);

/// Loads external CVs and resolves each annotation's CVE_REF through its tier's CV.
void resolve_cvs(Document& doc, const ReadOptions& options, const std::filesystem::path& eaf_dir);

/// Builds a diagnostic for `doc` at `pos`.
Diagnostic make_diagnostic(const Document& doc, Severity severity, std::string rule, SourcePos pos,
                           std::string message);

}  // namespace rapport::eaf::detail
