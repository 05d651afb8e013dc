// SPDX-License-Identifier: MIT
// LabReportWriter (lab_report.hpp): the report folder written while the project's results are
// produced, so that no whole document is held while the files are written. report.json and the
// CSV tables are streamed to their temporaries as each document comes, the stages document one
// session at a time as the stages run analyses it; report.json's stages member, computed before
// the agreement that precedes it, waits in a text spool. What report.html shows per session (its
// codings, its disagreements) goes to a binary spool and is read back one session at a time, in
// session order, when the page is written at the end. What stays in memory is small: the
// summary's figures, per-file finding counts, the first findings the page lists, and an index of
// the spool. Spools are temporaries of DIR (removed at the end; a killed run's are swept by the
// next run like any other temporary).
#include <boost/json.hpp>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "rapport/report/atomic_file.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/report/lab_report.hpp"
#include "rapport/report/stages_report.hpp"
#include "report_json_access.hpp"
#include "report_pieces.hpp"

namespace rapport::report {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace detail;

namespace {

// ---- the spool: JSON values in a binary form that reads back exactly (the same kinds, the same
// doubles bit for bit), in a temporary file of DIR that a killed run's successor sweeps.

enum Tag : unsigned char { t_null, t_false, t_true, t_int64, t_uint64, t_double, t_string, t_array, t_object };

void put_raw(std::string& out, const void* data, std::size_t n) { out.append(static_cast<const char*>(data), n); }

void put_size(std::string& out, std::uint64_t n) { put_raw(out, &n, sizeof n); }

void put_text(std::string& out, std::string_view s) {
  put_size(out, s.size());
  out.append(s);
}

void encode(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: out += static_cast<char>(t_null); break;
    case json::kind::bool_: out += static_cast<char>(v.get_bool() ? t_true : t_false); break;
    case json::kind::int64: {
      out += static_cast<char>(t_int64);
      const std::int64_t x = v.get_int64();
      put_raw(out, &x, sizeof x);
      break;
    }
    case json::kind::uint64: {
      out += static_cast<char>(t_uint64);
      const std::uint64_t x = v.get_uint64();
      put_raw(out, &x, sizeof x);
      break;
    }
    case json::kind::double_: {
      out += static_cast<char>(t_double);
      const double x = v.get_double();
      put_raw(out, &x, sizeof x);
      break;
    }
    case json::kind::string:
      out += static_cast<char>(t_string);
      put_text(out, v.get_string());
      break;
    case json::kind::array:
      out += static_cast<char>(t_array);
      put_size(out, v.get_array().size());
      for (const auto& e : v.get_array()) encode(out, e);
      break;
    case json::kind::object:
      out += static_cast<char>(t_object);
      put_size(out, v.get_object().size());
      for (const auto& [key, e] : v.get_object()) {
        put_text(out, key);
        encode(out, e);
      }
      break;
  }
}

class Decoder {
 public:
  explicit Decoder(std::string_view in) : m_in(in) {}
  json::value value() {
    switch (static_cast<Tag>(byte())) {
      case t_null: return nullptr;
      case t_false: return false;
      case t_true: return true;
      case t_int64: return raw<std::int64_t>();
      case t_uint64: return raw<std::uint64_t>();
      case t_double: return raw<double>();
      case t_string: return json::string(text());
      case t_array: {
        json::array a;
        const auto n = raw<std::uint64_t>();
        a.reserve(n);
        for (std::uint64_t i = 0; i < n; ++i) a.push_back(value());
        return a;
      }
      case t_object: {
        json::object o;
        const auto n = raw<std::uint64_t>();
        o.reserve(n);
        for (std::uint64_t i = 0; i < n; ++i) {
          const std::string_view key = text();
          o.emplace(key, value());
        }
        return o;
      }
    }
    throw std::runtime_error("the report's spool file is corrupt");
  }

