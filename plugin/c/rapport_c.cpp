// SPDX-License-Identifier: MIT
// The C ABI (engine/include/rapport/c/rapport.h) over the engine's public C++ headers. Each
// entry point runs the same engine calls and the same report writer as the CLI command it
// mirrors, so that its JSON is byte for byte what `rapport ... --format json` prints; every
// entry point catches everything, because an exception unwinding into a C or Python host is
// undefined behaviour.
#define RAPPORT_C_BUILDING 1
#include "rapport/c/rapport.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "rapport/check/check.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/collect.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/net/resolver.hpp"
#include "rapport/reliability/project.hpp"
#include "rapport/reliability/reliability.hpp"
#include "rapport/reliability/report.hpp"
#include "rapport/report/check_json.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/report/stages_report.hpp"
#include "rapport/stages/stages.hpp"
#include "rapport/version.hpp"

struct rapport_handle {
  rapport::codebook::Codebook codebook;
};

namespace {

namespace fs = std::filesystem;

// Per thread, so that two hosts' threads never read each other's message.
thread_local std::string last_error_message;

rapport_status fail(rapport_status status, std::string message) noexcept {
  try {
    last_error_message = std::move(message);
  } catch (...) {
    // Out of memory while keeping the message: the status still says what happened.
  }
  return status;
}

/// Runs `body` with the boundary's guarantees: no exception escapes, and a failure always
/// leaves a message.
template <typename Body>
rapport_status guarded(const char* function, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(RAPPORT_ERROR_OUT_OF_MEMORY, std::string(function) + ": out of memory");
  } catch (const std::exception& e) {
    return fail(RAPPORT_ERROR_INTERNAL, std::string(function) + ": " + e.what());
  } catch (...) {
    return fail(RAPPORT_ERROR_INTERNAL, std::string(function) + ": unknown internal error");
  }
}

/// A malloc'ed copy, so that hosts can free it through rapport_free_string whatever their
/// own allocator is.
char* copy_out(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (!out) throw std::bad_alloc();
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

std::string pretty(const boost::json::value& document) {
  std::ostringstream os;
  rapport::report::write_pretty_json(os, document);
  return os.str();
}

/// Validates the common arguments of the PATHS entry points; nullopt and a message otherwise.
std::optional<std::vector<std::string>> path_list(const char* function, rapport_handle* handle,
                                                  const char* const* paths, std::size_t count, char** json_out,
                                                  rapport_status& status) {
  status = RAPPORT_ERROR_INVALID_ARGUMENT;
  if (!handle) return fail(status, std::string(function) + ": the handle is NULL"), std::nullopt;
  if (!json_out) return fail(status, std::string(function) + ": json_out is NULL"), std::nullopt;
  *json_out = nullptr;
  if (!paths || count == 0) return fail(status, std::string(function) + ": give at least one path"), std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    if (!paths[i])
      return fail(status, std::string(function) + ": path " + std::to_string(i) + " is NULL"), std::nullopt;
    out.emplace_back(paths[i]);
  }
  status = RAPPORT_OK;
  return out;
}

// Files are read in batches, as the CLI does, so that a host can hand over a whole project
// without holding every document in memory.
constexpr std::size_t batch_size = 64;

template <typename Add>
void read_in_batches(const std::vector<fs::path>& files, const rapport::eaf::ReadOptions& options, Add&& add) {
  for (std::size_t start = 0; start < files.size(); start += batch_size) {
    const std::vector<fs::path> batch(
        files.begin() + static_cast<std::ptrdiff_t>(start),
        files.begin() + static_cast<std::ptrdiff_t>(std::min(files.size(), start + batch_size)));
    for (const auto& doc : rapport::eaf::read_eaf_files(batch, options, 0)) add(doc);
  }
}

rapport::eaf::ReadOptions cli_read_options(rapport::net::Fetcher& fetcher) {
  // The CLI's default: external vocabularies resolved through the network cache.
  rapport::eaf::ReadOptions options;
  options.ecv_resolver = rapport::net::ecv_resolver(fetcher);
  return options;
}

}  // namespace

