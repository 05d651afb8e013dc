// SPDX-License-Identifier: MIT
// libFuzzer target for the project file reader (rapport/codebook/project.hpp), which only reads
// from a file: each input is written to one file in a private temporary folder made once per
// process, read back with read_project_file (Xerces validation against schemas/project.xsd,
// then the model), and the folder is removed at exit.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <unistd.h>

#include "rapport/codebook/project.hpp"

namespace {

namespace fs = std::filesystem;

fs::path g_dir;
fs::path g_file;

void remove_dir() {
  std::error_code ec;
  fs::remove_all(g_dir, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string templ = (fs::temp_directory_path() / "rapport-fuzz-project-XXXXXX").string();
  if (!mkdtemp(templ.data())) {
    std::perror("fuzz_project_file: mkdtemp");
    std::abort();
  }
  g_dir = templ;
  g_file = g_dir / "project.xml";
  std::atexit(remove_dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(g_file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) std::abort();  // the harness, not the reader, failed
  }
  const auto result = rapport::codebook::read_project_file(g_file);
  std::size_t n = result.diagnostics.size();
  for (const auto& d : result.diagnostics) n += d.message.size() + d.rule.size();
  if (result.project) {
    const auto& p = *result.project;
    n += p.schema_version.size() + (p.codebook ? p.codebook->size() : 0);
    if (p.coder_identification) n += p.coder_identification->tier_affixes.size();
    for (const auto& f : p.files) {
      n += f.path.native().size() + (f.session ? f.session->size() : 0) + (f.coder ? f.coder->size() : 0);
      if (p.find(f.path) == nullptr) __builtin_trap();  // an entry must be found by its own path
    }
  }
  volatile std::size_t sink = n;
  (void)sink;
  return 0;
}