 private:
  void need(std::size_t n) const {
    if (m_at + n > m_in.size()) throw std::runtime_error("the report's spool file is truncated");
  }
  unsigned char byte() {
    need(1);
    return static_cast<unsigned char>(m_in[m_at++]);
  }
  template <class T>
  T raw() {
    need(sizeof(T));
    T x;
    std::memcpy(&x, m_in.data() + m_at, sizeof x);
    m_at += sizeof x;
    return x;
  }
  std::string_view text() {
    const auto n = raw<std::uint64_t>();
    need(n);
    const std::string_view s = m_in.substr(m_at, n);
    m_at += n;
    return s;
  }
  std::string_view m_in;
  std::size_t m_at = 0;
};

/// A read-write temporary file of DIR, removed when this object goes.
class SpoolFile {
 public:
  SpoolFile() = default;
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;
  ~SpoolFile() {
    if (m_path.empty()) return;
    m_file.close();
    std::error_code ec;
    fs::remove(m_path, ec);
  }
  /// Returns "" or why the file could not be created.
  std::string open(const fs::path& dir) {
    m_path = temp_path_in(dir, "spool");
    m_file.open(m_path, std::ios::binary | std::ios::in | std::ios::out | std::ios::trunc);
    if (!m_file) return "cannot create " + m_path.string() + ": " + std::strerror(errno);
    return {};
  }

 protected:
  fs::path m_path;
  std::fstream m_file;
};

class Spool : public SpoolFile {
 public:
  struct Ref {
    std::uint64_t offset = 0, size = 0;
  };
  /// Writes `v`; after a failed write (a full disk) nothing more is written and error() says why.
  Ref put(const json::value& v) {
    if (!m_error.empty()) return {};
    m_buffer.clear();
    encode(m_buffer, v);
    if (m_reading) {
      m_file.seekp(static_cast<std::streamoff>(m_end));
      m_reading = false;
    }
    m_file.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    if (!m_file) {
      m_error = "cannot write " + m_path.string() + ": " + std::strerror(errno);
      return {};
    }
    const Ref ref{m_end, m_buffer.size()};
    m_end += m_buffer.size();
    return ref;
  }
  /// What put() wrote at `ref`; null after an error (see error()).
  json::value get(const Ref& ref) {
    if (!m_error.empty()) return nullptr;
    m_buffer.resize(ref.size);
    m_file.seekg(static_cast<std::streamoff>(ref.offset));
    m_reading = true;
    m_file.read(m_buffer.data(), static_cast<std::streamsize>(ref.size));
    if (!m_file) {
      m_error = "cannot read " + m_path.string() + ": " + std::strerror(errno);
      return nullptr;
    }
    return Decoder(m_buffer).value();
  }
  const std::string& error() const noexcept { return m_error; }

 private:
  std::string m_error;
  std::string m_buffer;
  std::uint64_t m_end = 0;
  bool m_reading = false;
};

/// Text for later: report.json's stages member, written before the agreement that precedes it.
class TextSpool : public SpoolFile {
 public:
  std::ostream& stream() { return m_file; }
  /// Copies what was written to `os`. Returns "" or why the spool could not be written.
  std::string copy_to(std::ostream& os) {
    m_file.flush();
    if (!m_file) return "cannot write " + m_path.string() + ": " + std::strerror(errno);
    m_file.seekg(0);
    if (m_file.peek() == std::char_traits<char>::eof()) return {};
    os << m_file.rdbuf();
    return {};
  }
};

}  // namespace

struct LabReportWriter::State {
  fs::path dir;
  LabReportInput header;
  std::map<std::string, std::unique_ptr<AtomicFile>> files;  ///< by report file name
  Spool spool;
  TextSpool stages_json;  ///< report.json's stages member, written before the agreement
  bool opened = false;
  std::string stages_error;  ///< the stages run's spool failed: the report fails at commit

