// SPDX-License-Identifier: MIT
// Inputs shared by the commands that read a coding project (check, stages, agree PATHS, report):
// the .eaf files under PATHS, the project file named by --project and the codebook named by
// --codebook.
#pragma once

#include <boost/program_options/variables_map.hpp>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "rapport/codebook/codebook.hpp"
#include "rapport/codebook/project.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/net/resolver.hpp"

namespace rapport::cli {

/// The project's files: eaf::collect_eaf_files (each FILE as given, each folder's .eaf files,
/// sorted; a missing path is kept for the reader to report), leaving out the folder `skip`.
/// When PATHS name no file at all (an empty or mistyped folder) it says so and returns nothing:
/// "checked 0 files" must not pass for a successful run.
std::vector<std::filesystem::path> collect_project_files(const std::vector<std::string>& paths, Streams& io,
                                                         const std::string& command,
                                                         const std::optional<std::filesystem::path>& skip = {});

/// Applies --project FILE when it was given (`project` stays empty otherwise): prints the file's
/// diagnostics, takes its codebook when --codebook was left at its default, and its files when no
/// PATHS were given. False when the project file cannot be used.
bool apply_project_option(const boost::program_options::variables_map& vm, std::string& codebook_name,
                          std::vector<std::string>& paths, std::optional<codebook::Project>& project, Streams& io);

/// The codebook named by --codebook (NAME, FILE or URL fetched through `fetcher`); prints its
/// diagnostics and, on failure, why it cannot be used, and returns nullopt.
std::optional<codebook::Codebook> load_codebook(const std::string& name, net::Fetcher& fetcher, Streams& io,
                                                const std::string& command);

/// Reads `files` in batches of `read_batch_size`, each on `threads` threads, and hands every
/// document with its path to `use` in the order of `files`; each batch is dropped before the next
/// is read, so a project of any size goes through bounded memory. When there is more than one
/// batch it says on io.err how far it is ("rapport COMMAND: read N/M files"). Returns whether any
/// file could not be read at all (a diagnostic whose rule starts with "io-").
inline constexpr std::size_t read_batch_size = 64;
bool read_in_batches(const std::vector<std::filesystem::path>& files, const eaf::ReadOptions& options, unsigned threads,
                     Streams& io, const std::string& command,
                     const std::function<void(const std::filesystem::path&, const eaf::Document&)>& use);

}  // namespace rapport::cli
