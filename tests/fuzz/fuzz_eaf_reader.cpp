// SPDX-License-Identifier: MIT
// libFuzzer target for the EAF reader: any byte string must give a Document with diagnostics,
// never a crash, a hang, a sanitizer report or an attempt to read another file.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rapport/eaf/reader.hpp"

namespace {

/// Walks the whole model so that the sanitizers see every string and index the reader built.
std::size_t touch(const rapport::eaf::Document& doc) {
  std::size_t n = doc.diagnostics.size() + doc.time_slots.size();
  for (const auto& tier : doc.tiers) {
    n += tier.id.size();
    for (const auto& a : tier.annotations) {
      n += a.value.size() + a.id.size() + (a.interpolated ? 1 : 0) + (a.time_resolved ? 1 : 0);
      n += static_cast<std::size_t>(a.end_ms - a.start_ms) & 1;
      if (a.cve_ref) n += a.cve_ref->size() + (a.cve_resolved.value_or(false) ? 1 : 0);
    }
  }
  for (const auto& cv : doc.controlled_vocabularies)
    for (const auto& e : cv.entries)
      for (const auto& v : e.values) n += v.value.size();
  for (const auto& d : doc.diagnostics) n += d.message.size() + d.rule.size();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rapport::eaf::ReadOptions options;
  // External CVs are looked up, but every lookup fails: a fuzz input must not make the reader
  // open files (and results must not depend on what happens to lie around on disk).
  options.ecv_resolver = [](const std::string&, const std::filesystem::path&) -> std::optional<std::filesystem::path> {
    return std::nullopt;
  };
  const auto doc = rapport::eaf::read_eaf_memory(std::string_view(reinterpret_cast<const char*>(data), size),
                                                 "fuzz-input.eaf", options);
  volatile std::size_t sink = touch(doc);
  (void)sink;
  return 0;
}