  // What the summary, sessions.csv and the page need once the documents are gone.
  std::string check_files;  ///< check's summary.files, for the page's header
  json::object check_summary;
  std::map<std::string, std::pair<std::size_t, std::size_t>> findings_by_file;  ///< errors, warnings
  std::size_t errors = 0, warnings = 0;
  std::vector<json::object> shown_findings;  ///< the first html_findings_shown of check's and agreement's
  std::size_t findings = 0;
  json::object agreement;      ///< "input", "variables" and "measures": the headline figures
  std::string agreement_html;  ///< the page's agreement section (its size follows the codebook)
  std::map<std::string, double> agreement_end_ms;
  std::map<std::string, std::vector<Spool::Ref>> segment_disagreements, interval_disagreements, codings;
  std::size_t episodes = 0, resolved = 0, coding_count = 0;
  std::vector<std::string> summary;

  std::ostream& out(const std::string& name) { return files.at(name)->stream(); }

  void keep_findings(const json::object& doc) {
    for (const auto& d : array_at(doc, "diagnostics")) {
      ++findings;
      if (shown_findings.size() < html_findings_shown) shown_findings.push_back(as_object(d));
    }
  }
};

LabReportWriter::LabReportWriter(fs::path dir, const LabReportInput& header) : m(std::make_unique<State>()) {
  m->dir = std::move(dir);
  m->header.paths = header.paths;
  m->header.codebook = header.codebook;
  m->header.generated_at = header.generated_at;
  m->header.version = header.version;
  m->header.include_transcript = header.include_transcript;
}

LabReportWriter::~LabReportWriter() = default;

std::string LabReportWriter::open() {
  std::error_code ec;
  fs::create_directories(m->dir, ec);
  if (ec || !fs::is_directory(m->dir)) return "cannot create the folder " + m->dir.string();
  remove_stale_temp_files(m->dir);
  const auto names = lab_report_files();
  for (const auto& name : names) {
    auto file = std::make_unique<AtomicFile>(m->dir / name);
    if (std::string error = file->open(); !error.empty()) return error;
    m->files.emplace(name, std::move(file));
  }
  if (std::string error = m->spool.open(m->dir); !error.empty()) return error;
  if (std::string error = m->stages_json.open(m->dir); !error.empty()) return error;
  m->opened = true;
  // report.json's first member; the documents follow as they come.
  const json::object head = lab_report_json(m->header, names);
  auto& os = m->out("report.json");
  os << "{\n  " << json_key("report") << ": ";
  write_pretty_json_at(os, head.at("report"), 1);
  write_diagnostics_csv_header(m->out("diagnostics.csv"));
  return {};
}

void LabReportWriter::add_check(const json::object& check) {
  auto& os = m->out("report.json");
  os << ",\n  " << json_key("check") << ": ";
  write_pretty_json_at(os, check, 1);
  write_diagnostics_csv_rows(m->out("diagnostics.csv"), "check", check);
  m->check_summary = object_at(check, "summary");
  m->check_files = text_at(m->check_summary, "files");
  for (const auto& d : array_at(check, "diagnostics")) {
    const auto& o = as_object(d);
    const std::string severity = text_at(o, "severity");
    const bool error = severity == "error", warning = severity == "warning";
    if (!error && !warning) continue;
    auto& counts = m->findings_by_file[text_at(o, "file")];
    (error ? counts.first : counts.second) += 1;
    (error ? m->errors : m->warnings) += 1;
  }
  m->keep_findings(check);
}

void LabReportWriter::add_agreement(const json::object& agreement) {
  const auto& lists = object_at(agreement, "disagreements");
  const auto list = [](const json::array& a) {
    return StreamedList{a.size(), [&a](std::size_t i) { return as_object(a[i]); }};
  };
  add_agreement(agreement, list(array_at(lists, "segments")), list(array_at(lists, "intervals")));
}

