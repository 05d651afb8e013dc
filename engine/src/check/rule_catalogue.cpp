// SPDX-License-Identifier: MIT
// The catalogue of check rules. Ids are a contract (scripts filter on them): add, never rename.
#include <algorithm>
#include <array>

#include "rapport/check/check.hpp"

namespace rapport::check {

namespace {
constexpr std::array catalogue{
    RuleInfo{"code-unknown", Severity::error, "an annotation value is not a code of the tier's family"},
    RuleInfo{"code-wrong-family", Severity::error, "a code of another family (e.g. a C code on the W tier)"},
    RuleInfo{"code-unverified", Severity::warning, "a code the codebook marks as not verified against the manual"},
    RuleInfo{"cve-ref-mismatch", Severity::error,
             "the CVE_REF names a CV entry whose value differs from the annotation"},
    RuleInfo{"rating-out-of-scale", Severity::error, "a rating that is not a point of its scale (or N/A where none)"},
    RuleInfo{"segment-rating-missing", Severity::error, "a segment without a required rating"},
    RuleInfo{"segment-rating-duplicate", Severity::error, "a segment with two ratings on one scale"},
    RuleInfo{"session-rating-missing", Severity::error, "a required session rating is absent"},
    RuleInfo{"session-rating-unknown", Severity::error, "a session rating names a scale the codebook lacks"},
    RuleInfo{"session-rating-malformed", Severity::error, "a session rating is not SCALE=VALUE"},
    RuleInfo{"session-rating-duplicate", Severity::error, "a session rating given twice"},
    RuleInfo{"segment-gap", Severity::error, "the segment tier leaves part of the session uncovered"},
    RuleInfo{"segment-overlap", Severity::error, "two segments overlap"},
    RuleInfo{"segment-length", Severity::error, "a segment is not the codebook's segment length"},
    RuleInfo{"segment-number", Severity::warning, "a segment's value is not its position (1, 2, ...)"},
    RuleInfo{"annotation-overlap", Severity::warning, "two annotations of one tier overlap"},
    RuleInfo{"annotation-zero-length", Severity::error, "an annotation ends at or before its start"},
    RuleInfo{"annotation-past-media-end", Severity::error, "an annotation ends after the session (media) end"},
    RuleInfo{"strategy-without-marker", Severity::warning,
             "a resolution strategy with no rupture marker before it in its segment or episode window"},
    RuleInfo{"significance-without-marker", Severity::warning,
             "a significance rating above 1 in a segment with no marker of that type"},
    RuleInfo{"marker-without-significance", Severity::warning,
             "a marker in a segment whose significance rating for that type is 1"},
    RuleInfo{"stage-unknown", Severity::error, "a stage annotation that is no stage of the tier's stage models"},
    RuleInfo{"stage-outside-rupture", Severity::warning, "a stage annotation outside any rupture episode"},
    RuleInfo{"stage-marker-mismatch", Severity::warning, "a rupture-marker stage (S1) that coincides with no marker"},
    RuleInfo{"tier-missing", Severity::error, "a tier the codebook requires is absent"},
    RuleInfo{"tier-wrong-parent", Severity::error, "a rating tier whose parent is not the coder's segment tier"},
    RuleInfo{"tier-wrong-type", Severity::warning, "a tier whose ELAN stereotype differs from the codebook's layout"},
    RuleInfo{"tier-duplicate", Severity::error, "two tiers carry the same role for one coder"},
    RuleInfo{"tier-unrecognised", Severity::info, "a tier of a coded file that matches no tier rule"},
    RuleInfo{"coder-identified-twice", Severity::error, "the same session and coder come from two files"},
    RuleInfo{"coder-conflict", Severity::warning, "the tier name and ANNOTATOR name different coders"},
    RuleInfo{"coder-unidentified", Severity::warning, "no coder could be found for a coded tier"},
    RuleInfo{"tiers-unrecognised", Severity::info, "no tier of the file matches the codebook (not checked)"},
    RuleInfo{"file-unreadable", Severity::error, "the file could not be read as ELAN"},
};
}  // namespace

std::span<const RuleInfo> rules() { return catalogue; }

const RuleInfo* find_rule(std::string_view id) noexcept {
  auto it = std::find_if(catalogue.begin(), catalogue.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == catalogue.end() ? nullptr : &*it;
}

}  // namespace rapport::check