extern "C" {

uint32_t rapport_abi_version(void) { return RAPPORT_C_ABI_VERSION; }

const char* rapport_version(void) { return RAPPORT_VERSION_STRING; }

const char* rapport_last_error(void) { return last_error_message.c_str(); }

void rapport_free_string(char* text) { std::free(text); }

rapport_status rapport_open(const char* codebook, rapport_handle** out) {
  return guarded("rapport_open", [&]() -> rapport_status {
    if (!out) return fail(RAPPORT_ERROR_INVALID_ARGUMENT, "rapport_open: out is NULL");
    *out = nullptr;
    const std::string name = codebook && *codebook ? codebook : std::string(rapport::codebook::default_codebook);
    const auto path = rapport::codebook::resolve_codebook(name);
    if (!path) {
      std::string message = "rapport_open: no codebook '" + name + "' (not a file, and not in codebooks/ of";
      const auto dirs = rapport::codebook::data_dirs();
      if (dirs.empty()) message += " any data directory; set RAPPORT_DATA_DIR";
      for (const auto& d : dirs) message += ' ' + d.string();
      return fail(RAPPORT_ERROR_CODEBOOK, message + ")");
    }
    rapport::codebook::ReadResult read = rapport::codebook::read_codebook_file(*path);
    if (!read) {
      std::string message = "rapport_open: the codebook " + path->string() + " cannot be used";
      for (const auto& d : read.diagnostics) message += "\n" + rapport::format_diagnostic(d);
      return fail(RAPPORT_ERROR_CODEBOOK, message);
    }
    *out = new rapport_handle{std::move(*read.codebook)};
    return RAPPORT_OK;
  });
}

void rapport_free(rapport_handle* handle) { delete handle; }

rapport_status rapport_check(rapport_handle* handle, const char* const* paths, size_t path_count, char** json_out) {
  return guarded("rapport_check", [&]() -> rapport_status {
    rapport_status status;
    const auto list = path_list("rapport_check", handle, paths, path_count, json_out, status);
    if (!list) return status;
    rapport::net::Fetcher fetcher;
    rapport::check::Checker checker(handle->codebook);
    read_in_batches(rapport::eaf::collect_eaf_files(*list), cli_read_options(fetcher),
                    [&](const rapport::eaf::Document& doc) { checker.add(doc); });
    *json_out = copy_out(pretty(rapport::report::check_to_json(checker.take())));
    return RAPPORT_OK;
  });
}

rapport_status rapport_check_memory(rapport_handle* handle, const char* xml, size_t size, const char* name,
                                    char** json_out) {
  return guarded("rapport_check_memory", [&]() -> rapport_status {
    if (!handle) return fail(RAPPORT_ERROR_INVALID_ARGUMENT, "rapport_check_memory: the handle is NULL");
    if (!json_out) return fail(RAPPORT_ERROR_INVALID_ARGUMENT, "rapport_check_memory: json_out is NULL");
    *json_out = nullptr;
    if (!xml && size > 0) return fail(RAPPORT_ERROR_INVALID_ARGUMENT, "rapport_check_memory: xml is NULL");
    const std::string file = name && *name ? name : "memory.eaf";
    rapport::net::Fetcher fetcher;
    const rapport::eaf::Document doc =
        rapport::eaf::read_eaf_memory(std::string_view(xml ? xml : "", size), file, cli_read_options(fetcher));
    rapport::check::Checker checker(handle->codebook);
    checker.add(doc);
    *json_out = copy_out(pretty(rapport::report::check_to_json(checker.take())));
    return RAPPORT_OK;
  });
}

rapport_status rapport_agree(rapport_handle* handle, const char* const* paths, size_t path_count, char** json_out) {
  return guarded("rapport_agree", [&]() -> rapport_status {
    rapport_status status;
    const auto list = path_list("rapport_agree", handle, paths, path_count, json_out, status);
    if (!list) return status;
    const std::vector<fs::path> files = rapport::eaf::collect_eaf_files(*list);
    rapport::reliability::ProjectBuilder builder(handle->codebook);
    read_in_batches(files, {}, [&](const rapport::eaf::Document& doc) { builder.add(doc); });
    const rapport::reliability::Project project = builder.finish();
    // The defaults of `rapport agree PATHS` (agree_project.cpp), spelled out where the CLI
    // sets them rather than leaving them to ReliabilityOptions.
    rapport::reliability::ReliabilityOptions options;
    options.thresholds.source = "defaults; the codebook declares none";
    const rapport::reliability::Reliability result = rapport::reliability::analyse(project, handle->codebook, options);
    rapport::reliability::ReportInput input;
    input.paths = *list;
    input.codebook = handle->codebook.id;
    input.files = files.size();
    input.elan_min_overlap = options.elan_min_overlap;
    *json_out = copy_out(pretty(rapport::reliability::reliability_document(input, project, result)));
    return RAPPORT_OK;
  });
}

rapport_status rapport_stages(rapport_handle* handle, const char* const* paths, size_t path_count, char** json_out) {
  return guarded("rapport_stages", [&]() -> rapport_status {
    rapport_status status;
    const auto list = path_list("rapport_stages", handle, paths, path_count, json_out, status);
    if (!list) return status;
    rapport::net::Fetcher fetcher;
    rapport::stages::StagesRun run(handle->codebook);
    read_in_batches(rapport::eaf::collect_eaf_files(*list), cli_read_options(fetcher),
                    [&](const rapport::eaf::Document& doc) { run.add(doc); });
    *json_out = copy_out(pretty(rapport::report::stages_to_json(run.finish())));
    return RAPPORT_OK;
  });
}

const rapport_api* rapport_get_api(uint32_t min_version) {
  static const rapport_api table = {
      RAPPORT_C_ABI_VERSION, rapport_abi_version, rapport_version, rapport_last_error,
      rapport_free_string,   rapport_open,        rapport_free,    rapport_check,
      rapport_check_memory,  rapport_agree,       rapport_stages,
  };
  if (min_version <= RAPPORT_C_ABI_VERSION) return &table;
  try {
    fail(RAPPORT_ERROR_UNSUPPORTED, "rapport_get_api: this library provides ABI version " +
                                        std::to_string(RAPPORT_C_ABI_VERSION) + ", not " + std::to_string(min_version));
  } catch (...) {
    // No message without memory; NULL still says "too old".
  }
  return nullptr;
}

}  // extern "C"