void LabReportWriter::add_agreement(const json::object& agreement, const StreamedList& segment_disagreements,
                                    const StreamedList& interval_disagreements) {
  // Each disagreement goes to report.json, disagreements.csv and the page's spool as it is made.
  auto& csv = m->out("disagreements.csv");
  write_disagreements_csv_header(csv);
  std::size_t id = 0;
  const auto kept = [&](const StreamedList& l, void (*rows)(std::ostream&, std::size_t, const json::object&),
                        std::map<std::string, std::vector<Spool::Ref>>& by_session) {
    return StreamedList{l.size, [&, rows](std::size_t i) {
                          json::object d = l.element(i);
                          rows(csv, ++id, d);
                          by_session[text_at(d, "session")].push_back(m->spool.put(d));
                          return d;
                        }};
  };
  auto& os = m->out("report.json");
  os << ",\n  " << json_key("agreement") << ": ";
  write_agreement_document_at(
      os, agreement, 1, kept(segment_disagreements, write_segment_disagreement_csv_rows, m->segment_disagreements),
      kept(interval_disagreements, write_interval_disagreement_csv_rows, m->interval_disagreements));
  write_agreement_csv(m->out("agreement.csv"), agreement);
  write_diagnostics_csv_rows(m->out("diagnostics.csv"), "agreement", agreement);
  m->keep_findings(agreement);
  std::ostringstream html;
  write_html_agreement(html, agreement);
  m->agreement_html = std::move(html).str();
  for (const char* key : {"input", "variables", "measures"})
    if (const auto* v = find(agreement, key)) m->agreement[key] = *v;
  for (const auto& s : array_at(agreement, "sessions"))
    m->agreement_end_ms[text_at(as_object(s), "session")] = number_at(as_object(s), "end_ms").value_or(0);
}

namespace {

std::string indent(int depth) { return std::string(static_cast<std::size_t>(depth) * 2, ' '); }

/// What write_pretty_json_at writes for an array at `depth`, its elements written one at a time
/// (each at depth + 1, after the indentation next() writes), so that their number need not be
/// known before the first one.
class ArrayAt {
 public:
  ArrayAt(std::ostream& os, int depth) : m_os(os), m_depth(depth) {}
  void next() { m_os << (m_count++ == 0 ? "[\n" : ",\n") << indent(m_depth + 1); }
  void close() {
    if (m_count == 0)
      m_os << "[]";
    else
      m_os << '\n' << indent(m_depth) << ']';
  }

 private:
  std::ostream& m_os;
  int m_depth;
  std::size_t m_count = 0;
};

}  // namespace

