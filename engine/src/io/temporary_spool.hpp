// SPDX-License-Identifier: MIT
// Bytes an analysis writes once and reads back later in the same process: in an unnamed
// temporary file (io::unnamed_temporary_file) or in memory. A temporary file that cannot grow (a
// full disk, a file-size limit) moves to memory and the run goes on. Used by the stages spool
// (stages/coded_spool.hpp) and the agreement's packed codings (reliability/packed_codings.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rapport/spool.hpp"

namespace rapport::io {

class TemporarySpool {
 public:
  /// `what` names the user of the spool in messages ("the stages analysis"), `file_prefix` its
  /// temporary file while it is being made ("rapport-stages-"). With Spool::temporary_file and
  /// no temporary file to be had, the bytes stay in memory.
  TemporarySpool(Spool where, std::string what, std::string_view file_prefix);
  ~TemporarySpool();
  TemporarySpool(const TemporarySpool&) = delete;
  TemporarySpool& operator=(const TemporarySpool&) = delete;

  /// Whether the bytes go to a temporary file (false: in memory).
  bool in_file() const noexcept { return m_fd >= 0; }

  struct Ref {
    std::uint64_t offset = 0, size = 0;
  };
  /// Appends `bytes`. After a failure (the full file cannot be read back into memory) nothing
  /// more is written, the Ref is empty and error() says why.
  Ref put(std::string_view bytes);
  /// Reads what put() wrote at `ref` into `out`: "" or why it cannot. Const: several threads may
  /// read at once, while nothing is put.
  std::string get(const Ref& ref, std::string& out) const;
  /// Why put() failed, or "".
  const std::string& error() const noexcept { return m_error; }

 private:
  /// Reads the file's bytes back into m_bytes, appends `last` (the bytes the file refused) and
  /// closes the file. "" or why the file cannot be read.
  std::string move_to_memory(std::string_view last);
  /// Reads exactly out.size() bytes at `offset`: "" or why not.
  std::string read_exactly(std::string& out, std::uint64_t offset) const;

  std::string m_what;
  std::string m_bytes;  ///< in memory: everything written
  int m_fd = -1;        ///< the unnamed temporary file, read and written with pread/pwrite
  std::uint64_t m_end = 0;
  std::string m_error;
};

}  // namespace rapport::io
