// SPDX-License-Identifier: MIT
#include "coding_inputs.hpp"

#include <algorithm>
#include <ostream>

#include "network_options.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/collect.hpp"
#include "rapport/net/fetch.hpp"

namespace rapport::cli {

namespace fs = std::filesystem;

std::vector<fs::path> collect_project_files(const std::vector<std::string>& paths, Streams& io,
                                            const std::string& command, const std::optional<fs::path>& skip) {
  std::vector<fs::path> files = eaf::collect_eaf_files(paths, skip);
  if (files.empty()) {
    io.err << "rapport " << command << ": no .eaf file in";
    for (const auto& p : paths) io.err << ' ' << p;
    io.err << '\n';
  }
  return files;
}

bool apply_project_option(const boost::program_options::variables_map& vm, std::string& codebook_name,
                          std::vector<std::string>& paths, std::optional<codebook::Project>& project, Streams& io) {
  if (!vm.count("project")) return true;
  auto read = codebook::read_project_file(vm["project"].as<std::string>());
  for (const auto& d : read.diagnostics) io.err << format_diagnostic(d) << '\n';
  if (!read) return false;
  project = std::move(read.project);
  if (vm["codebook"].defaulted() && project->codebook) codebook_name = *project->codebook;
  if (paths.empty())
    for (const auto& f : project->files) paths.push_back(f.path.string());
  return true;
}

std::optional<codebook::Codebook> load_codebook(const std::string& name, net::Fetcher& fetcher, Streams& io,
                                                const std::string& command) {
  // A URL is fetched through the cache, then read (and schema-validated) like a local file.
  auto path = fetch_codebook(name, fetcher, io, command);
  if (!path && (net::is_remote_url(name) || net::is_file_url(name))) return std::nullopt;
  if (!path) path = codebook::resolve_codebook(name);
  if (!path) {
    io.err << "rapport " << command << ": no codebook '" << name << "' (not a file, and not in codebooks/ of";
    const auto dirs = codebook::data_dirs();
    if (dirs.empty()) io.err << " any data directory; set RAPPORT_DATA_DIR";
    for (const auto& d : dirs) io.err << ' ' << d.string();
    io.err << ')';
    const auto shipped = codebook::shipped_codebooks();
    if (!shipped.empty()) io.err << "; shipped:";
    for (const auto& n : shipped) io.err << ' ' << n;
    io.err << '\n';
    return std::nullopt;
  }
  codebook::ReadResult r = codebook::read_codebook_file(*path);
  for (const auto& d : r.diagnostics) io.err << format_diagnostic(d) << '\n';
  if (!r) {
    io.err << "rapport " << command << ": the codebook " << path->string() << " cannot be used\n";
    return std::nullopt;
  }
  return std::move(r.codebook);
}

bool read_in_batches(const std::vector<fs::path>& files, const eaf::ReadOptions& options, unsigned threads, Streams& io,
                     const std::string& command,
                     const std::function<void(const fs::path&, const eaf::Document&)>& use) {
  bool io_problem = false;
  for (std::size_t start = 0; start < files.size(); start += read_batch_size) {
    const std::size_t end = std::min(files.size(), start + read_batch_size);
    const std::vector<fs::path> batch(files.begin() + static_cast<std::ptrdiff_t>(start),
                                      files.begin() + static_cast<std::ptrdiff_t>(end));
    const std::vector<eaf::Document> docs = eaf::read_eaf_files(batch, options, threads);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      io_problem = io_problem || docs[i].read_failed();
      use(batch[i], docs[i]);
    }
    if (files.size() > read_batch_size)
      io.err << "rapport " << command << ": read " << end << "/" << files.size() << " files\n";
  }
  return io_problem;
}

}  // namespace rapport::cli
