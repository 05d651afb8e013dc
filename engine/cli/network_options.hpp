// SPDX-License-Identifier: MIT
// --offline and --cache-dir, shared by every command that may fetch a vocabulary, codebook or
// schema, and the glue from those options to the network module.
#pragma once

#include <boost/program_options.hpp>
#include <filesystem>
#include <optional>
#include <string>

#include "cli.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/net/resolver.hpp"

namespace rapport::cli {

struct NetworkOptions {
  bool offline = false;
  std::string cache_dir;

  /// Adds --offline and --cache-dir to `options`, bound to this object.
  void add_to(boost::program_options::options_description& options);
  net::FetchOptions fetch_options() const;
};

/// ReadOptions whose ECV resolver fetches through `fetcher` (which must outlive them).
eaf::ReadOptions read_options(net::Fetcher& fetcher);

/// Prints why fetches failed or fell back to the cache, one line per URL, to stderr.
void print_fetch_diagnostics(const net::Fetcher& fetcher, Streams& io);

/// `--codebook URL`: the local copy of the codebook at `url` (cached like vocabularies), or
/// nullopt after printing why. Not a URL: nullopt without a word.
std::optional<std::filesystem::path> fetch_codebook(const std::string& url, net::Fetcher& fetcher, Streams& io,
                                                    const std::string& command);

}  // namespace rapport::cli
