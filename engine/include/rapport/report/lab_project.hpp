// SPDX-License-Identifier: MIT
// The pipeline of the lab report, shared by `rapport report` (with or without --shard K/N) and
// `rapport merge`, so that a merged report is the unsharded one by construction:
//
//   file ──read──► Document ──reduce──► FileDigest ──► LabAccumulator ──finish──► LabReportWriter
//                  (dropped at once)    (small; or a line of a part file)   (every statistic
//                                                                           computed over the union,
//                                                                           each document written
//                                                                           and dropped in turn)
//
// A FileDigest holds what check, reliability and stages keep of one file: the check findings,
// each coder's coded units (events, segments and ratings, stage marks) and the diagnostics.
// Every statistic is computed in LabAccumulator::finish from the digests of the whole project,
// never averaged across shards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/check/check.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/diagnostic.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/reliability/project.hpp"
#include "rapport/reliability/reliability.hpp"
#include "rapport/report/lab_report.hpp"
#include "rapport/stages/stages.hpp"

namespace rapport::report {

/// One utterance of a transcript tier (a shared tier whose codebook rule has content
/// "transcript"). Health data: read only with --include-transcript.
struct TranscriptLine {
  std::string tier;
  std::string speaker;  ///< the rule's participant role ("patient", "therapist"), else the tier id
  eaf::Millis start_ms = 0;
  eaf::Millis end_ms = 0;
  std::string text;
};

/// What one file contributes to the lab report, and nothing more.
struct FileDigest {
  std::size_t index = 0;  ///< position in the project's file list (eaf::collect_eaf_files order)
  std::string file;
  std::vector<check::CheckedFile> checked;    ///< this file's part of check::CheckResult::files
  std::vector<Diagnostic> check_diagnostics;  ///< and of its diagnostics
  reliability::FileCodings codings;           ///< ProjectBuilder::reduce
  stages::FileSessions sessions;              ///< StagesRun::reduce
  std::vector<TranscriptLine> transcript;     ///< lines overlapping an episode; with the transcript only
};

/// What decides the results besides the files: recorded in every part of a sharded run, and
/// equal across the parts of a merge.
struct LabSettings {
  std::vector<std::string> paths;      ///< PATHS as given
  std::string codebook;                ///< --codebook as given (NAME, FILE or URL)
  std::string codebook_id;             ///< the id of the codebook it named
  std::optional<std::string> project;  ///< --project FILE
  bool include_transcript = false;
  std::size_t files = 0;       ///< files of the whole project
  std::string file_list_hash;  ///< file_list_hash() of the whole project's files
};

/// A fingerprint of the project's file list (FNV-1a, 64 bits, hex), so that a merge can tell
/// parts of different projects apart.
std::string file_list_hash(const std::vector<std::filesystem::path>& files);

/// The key a file is sharded by: the session its project entry or file name implies (the stem
/// without its "_coder" part), computed without reading the file.
std::string shard_key(const std::filesystem::path& file, const codebook::Codebook& codebook,
                      const codebook::Project* project);

/// The positions in `files` of shard `k` of `n` (1 <= k <= n): the distinct shard keys, sorted,
/// dealt round-robin to the shards, so all coders' files of a session share a shard and the
/// share depends on neither file order nor thread count.
std::vector<std::size_t> shard_files(const std::vector<std::filesystem::path>& files, std::size_t k, std::size_t n,
                                     const codebook::Codebook& codebook, const codebook::Project* project);

/// Reads files and reduces each to its digest. At most a few documents are alive at any time
/// (two per reader thread), so memory is bounded by the largest file, not by the project.
class DigestMaker {
 public:
  /// `codebook` and `project` (optional) must outlive the maker.
  DigestMaker(const codebook::Codebook& codebook, const codebook::Project* project, bool include_transcript);

  /// Reads `files[i]` for each i of `indices` (ascending) on `threads` threads (0: one per
  /// core) and calls `sink` with each digest in the order of `indices`, on the calling thread.
  /// `progress` is called with the number of files done.
  void run(const std::vector<std::filesystem::path>& files, const std::vector<std::size_t>& indices,
           const eaf::ReadOptions& reading, unsigned threads, const std::function<void(FileDigest&&)>& sink,
           const std::function<void(std::size_t)>& progress = {});

