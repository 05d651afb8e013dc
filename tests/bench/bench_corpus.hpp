// SPDX-License-Identifier: MIT
// Shared by the benchmark and the peak-memory probe: finding the corpus files, and the bare
// Xerces SAX2 pass the reader is measured against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace rapport::bench {

/// The .eaf files under `dir` (not recursive), sorted by name so runs are comparable.
std::vector<std::filesystem::path> list_eaf_files(const std::filesystem::path& dir);

/// Sum of the sizes of `files` in bytes.
std::uint64_t total_size(const std::vector<std::filesystem::path>& files);

/// What the bare pass saw in one file.
struct Sax2Result {
  std::size_t elements = 0;
  std::size_t values = 0;       ///< ANNOTATION_VALUE elements
  std::size_t value_units = 0;  ///< UTF-16 code units copied out of them
  bool ok = false;              ///< no fatal parse error
};

/// A bare Xerces SAX2 pass over one file: counts elements and copies every ANNOTATION_VALUE
/// text (as UTF-16, into a vector of strings, as a minimal reader would keep them). The parser
/// is configured like rapport's reader: namespaces on, no validation, no DTD or external
/// entity loading, entity expansion bounded by a SecurityManager.
class BareSax2 {
 public:
  BareSax2();
  ~BareSax2();
  BareSax2(const BareSax2&) = delete;
  BareSax2& operator=(const BareSax2&) = delete;

  Sax2Result parse_file(const std::filesystem::path& path);
  Sax2Result parse_memory(const std::string& bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace rapport::bench
