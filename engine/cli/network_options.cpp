// SPDX-License-Identifier: MIT
#include "network_options.hpp"

#include <iostream>

namespace rapport::cli {

void NetworkOptions::add_to(boost::program_options::options_description& options) {
  namespace po = boost::program_options;
  options.add_options()("offline", po::bool_switch(&offline),
                        "never use the network: vocabularies, codebooks and schemas from the cache or local files")(
      "cache-dir", po::value(&cache_dir),
      "cache for fetched vocabularies, codebooks and schemas (default $XDG_CACHE_HOME/rapport or "
      "~/.cache/rapport)");
}

net::FetchOptions NetworkOptions::fetch_options() const {
  net::FetchOptions o;
  o.offline = offline;
  if (!cache_dir.empty()) o.cache_dir = cache_dir;
  return o;
}

eaf::ReadOptions read_options(net::Fetcher& fetcher) {
  eaf::ReadOptions o;
  o.ecv_resolver = net::ecv_resolver(fetcher);
  return o;
}

void print_fetch_diagnostics(const net::Fetcher& fetcher, Streams& io) {
  for (const Diagnostic& d : fetcher.diagnostics())
    io.err << "rapport: " << to_string(d.severity) << '[' << d.rule << "]: " << d.message << '\n';
}

std::optional<std::filesystem::path> fetch_codebook(const std::string& url, net::Fetcher& fetcher, Streams& io,
                                                    const std::string& command) {
  if (!net::is_remote_url(url) && !net::is_file_url(url)) return std::nullopt;
  const net::FetchResult& r = fetcher.get(url);
  for (const Diagnostic& d : r.diagnostics)
    io.err << "rapport " << command << ": " << to_string(d.severity) << '[' << d.rule << "]: " << d.message << '\n';
  if (!r) io.err << "rapport " << command << ": the codebook " << url << " cannot be fetched\n";
  return r.path;
}

}  // namespace rapport::cli
