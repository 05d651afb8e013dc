// SPDX-License-Identifier: MIT
// libFuzzer target for the codebook reader (rapport/codebook/reader.hpp): any byte string must
// give diagnostics or a codebook, never a crash, a hang, a sanitizer report or a file read
// other than the schema. The input goes through the whole reader: root peek, Xerces validation
// against schemas/codebook.xsd, the model built by the SAX handler, the semantic checks.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/reader.hpp"

namespace {

/// The schema, found once in LLVMFuzzerInitialize the way the reader finds it (data dirs:
/// RAPPORT_DATA_DIR, then the source tree), so that every run validates against the same file.
rapport::codebook::ReadOptions g_options;

std::size_t touch(const rapport::codebook::Codebook& cb) {
  std::size_t n = cb.id.size() + cb.version.size() + cb.labels.size() + cb.default_language.size();
  for (const auto& c : cb.codes) n += c.id.size() + (cb.find_code(c.id) ? 1 : 0);
  for (const auto& f : cb.families) n += f.id.size() + cb.codes_of(f.id).size();
  for (const auto& s : cb.scales) n += s.id.size() + s.anchors.size() + (cb.find_scale(s.id) ? 1 : 0);
  for (const auto& m : cb.stage_models) n += m.id.size() + m.stages.size();
  for (const auto& t : cb.tiers) n += t.name.size() + (cb.find_tier_rule(t.name) ? 1 : 0);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const auto schema = rapport::codebook::find_data_file("schemas/codebook.xsd");
  if (!schema) {
    std::fprintf(stderr, "fuzz_codebook_reader: schemas/codebook.xsd not found; set RAPPORT_DATA_DIR\n");
    std::abort();
  }
  g_options.schema_file = std::filesystem::absolute(*schema);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto result = rapport::codebook::read_codebook_memory(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz-input.xml", g_options);
  std::size_t n = result.diagnostics.size() + result.description().size();
  for (const auto& d : result.diagnostics) n += d.message.size() + d.rule.size();
  if (result.codebook) n += touch(*result.codebook);
  volatile std::size_t sink = n;
  (void)sink;
  return 0;
}