 private:
  struct Pending;
  Pending reduce(std::size_t index, const std::filesystem::path& file, const eaf::ReadOptions& reading) const;

  const codebook::Codebook& m_codebook;
  const codebook::Project* m_project;
  bool m_include_transcript;
  check::Checker m_checker;  ///< in file order: its one cross-file rule needs every file of a session
  reliability::ProjectBuilder m_builder;
  stages::StagesRun m_stages;
};

/// What a finished project gives the front ends besides its report.
struct LabOutcome {
  std::vector<Diagnostic> errors;    ///< check's errors, for stderr
  std::vector<Diagnostic> findings;  ///< check's and the agreement's diagnostics, for --fail-on
  bool io_problem = false;           ///< a file could not be read (exit 2)
};

/// Collects digests in file order and computes check, reliability and stages over all of them.
class LabAccumulator {
 public:
  /// `codebook` must outlive the accumulator.
  explicit LabAccumulator(const codebook::Codebook& codebook);
  void add(FileDigest digest);
  std::size_t files() const noexcept { return m_files; }
  /// Computes check, agreement and stages in turn and hands each document to `writer` (opened)
  /// as soon as it exists, dropping it before the next analysis runs. `options.progress` is
  /// called between the phases. The caller commits the writer.
  LabOutcome finish(const LabSettings& settings, const reliability::ReliabilityOptions& options,
                    LabReportWriter& writer);

 private:
  const codebook::Codebook& m_codebook;
  std::size_t m_files = 0;
  check::CheckResult m_checked;
  reliability::ProjectBuilder m_builder;
  stages::StagesRun m_stages;  ///< each coding in a temporary file until finish, then a session at a time
  std::map<std::string, std::vector<TranscriptLine>> m_transcript;  ///< by file
};

// Part files of a sharded run (`rapport report --shard K/N`): JSON Lines, a header line, one
// line per file digest in file order, and an end line, written atomically.

/// "part-K-of-N.rapport-part.jsonl"
std::string part_file_name(std::size_t k, std::size_t n);

struct PartHeader {
  std::string version;  ///< Rapport's version
  std::size_t k = 0, n = 0;
  LabSettings settings;
  reliability::ReliabilityOptions options;  ///< the options that change results (not threads or progress)
  std::vector<std::string> shard_keys;      ///< the shard keys of this part
};

/// Writes a part: the header, then one line per digest `produce` hands to its callback, then
/// the end line, atomically. Returns "" or the error.
std::string write_part_file(const std::filesystem::path& path, const PartHeader& header,
                            const std::function<void(const std::function<void(const FileDigest&)>&)>& produce);

/// Reads a part file one line at a time.
class PartReader {
 public:
  /// Opens `path` and reads its header; error() says why it cannot be used.
  explicit PartReader(const std::filesystem::path& path);
  const std::string& error() const noexcept { return m_error; }
  const PartHeader& header() const noexcept { return m_header; }
  const std::filesystem::path& path() const noexcept { return m_path; }
  /// The next digest, or nullopt at the end line (or on an error: see error()).
  std::optional<FileDigest> next();

 private:
  std::filesystem::path m_path;
  std::ifstream m_in;
  PartHeader m_header;
  std::string m_error;
  std::size_t m_digests = 0;
  bool m_ended = false;
};

/// Why `parts` cannot be merged (naming the part file), or "": every part of the same N
/// present exactly once, same Rapport version as this program, same settings and options.
std::string validate_parts(const std::vector<const PartReader*>& parts, std::string_view version);

/// Merges the parts' digests in file order into `accumulator`, checking that every file of the
/// project comes exactly once and that no session was split across parts. Returns "" or the error.
std::string merge_parts(std::vector<PartReader*>& parts, LabAccumulator& accumulator,
                        const std::function<void(std::size_t)>& progress = {});

}  // namespace rapport::report
