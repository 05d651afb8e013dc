// SPDX-License-Identifier: MIT
// Where StagesRun keeps each coding between add() and finish(): the reduced input of the coding
// (FileSessions::Coded: a few KB, against ~18 KB for its analysed SessionStages) in a compact
// binary form, in memory or in an unnamed temporary file. finish() reads the codings of one
// session at a time back and analyses them, so a project's codings are never held together.
// The bytes are read back by the same process only: native byte order, no version.
#pragma once

#include <string>

#include "io/temporary_spool.hpp"
#include "rapport/stages/stages.hpp"

namespace rapport::stages::detail {

class CodedSpool {
 public:
  /// Where the bytes are (io::TemporarySpool): a temporary file has no name (the system removes
  /// it when the process ends, even when it is killed) and lives in the temporary folder (TMPDIR,
  /// else /tmp), never next to the user's inputs or outputs; when none can be made the bytes
  /// stay in memory.
  explicit CodedSpool(Spool where) : m_spool(where, "the stages analysis", "rapport-stages-") {}
  /// Whether the bytes go to a temporary file (false: in memory).
  bool in_file() const noexcept { return m_spool.in_file(); }

  using Ref = io::TemporarySpool::Ref;
  /// Writes `coded`. When the temporary file cannot grow (a full disk) what it holds moves to
  /// memory and the spool goes on there. After a failure (the file cannot be read back) nothing
  /// more is written or read and error() says why: a report fails with that message like on any
  /// other write.
  Ref put(const FileSessions::Coded& coded);
  /// What put() wrote at `ref`; an empty coding after a failure (see error()).
  FileSessions::Coded get(const Ref& ref);
  const std::string& error() const noexcept { return m_error.empty() ? m_spool.error() : m_error; }

 private:
  io::TemporarySpool m_spool;
  std::string m_bytes;  ///< the record being written or read
  std::string m_error;  ///< a failed read
};

}  // namespace rapport::stages::detail
