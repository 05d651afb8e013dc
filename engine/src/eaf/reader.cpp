// SPDX-License-Identifier: MIT
// The reader's front door: file checks, the SAX pass, then the resolution passes, each of
// which adds diagnostics and none of which throws for bad input.
#include "rapport/eaf/reader.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <system_error>
#include <thread>

#include "eaf/parsed_document.hpp"
#include "eaf/utf8_checked_input.hpp"

namespace rapport::eaf {
namespace {

using detail::make_diagnostic;

void note_format(Document& doc) {
  // ELAN reads FORMAT (VERSION when absent): ≤2.6, 2.7, 2.8 and anything above 2.8 with the 3.0
  // parser (elan.md §1.1). Versions we have never seen are read with the most permissive rules.
  if (doc.kind != DocumentKind::annotation_document) return;
  const std::string f = doc.effective_format();
  int major = 0, minor = 0;
  const char* p = f.data();
  const char* end = f.data() + f.size();
  auto r1 = std::from_chars(p, end, major);
  bool ok = r1.ec == std::errc{} && r1.ptr < end && *r1.ptr == '.';
  if (ok) {
    auto r2 = std::from_chars(r1.ptr + 1, end, minor);
    ok = r2.ec == std::errc{} && r2.ptr == end;
  }
  const bool known = ok && ((major == 2 && minor <= 8) || (major == 3 && minor == 0));
  if (!known) {
    doc.diagnostics.push_back(make_diagnostic(doc, Severity::warning, "eaf-unknown-format", {1, 1},
                                              "EAF format '" + f +
                                                  "' is not one rapport knows (2.0–3.0); it is read with the 3.0 "
                                                  "rules, as ELAN does for any version above 2.8"));
  }
}

void note_languages(Document& doc) {
  for (const Language& l : doc.languages) {
    if (l.def) continue;
    doc.diagnostics.push_back(make_diagnostic(doc, Severity::info, "eaf-language-without-def", {},
                                              "LANGUAGE '" + l.id +
                                                  "' has no LANG_DEF; ELAN drops such languages on load, rapport "
                                                  "keeps it"));
  }
}

Document finish(detail::ParsedDocument& parsed, const ReadOptions& options, const std::filesystem::path& dir) {
  Document& doc = parsed.doc;
  if (doc.complete) note_format(doc);
  const std::size_t before = doc.diagnostics.size();
  detail::check_references(parsed);
  detail::resolve_times(parsed);
  detail::resolve_cvs(doc, options, dir);
  note_languages(doc);
  // After a fatal XML error the model stops mid-file: missing types, CVs or tiers are then
  // artefacts of the cut, not problems of their own, so only the XML error is reported.
  if (!doc.complete) doc.diagnostics.resize(before);
  return std::move(doc);
}

Document io_failure(const std::string& name, std::string rule, std::string message) {
  Document doc;
  doc.file = name;
  doc.complete = false;
  doc.diagnostics.push_back(make_diagnostic(doc, Severity::error, std::move(rule), {}, std::move(message)));
  return doc;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned value = 0;
    if (s[i] == '%' && i + 2 < s.size() + 0 &&
        std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16).ec == std::errc{}) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::optional<std::filesystem::path> resolve_local_ecv(const std::string& url, const std::filesystem::path& eaf_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::optional<fs::path> candidate;
  const std::string_view u(url);
  if (u.starts_with("file:")) {
    std::string_view rest = u.substr(5);
    if (rest.starts_with("//localhost/"))
      rest.remove_prefix(11);
    else if (rest.starts_with("///"))
      rest.remove_prefix(2);
    else if (rest.starts_with("//"))
      return std::nullopt;  // a remote host: not a local file
    candidate = fs::path(percent_decode(rest));
  } else if (u.find("://") == std::string_view::npos) {
    candidate = fs::path(url);
    if (candidate->is_relative()) candidate = eaf_dir / *candidate;
  }
  if (candidate && fs::is_regular_file(*candidate, ec)) return candidate;
  // A project folder moved to another machine keeps its .ecv next to the .eaf files; ELAN would
  // look in its cache instead. Only the file name is used, never a guess at another folder.
  const std::string::size_type slash = url.find_last_of("/\\");
  const std::string name = percent_decode(slash == std::string::npos ? url : url.substr(slash + 1));
  if (!name.empty() && name != "." && name != "..") {
    const fs::path beside = eaf_dir / name;
    if (fs::is_regular_file(beside, ec)) return beside;
  }
  return std::nullopt;
}

Document read_eaf_file(const std::filesystem::path& path, const ReadOptions& options) {
  namespace fs = std::filesystem;
  const std::string name = path.string();
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec == std::errc::too_many_symbolic_link_levels)
    return io_failure(name, "io-symlink-loop",
                      "a symbolic link loop (ELOOP): the link leads back to itself and never reaches a file");
  if (ec || !fs::exists(status)) return io_failure(name, "io-not-found", "no such file");
  if (fs::is_directory(status)) return io_failure(name, "io-is-directory", "this is a folder, not an ELAN file");
  if (!fs::is_regular_file(status)) return io_failure(name, "io-not-a-file", "not a regular file");
  detail::OpenFile file(path);
  if (!file)
    return io_failure(name, "io-unreadable", std::string("cannot open the file: ") + std::strerror(file.error()));
  detail::ParsedDocument parsed;
  parsed.doc.file = name;
  detail::parse_xml(std::nullopt, path, &file, options, parsed);
  return finish(parsed, options, path.parent_path());
}

Document read_eaf_memory(std::string_view bytes, const std::string& name, const ReadOptions& options) {
  detail::ParsedDocument parsed;
  parsed.doc.file = name;
  detail::parse_xml(bytes, {}, nullptr, options, parsed);
  return finish(parsed, options, std::filesystem::path(name).parent_path());
}

std::vector<Document> read_eaf_files(const std::vector<std::filesystem::path>& paths, const ReadOptions& options,
                                     unsigned threads, const ProgressFn& progress) {
  std::vector<Document> out(paths.size());
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(paths.size(), 1)));
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  auto work = [&] {
    for (std::size_t i = next++; i < paths.size(); i = next++) {
      out[i] = read_eaf_file(paths[i], options);
      const std::size_t finished = ++done;
      if (progress) progress(finished, paths.size());
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  return out;
}

}  // namespace rapport::eaf
