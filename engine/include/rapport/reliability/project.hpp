// SPDX-License-Identifier: MIT
// Pairing a coding project for reliability: the coded sessions of every file, grouped by session
// and coder. A session coded by one coder, a coder that could not be identified, a session coded
// twice by the same coder and a tier that one coder has and another lacks are reported as
// diagnostics (rules "reliability-*"), never dropped silently (issue 7, "Pairing").
//
// The builder takes documents one at a time and keeps only their coded content, packed
// (PackedCodings); the analysis unpacks one session at a time (Project::load).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/check/coded_session.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/diagnostic.hpp"
#include "rapport/eaf/document.hpp"
#include "rapport/reliability/packed_codings.hpp"

namespace rapport::reliability {

/// One coder's coding of one session, with what the reliability levels need beyond it.
struct CoderCoding {
  check::CodedSessionData data;  ///< file, session, coder, events, segments, ratings
  /// Base names of the codebook tiers this coder has (e.g. "3RS_W", "SEG_WSIG"): a variable whose
  /// tier is absent is missing for this coder, not "never coded".
  std::vector<std::string> tiers;
  std::optional<std::string> date;  ///< the document's DATE attribute (ELAN's save time)
  eaf::Millis end_ms = 0;           ///< latest end of the coder's segments and events

  bool has_tier(std::string_view base_name) const noexcept;
};

/// Every coder's coding of one session, coders in name order.
struct SessionCoding {
  std::string session;
  std::vector<CoderCoding> coders;

  const CoderCoding* find(std::string_view coder) const noexcept;
  /// Latest end over the coders: the stretch of time the session covers, [0, end_ms).
  eaf::Millis end_ms() const noexcept;
};

/// What a Project knows of one coder's coding of a session while its coded content stays packed
/// (Project::load gives it in full): whose it is, from which file, on which tiers, until when.
struct CoderEntry {
  std::string file;
  std::string coder;
  std::vector<std::string> tiers;   ///< as CoderCoding::tiers
  std::optional<std::string> date;  ///< as CoderCoding::date
  eaf::Millis end_ms = 0;           ///< as CoderCoding::end_ms
  std::size_t packed = 0;           ///< its number in Project::codings

  bool has_tier(std::string_view base_name) const noexcept;
};

/// A session of a Project, coders in name order, without their coded content.
struct SessionEntry {
  std::string session;
  std::vector<CoderEntry> coders;

  const CoderEntry* find(std::string_view coder) const noexcept;
  /// As SessionCoding::end_ms.
  eaf::Millis end_ms() const noexcept;
  /// The earliest DATE of its files, when every file has one.
  std::optional<std::string> date() const;
};

/// A paired project. The sessions list who coded what; the coded content itself stays packed
/// and each step of the analysis unpacks the session it works on (load), so that the project in
/// full form, about three times the packed size, is never in memory at once.
struct Project {
  std::vector<std::string> coders;      ///< every coder seen, name order
  std::vector<SessionEntry> sessions;   ///< coded by two or more coders, session name order
  std::vector<SessionEntry> unpaired;   ///< coded by one coder only
  std::vector<std::string> files;       ///< every file added, in order
  std::vector<Diagnostic> diagnostics;  ///< pairing problems, plus the readers' fatal errors
  PackedCodings codings;                ///< the coded content of every coder of every session

  /// `session` (one of `sessions` or `unpaired`) in full: each coder's events, segments and
  /// ratings unpacked (stage marks aside, which reliability never reads). Const: threads may
  /// load sessions at once.
  SessionCoding load(const SessionEntry& session) const;
};

/// What one document brings to a project: each coder's coding in it and the file's problems.
/// Made by ProjectBuilder::reduce, after which the document may be dropped; small enough to keep
/// for every file of a large project, or to carry from one machine to another (a report shard).
struct FileCodings {
  std::string file;
  std::vector<CoderCoding> codings;
  std::vector<Diagnostic> diagnostics;
};

/// Collects the coded sessions of a stream of documents and pairs them across coders.
class ProjectBuilder {
 public:
  /// `project` (optional, must outlive the builder) overrides session, coder and coder
  /// identification for the files it lists, as in `rapport check --project`. `codings` says
  /// where the packed codings wait (PackedCodings): a whole project's in a temporary file.
  explicit ProjectBuilder(const codebook::Codebook& codebook, const codebook::Project* project = nullptr,
                          Spool codings = Spool::memory)
      : m_codebook(codebook), m_project(project), m_packed(codings) {}

  /// Binds `document` to the codebook and keeps the coded content of each coder in it (one file
  /// per coder, or all coders in one file). The document may be dropped afterwards.
  void add(const eaf::Document& document) { add(reduce(document)); }

  /// The part of add() that reads the document; const, so reader threads may call it at once.
  FileCodings reduce(const eaf::Document& document) const;
  /// Adds a reduced file. Files are paired in the order they are added (the first of two files
  /// claiming the same session and coder is used). Its codings are packed (PackedCodings) at
  /// once; their stage marks are not kept: the reliability does not read them. Throws
  /// std::runtime_error when the packed codings cannot be kept (PackedCodings::add).
  void add(FileCodings file);

  /// Pairs what was added: sessions by name, coders by name, tiers by base name. Call once: the
  /// packed codings move into the project.
  Project finish();

 private:
  struct Added {
    std::string session;
    CoderEntry entry;
  };

  const codebook::Codebook& m_codebook;
  const codebook::Project* m_project;
  std::vector<Added> m_added;  ///< every coding added, in order
  PackedCodings m_packed;
  std::vector<std::string> m_files;
  std::vector<Diagnostic> m_diagnostics;
};

/// Convenience: a builder over `documents`.
Project build_project(const std::vector<eaf::Document>& documents, const codebook::Codebook& codebook,
                      const codebook::Project* project = nullptr);

/// The base names of the tiers whose presence decides whether a variable is known: the tier of
/// a family's codes, of a scale's segment ratings, the segment tier and the session tier.
std::optional<std::string> tier_of_family(const codebook::Codebook& codebook, std::string_view family);
std::optional<std::string> tier_of_scale(const codebook::Codebook& codebook, std::string_view scale);

}  // namespace rapport::reliability
