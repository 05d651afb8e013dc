// SPDX-License-Identifier: MIT
// Where a reliability::Project keeps the coded content of every coding between pairing and the
// analysis: each text (code, family, tier, segment label, scale id) a number into one table of
// texts, and each coding one record of fixed-size fields: 48 bytes per coded event instead of
// 136 (check::CodedEvent with its three strings), about 100 per rated segment instead of about
// 430. The records go to a spool (rapport/spool.hpp): in memory, or an unnamed temporary file
// for a whole project (the lab report), where only a 16-byte index entry per coding and the
// table of texts stay in memory. The analysis unpacks one session at a time (Project::load).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rapport/check/coded_session.hpp"
#include "rapport/spool.hpp"

namespace rapport::io {
class TemporarySpool;
}

namespace rapport::reliability {

class PackedCodings {
 public:
  explicit PackedCodings(Spool where = Spool::memory);
  ~PackedCodings();
  // Moves keep every interned text where it is (the views keying m_numbers stay valid); a copy
  // would not, and no caller needs one.
  PackedCodings(PackedCodings&&) noexcept;
  PackedCodings& operator=(PackedCodings&&) noexcept;
  PackedCodings(const PackedCodings&) = delete;
  PackedCodings& operator=(const PackedCodings&) = delete;

  /// Packs the events, segments, segment ratings and session ratings of `data` (not its file,
  /// session and coder names, nor its stage marks, which reliability never reads) and returns
  /// the number unpack() takes. A temporary file that cannot grow (a full disk) moves to memory
  /// and the packing goes on; throws std::runtime_error when even that fails (the file cannot
  /// be read back), naming the temporary file and why.
  std::size_t add(const check::CodedSessionData& data);

  /// Sets `data`'s events, segments and session ratings to those of coding `index`, exactly as
  /// they were given to add(). Const and without shared scratch: threads may unpack at once
  /// (while nothing is added). Throws std::runtime_error when the temporary file cannot be read.
  void unpack(std::size_t index, check::CodedSessionData& data) const;

  std::size_t size() const noexcept { return m_records.size(); }
  /// Whether the records are in a temporary file (false: in memory).
  bool in_file() const noexcept;

 private:
  // The record of a coding: its counts, then its events, segments and ratings, each an array of
  // one of these trivially copyable types, written and read back byte for byte by this process.
  struct Event {
    std::int64_t start_ms = 0, end_ms = 0;
    std::int64_t line = 0, column = 0;
    std::uint32_t code = 0, family = 0, tier = 0;
    bool known = false;
  };
  struct Rating {
    std::optional<int> value;
    std::uint32_t scale = 0;
    bool na = false;
  };
  struct Segment {
    std::int64_t start_ms = 0, end_ms = 0;
    std::int64_t line = 0, column = 0;
    std::uint32_t label = 0, tier = 0;
    std::uint32_t ratings = 0;  ///< how many of the coding's ratings, after the previous segments'
  };
  struct Counts {
    std::uint64_t events = 0, segments = 0, ratings = 0;  ///< the ratings: the segments' in turn, then the session's
  };
  struct Record {
    std::uint64_t offset = 0, size = 0;
  };

  std::uint32_t intern(const std::string& text);

  std::unique_ptr<io::TemporarySpool> m_spool;
  std::vector<Record> m_records;  ///< by number
  std::string m_scratch;          ///< the record being packed
  /// Interned texts by number; a deque, so that the views keying m_numbers stay valid as it grows.
  std::deque<std::string> m_texts;
  std::unordered_map<std::string_view, std::uint32_t> m_numbers;
};

}  // namespace rapport::reliability