void LabReportWriter::add_stages(stages::StagesRun& run, const std::function<void(json::object&)>& decorate) {
  // report.json holds the agreement first: the stages member waits in a spool file.
  auto& os = m->stages_json.stream();
  auto& sessions_csv = m->out("sessions.csv");
  auto& episodes_csv = m->out("episodes.csv");
  if (!run.error().empty()) {
    m->stages_error = run.error();
    return;
  }
  const stages::StagesResult& parameters = run.parameters();
  write_sessions_csv_header(sessions_csv);
  write_stages_csv_header(episodes_csv, parameters);
  // One session (and coder) at a time: report.json, sessions.csv, episodes.csv, the summary's
  // totals and the page's spool.
  const auto session = [&](const stages::SessionStages& s) {
    json::object o = stages_session_to_json(s);
    if (decorate) decorate(o);
    write_pretty_json_at(os, o, 3);
    // sessions.csv: a file's check findings; a session without a file counts every file's.
    const std::string file = text_at(o, "file");
    std::pair<std::size_t, std::size_t> counts{m->errors, m->warnings};
    if (!file.empty()) {
      const auto it = m->findings_by_file.find(file);
      counts = it == m->findings_by_file.end() ? std::pair<std::size_t, std::size_t>{} : it->second;
    }
    write_sessions_csv_row(sessions_csv, o, counts.first, counts.second);
    write_stages_csv_rows(episodes_csv, parameters, s);
    const auto& summary = object_at(o, "summary");
    m->episodes += static_cast<std::size_t>(number_at(summary, "episodes").value_or(0));
    m->resolved += static_cast<std::size_t>(number_at(summary, "resolved").value_or(0));
    ++m->coding_count;
    m->codings[text_at(o, "session")].push_back(m->spool.put(o));
  };
  // The members before "sessions" are known now; the summaries and the pooled agreement after it
  // only once every session has passed. Each session's agreement comes with the session but is
  // written after the summaries: it waits in the page's spool meanwhile.
  const json::object before = stages_frame_to_json(parameters);
  json::object after;
  std::vector<Spool::Ref> agreements;
  const auto sessions = [&](int depth) {
    ArrayAt array(os, depth);
    after = stages_frame_to_json(run.finish([&](stages::SessionGroup& group) {
      for (const auto& s : group.sessions) {
        array.next();
        session(s);
      }
      for (const auto& g : group.agreement) agreements.push_back(m->spool.put(stages_agreement_to_json(g)));
    }));
    array.close();
    m->stages_error = run.error();
  };
  const auto agreement_sessions = [&](int depth) {
    write_pretty_json_array_at(os, agreements.size(), depth, [&](std::size_t i) {
      write_pretty_json_at(os, m->spool.get(agreements[i]), depth + 1);
    });
  };
  os << ",\n  " << json_key("stages") << ": ";
  write_pretty_json_object_at(
      os, before, 1,
      {{"sessions", sessions},
       {"aggregates", [&](int depth) { write_pretty_json_at(os, after.at("aggregates"), depth); }},
       {"agreement", [&](int depth) {
          write_pretty_json_object_at(os, after.at("agreement").as_object(), depth, {{"sessions", agreement_sessions}});
        }}});
}

std::string LabReportWriter::commit() {
  if (!m->opened) return "the report was not opened";
  // A spool that could not be written (a full disk) fails the report before the page is made.
  if (!m->stages_error.empty()) return m->stages_error;
  if (!m->spool.error().empty()) return m->spool.error();
  auto& json_out = m->out("report.json");
  if (std::string error = m->stages_json.copy_to(json_out); !error.empty()) return error;
  json_out << "\n}\n";
  m->summary = summary_lines(m->agreement, m->check_summary, m->episodes, m->resolved, m->coding_count);
  auto& html = m->out("report.html");
  write_html_head(html, m->header.codebook, m->check_files, m->header.generated_at, m->header.version,
                  m->header.include_transcript);
  write_html_summary(html, m->summary, m->agreement);
  html << m->agreement_html;
  write_html_sessions_head(html);
  const auto values = [&](const std::map<std::string, std::vector<Spool::Ref>>& index, const std::string& session) {
    std::vector<json::object> out;
    if (const auto it = index.find(session); it != index.end())
      for (const auto& ref : it->second)
        if (json::value v = m->spool.get(ref); v.is_object()) out.push_back(std::move(v.as_object()));
    return out;
  };
  const auto pointers = [](const std::vector<json::object>& objects) {
    std::vector<const json::object*> out;
    for (const auto& o : objects) out.push_back(&o);
    return out;
  };
  for (const auto& [session, refs] : m->codings) {
    const auto codings = values(m->codings, session);
    const auto segments = values(m->segment_disagreements, session);
    const auto intervals = values(m->interval_disagreements, session);
    const auto end = m->agreement_end_ms.find(session);
    write_html_session(html, session, pointers(codings), end == m->agreement_end_ms.end() ? 0.0 : end->second,
                       pointers(segments), pointers(intervals), m->header.include_transcript);
  }
  write_html_sessions_tail(html);
  write_html_validation(html, pointers(m->shown_findings), m->findings);
  write_html_tail(html);
  if (!m->spool.error().empty()) return m->spool.error();
  for (const auto& name : lab_report_files())
    if (std::string error = m->files.at(name)->commit(); !error.empty()) return error;
  return {};
}

const std::vector<std::string>& LabReportWriter::summary() const noexcept { return m->summary; }

}  // namespace rapport::report
