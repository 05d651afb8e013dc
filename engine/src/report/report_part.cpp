// SPDX-License-Identifier: MIT
// Part files of a sharded `rapport report` (lab_project.hpp): JSON Lines, so that a merge reads
// one file digest at a time from every part and never holds a whole part in memory.
//   line 1     {"rapport_part": 1, "rapport_version", "shard": {"k", "n", "rule"}, "settings",
//               "reliability_options", "shard_keys"}
//   per file   {"index", "file", "checked", "check", "reliability", "stages", "transcript"}
//   last line  {"end": {"digests": N}}
// Coded units are arrays to keep parts small: an event is [code, family, known, start_ms,
// end_ms, tier, line, column], a segment [label, start_ms, end_ms, {scale: rating}, tier, line,
// column], a rating [value|null, na], a stage mark [stage, start_ms, end_ms, tier, line, column].
#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <ostream>
#include <set>

#include "rapport/report/atomic_file.hpp"
#include "rapport/report/json_writer.hpp"
#include "rapport/report/lab_project.hpp"

namespace rapport::report {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr std::int64_t part_format = 1;
constexpr const char* shard_rule = "sorted shard keys (session from the project file or file name), round-robin";

// ---- writing ----

json::value optional_text(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::array strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

json::array rating_json(const check::Rating& r) {
  return {r.value ? json::value(*r.value) : json::value(nullptr), r.na};
}

json::object ratings_json(const check::Ratings& ratings) {
  json::object out;
  for (const auto& [scale, r] : ratings) out[scale] = rating_json(r);
  return out;
}

json::object coded_json(const check::CodedSessionData& c) {
  json::array events, segments, stages;
  for (const auto& e : c.events)
    events.push_back(
        json::array{e.code, e.family, e.known, e.start_ms, e.end_ms, e.where.tier, e.where.line, e.where.column});
  for (const auto& s : c.segments)
    segments.push_back(json::array{s.label, s.start_ms, s.end_ms, ratings_json(s.ratings), s.where.tier, s.where.line,
                                   s.where.column});
  for (const auto& m : c.stages)
    stages.push_back(json::array{m.stage, m.start_ms, m.end_ms, m.where.tier, m.where.line, m.where.column});
  return {{"file", c.file},
          {"session", c.session},
          {"coder", c.coder},
          {"events", std::move(events)},
          {"segments", std::move(segments)},
          {"session_ratings", ratings_json(c.session_ratings)},
          {"stages", std::move(stages)}};
}

json::object digest_json(const FileDigest& d) {
  json::array checked, sessions, codings, transcript;
  for (const auto& c : d.checked) checked.push_back(json::array{optional_text(c.session), optional_text(c.coder)});
  for (const auto& s : d.sessions.sessions)
    sessions.push_back(json::object{{"data", coded_json(s.data)},
                                    {"patient", optional_text(s.participants.patient)},
                                    {"therapist", optional_text(s.participants.therapist)}});
  for (const auto& c : d.codings.codings) {
    // The reliability coding of a coder is the same extract as that coder's stages session:
    // written once, referred to by position.
    json::object o;
    const auto same = std::find_if(d.sessions.sessions.begin(), d.sessions.sessions.end(), [&](const auto& s) {
      return s.data.coder == c.data.coder && s.data.session == c.data.session && s.data.file == c.data.file;
    });
    if (same != d.sessions.sessions.end())
      o["same_as_session"] = same - d.sessions.sessions.begin();
    else
      o["data"] = coded_json(c.data);
    o["tiers"] = strings(c.tiers);
    o["date"] = optional_text(c.date);
    o["end_ms"] = c.end_ms;
    codings.push_back(std::move(o));
  }
  for (const auto& l : d.transcript) transcript.push_back(json::array{l.tier, l.speaker, l.start_ms, l.end_ms, l.text});
  return {
      {"index", d.index},
      {"file", d.file},
      {"checked", std::move(checked)},
      {"check", to_json(d.check_diagnostics)},
      {"reliability", json::object{{"diagnostics", to_json(d.codings.diagnostics)}, {"codings", std::move(codings)}}},
      {"stages", json::object{{"diagnostics", to_json(d.sessions.diagnostics)}, {"sessions", std::move(sessions)}}},
      {"transcript", std::move(transcript)}};
}

json::object settings_json(const LabSettings& s) {
  return {{"paths", strings(s.paths)},
          {"codebook", s.codebook},
          {"codebook_id", s.codebook_id},
          {"project", optional_text(s.project)},
          {"include_transcript", s.include_transcript},
          {"files", s.files},
          {"file_list_hash", s.file_list_hash}};
}

json::object options_json(const reliability::ReliabilityOptions& o) {
  return {{"measures", strings(o.measures)},
          {"bootstrap", o.bootstrap},
          {"seed", o.seed},
          {"time_aligned", o.time_aligned},
          {"gamma", o.gamma},
          {"elan_min_overlap", o.elan_min_overlap},
          {"gamma_options", json::object{{"alpha", o.gamma_options.alpha},
                                         {"beta", o.gamma_options.beta},
                                         {"delta_empty", o.gamma_options.delta_empty},
                                         {"samples", o.gamma_options.samples},
                                         {"seed", o.gamma_options.seed},
                                         {"sampler", static_cast<int>(o.gamma_options.sampler)}}},
          {"consensus", strings(o.consensus)},
          {"gold", optional_text(o.gold)},
          {"thresholds", json::object{{"min_kappa", o.thresholds.min_kappa},
                                      {"min_icc", o.thresholds.min_icc},
                                      {"use_ci_low", o.thresholds.use_ci_low},
                                      {"source", o.thresholds.source}}},
          {"disagreements", o.disagreements},
          {"drift", o.drift}};
}

json::object header_json(const PartHeader& h) {
  return {{"rapport_part", part_format},
          {"rapport_version", h.version},
          {"shard", json::object{{"k", h.k}, {"n", h.n}, {"rule", shard_rule}}},
          {"settings", settings_json(h.settings)},
          {"reliability_options", options_json(h.options)},
          {"shard_keys", strings(h.shard_keys)}};
}

// ---- reading (throws on a malformed line; PartReader turns that into an error) ----

std::string text(const json::value& v) { return std::string(v.as_string()); }

std::optional<std::string> optional_text(const json::value& v) {
  if (v.is_null()) return std::nullopt;
  return text(v);
}

template <class T>
T number(const json::value& v) {
  return v.to_number<T>();
}

std::vector<std::string> strings(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& s : v.as_array()) out.push_back(text(s));
  return out;
}

Diagnostic diagnostic_from(const json::value& v) {
  const auto& o = v.as_object();
  Diagnostic d;
  const auto severity = parse_severity(text(o.at("severity")));
  if (!severity) throw std::invalid_argument("unknown severity");
  d.severity = *severity;
  d.rule = text(o.at("rule"));
  d.file = text(o.at("file"));
  d.line = number<std::int64_t>(o.at("line"));
  d.column = number<std::int64_t>(o.at("column"));
  d.tier = optional_text(o.at("tier"));
  if (!o.at("start_ms").is_null()) d.start_ms = number<std::int64_t>(o.at("start_ms"));
  if (!o.at("end_ms").is_null()) d.end_ms = number<std::int64_t>(o.at("end_ms"));
  d.message = text(o.at("message"));
  d.suggestion = optional_text(o.at("suggestion"));
  return d;
}

std::vector<Diagnostic> diagnostics_from(const json::value& v) {
  std::vector<Diagnostic> out;
  for (const auto& d : v.as_array()) out.push_back(diagnostic_from(d));
  return out;
}

check::Rating rating_from(const json::value& v) {
  const auto& a = v.as_array();
  check::Rating r;
  if (!a.at(0).is_null()) r.value = number<int>(a.at(0));
  r.na = a.at(1).as_bool();
  return r;
}

check::Ratings ratings_from(const json::value& v) {
  check::Ratings out;
  for (const auto& [scale, r] : v.as_object()) out[std::string(scale)] = rating_from(r);
  return out;
}

check::SourceLocation where_from(const json::array& a, std::size_t at) {
  return {text(a.at(at)), number<std::int64_t>(a.at(at + 1)), number<std::int64_t>(a.at(at + 2))};
}

check::CodedSessionData coded_from(const json::value& v) {
  const auto& o = v.as_object();
  check::CodedSessionData c;
  c.file = text(o.at("file"));
  c.session = text(o.at("session"));
  c.coder = text(o.at("coder"));
  for (const auto& e : o.at("events").as_array()) {
    const auto& a = e.as_array();
    c.events.push_back({text(a.at(0)), text(a.at(1)), a.at(2).as_bool(), number<eaf::Millis>(a.at(3)),
                        number<eaf::Millis>(a.at(4)), where_from(a, 5)});
  }
  for (const auto& s : o.at("segments").as_array()) {
    const auto& a = s.as_array();
    c.segments.push_back({text(a.at(0)), number<eaf::Millis>(a.at(1)), number<eaf::Millis>(a.at(2)),
                          ratings_from(a.at(3)), where_from(a, 4)});
  }
  c.session_ratings = ratings_from(o.at("session_ratings"));
  for (const auto& m : o.at("stages").as_array()) {
    const auto& a = m.as_array();
    c.stages.push_back({text(a.at(0)), number<eaf::Millis>(a.at(1)), number<eaf::Millis>(a.at(2)), where_from(a, 3)});
  }
  return c;
}

FileDigest digest_from(const json::object& o) {
  FileDigest d;
  d.index = number<std::size_t>(o.at("index"));
  d.file = text(o.at("file"));
  for (const auto& c : o.at("checked").as_array())
    d.checked.push_back({d.file, optional_text(c.as_array().at(0)), optional_text(c.as_array().at(1))});
  d.check_diagnostics = diagnostics_from(o.at("check"));
  const auto& stages = o.at("stages").as_object();
  d.sessions.file = d.file;
  d.sessions.diagnostics = diagnostics_from(stages.at("diagnostics"));
  for (const auto& s : stages.at("sessions").as_array()) {
    const auto& so = s.as_object();
    d.sessions.sessions.push_back(
        {coded_from(so.at("data")), {optional_text(so.at("patient")), optional_text(so.at("therapist"))}});
  }
  const auto& rel = o.at("reliability").as_object();
  d.codings.file = d.file;
  d.codings.diagnostics = diagnostics_from(rel.at("diagnostics"));
  for (const auto& c : rel.at("codings").as_array()) {
    const auto& co = c.as_object();
    reliability::CoderCoding coding;
    if (const auto* same = co.if_contains("same_as_session"))
      coding.data = d.sessions.sessions.at(number<std::size_t>(*same)).data;
    else
      coding.data = coded_from(co.at("data"));
    coding.tiers = strings(co.at("tiers"));
    coding.date = optional_text(co.at("date"));
    coding.end_ms = number<eaf::Millis>(co.at("end_ms"));
    d.codings.codings.push_back(std::move(coding));
  }
  for (const auto& l : o.at("transcript").as_array()) {
    const auto& a = l.as_array();
    d.transcript.push_back(
        {text(a.at(0)), text(a.at(1)), number<eaf::Millis>(a.at(2)), number<eaf::Millis>(a.at(3)), text(a.at(4))});
  }
  return d;
}

LabSettings settings_from(const json::value& v) {
  const auto& o = v.as_object();
  LabSettings s;
  s.paths = strings(o.at("paths"));
  s.codebook = text(o.at("codebook"));
  s.codebook_id = text(o.at("codebook_id"));
  s.project = optional_text(o.at("project"));
  s.include_transcript = o.at("include_transcript").as_bool();
  s.files = number<std::size_t>(o.at("files"));
  s.file_list_hash = text(o.at("file_list_hash"));
  return s;
}

reliability::ReliabilityOptions options_from(const json::value& v) {
  const auto& o = v.as_object();
  reliability::ReliabilityOptions r;
  r.measures = strings(o.at("measures"));
  r.bootstrap = number<std::size_t>(o.at("bootstrap"));
  r.seed = number<std::uint64_t>(o.at("seed"));
  r.time_aligned = o.at("time_aligned").as_bool();
  r.gamma = o.at("gamma").as_bool();
  r.elan_min_overlap = number<double>(o.at("elan_min_overlap"));
  const auto& g = o.at("gamma_options").as_object();
  r.gamma_options.alpha = number<double>(g.at("alpha"));
  r.gamma_options.beta = number<double>(g.at("beta"));
  r.gamma_options.delta_empty = number<double>(g.at("delta_empty"));
  r.gamma_options.samples = number<std::size_t>(g.at("samples"));
  r.gamma_options.seed = number<std::uint64_t>(g.at("seed"));
  r.gamma_options.sampler = static_cast<intervals::GammaSampler>(number<int>(g.at("sampler")));
  r.consensus = strings(o.at("consensus"));
  r.gold = optional_text(o.at("gold"));
  const auto& t = o.at("thresholds").as_object();
  r.thresholds.min_kappa = number<double>(t.at("min_kappa"));
  r.thresholds.min_icc = number<double>(t.at("min_icc"));
  r.thresholds.use_ci_low = t.at("use_ci_low").as_bool();
  r.thresholds.source = text(t.at("source"));
  r.disagreements = o.at("disagreements").as_bool();
  r.drift = o.at("drift").as_bool();
  return r;
}

}  // namespace

std::string part_file_name(std::size_t k, std::size_t n) {
  return "part-" + std::to_string(k) + "-of-" + std::to_string(n) + ".rapport-part.jsonl";
}

std::string write_part_file(const fs::path& path, const PartHeader& header,
                            const std::function<void(const std::function<void(const FileDigest&)>&)>& produce) {
  std::error_code ec;
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec || !fs::is_directory(path.parent_path())) return "cannot create the folder " + path.parent_path().string();
  }
  // Sweep only this part's temporaries left by a killed run: the other shards of a job array
  // write into the same folder at the same time.
  const std::string own = atomic_temp_prefix + path.filename().string() + "-";
  for (fs::directory_iterator it(path.has_parent_path() ? path.parent_path() : fs::path("."), ec), end;
       !ec && it != end; it.increment(ec))
    if (it->path().filename().string().starts_with(own)) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  return write_file_atomically(path, [&](std::ostream& os) {
    os << json::serialize(header_json(header)) << '\n';
    std::size_t digests = 0;
    produce([&](const FileDigest& d) {
      os << json::serialize(digest_json(d)) << '\n';
      ++digests;
    });
    os << json::serialize(json::object{{"end", json::object{{"digests", digests}}}}) << '\n';
  });
}

PartReader::PartReader(const fs::path& path) : m_path(path), m_in(path, std::ios::binary) {
  if (!m_in) {
    m_error = path.string() + ": cannot be read";
    return;
  }
  std::string line;
  if (!std::getline(m_in, line)) {
    m_error = path.string() + ": empty; not a rapport part file";
    return;
  }
  try {
    const json::value v = json::parse(line);
    const auto* format = v.is_object() ? v.as_object().if_contains("rapport_part") : nullptr;
    if (!format) {
      m_error = path.string() + ": not a rapport part file (rapport report --shard K/N writes them)";
      return;
    }
    if (number<std::int64_t>(*format) != part_format) {
      m_error = path.string() + ": part format " + json::serialize(*format) + ", this rapport reads format " +
                std::to_string(part_format);
      return;
    }
    const auto& o = v.as_object();
    m_header.version = text(o.at("rapport_version"));
    m_header.k = number<std::size_t>(o.at("shard").at("k"));
    m_header.n = number<std::size_t>(o.at("shard").at("n"));
    m_header.settings = settings_from(o.at("settings"));
    m_header.options = options_from(o.at("reliability_options"));
    m_header.shard_keys = strings(o.at("shard_keys"));
  } catch (const std::exception& e) {
    m_error = path.string() + ": line 1: not a readable part header (" + e.what() + ")";
  }
}

std::optional<FileDigest> PartReader::next() {
  if (!m_error.empty() || m_ended) return std::nullopt;
  std::string line;
  if (!std::getline(m_in, line)) {
    m_error = m_path.string() + ": truncated (no end line after " + std::to_string(m_digests) + " file(s))";
    return std::nullopt;
  }
  try {
    const json::value v = json::parse(line);
    const auto& o = v.as_object();
    if (const auto* end = o.if_contains("end")) {
      m_ended = true;
      if (number<std::size_t>(end->at("digests")) != m_digests)
        m_error = m_path.string() + ": the end line counts " + json::serialize(end->at("digests")) + " file(s), " +
                  std::to_string(m_digests) + " were read";
      return std::nullopt;
    }
    ++m_digests;
    return digest_from(o);
  } catch (const std::exception& e) {
    m_error =
        m_path.string() + ": line " + std::to_string(m_digests + 1) + ": not a readable file digest (" + e.what() + ")";
    return std::nullopt;
  }
}

std::string validate_parts(const std::vector<const PartReader*>& parts, std::string_view version) {
  if (parts.empty()) return "no part files given";
  for (const auto* p : parts)
    if (!p->error().empty()) return p->error();
  const PartReader& first = *parts.front();
  const auto name = [](const PartReader& p) { return p.path().string(); };
  for (const auto* p : parts) {
    const auto& h = p->header();
    if (h.version != version)
      return name(*p) + ": written by Rapport " + h.version + ", this is Rapport " + std::string(version) +
             "; run every shard and the merge with the same version";
    if (h.n == 0 || h.k < 1 || h.k > h.n)
      return name(*p) + ": shard " + std::to_string(h.k) + "/" + std::to_string(h.n) + " is not a shard K/N";
    if (h.n != first.header().n)
      return name(*p) + ": part of " + std::to_string(h.n) + " shards, but " + name(first) + " is part of " +
             std::to_string(first.header().n) + " (mixed N)";
    if (json::value(settings_json(h.settings)) != json::value(settings_json(first.header().settings))) {
      std::string what = "settings";
      if (h.settings.codebook_id != first.header().settings.codebook_id ||
          h.settings.codebook != first.header().settings.codebook)
        what = "codebook ('" + h.settings.codebook + "' " + h.settings.codebook_id + ", not '" +
               first.header().settings.codebook + "' " + first.header().settings.codebook_id + ")";
      else if (h.settings.include_transcript != first.header().settings.include_transcript)
        what = "--include-transcript";
      else if (h.settings.paths != first.header().settings.paths ||
               h.settings.project != first.header().settings.project)
        what = "PATHS or --project";
      else
        what = "project files (another file list)";
      return name(*p) + ": another " + what + " than " + name(first) +
             "; all shards must run over the same project with the same options";
    }
    if (json::value(options_json(h.options)) != json::value(options_json(first.header().options)))
      return name(*p) + ": other reliability options than " + name(first);
  }
  std::map<std::size_t, const PartReader*> by_k;
  for (const auto* p : parts) {
    const auto [it, fresh] = by_k.emplace(p->header().k, p);
    if (!fresh)
      return name(*p) + ": shard " + std::to_string(p->header().k) + "/" + std::to_string(p->header().n) +
             " is given twice (also " + name(*it->second) + ")";
  }
  std::string missing;
  for (std::size_t k = 1; k <= first.header().n; ++k)
    if (!by_k.contains(k)) missing += (missing.empty() ? "" : ", ") + part_file_name(k, first.header().n);
  if (!missing.empty())
    return "missing part(s): " + missing + " (given: " + [&] {
      std::string given;
      for (const auto* p : parts) given += (given.empty() ? "" : ", ") + name(*p);
      return given;
    }() + ")";
  return {};
}

std::string merge_parts(std::vector<PartReader*>& parts, LabAccumulator& accumulator,
                        const std::function<void(std::size_t)>& progress) {
  // A k-way merge on the file index: each part is in file order.
  std::vector<std::optional<FileDigest>> heads(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    heads[i] = parts[i]->next();
    if (!parts[i]->error().empty()) return parts[i]->error();
  }
  const std::size_t files = parts.empty() ? 0 : parts.front()->header().settings.files;
  std::map<std::string, std::size_t> session_part;  // a session must come from one part only
  std::size_t expected = 0;
  for (;;) {
    std::size_t best = parts.size();
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (heads[i] && (best == parts.size() || heads[i]->index < heads[best]->index)) best = i;
    if (best == parts.size()) break;
    FileDigest d = std::move(*heads[best]);
    if (d.index != expected) {
      if (d.index < expected)
        return parts[best]->path().string() + ": file " + d.file + " (#" + std::to_string(d.index + 1) +
               ") comes twice, or out of order";
      return "no part holds file #" + std::to_string(expected + 1) + " of the project (the next is " + d.file + " in " +
             parts[best]->path().string() + ")";
    }
    for (const auto& c : d.checked) {
      if (!c.session) continue;
      const auto [it, fresh] = session_part.emplace(*c.session, best);
      if (!fresh && it->second != best)
        return "session '" + *c.session + "' is split across " + parts[it->second]->path().string() + " and " +
               parts[best]->path().string() +
               " (its files' names imply different sessions); run without --shard, or name the session of each "
               "file in a --project file";
    }
    accumulator.add(std::move(d));
    ++expected;
    if (progress) progress(expected);
    heads[best] = parts[best]->next();
    if (!parts[best]->error().empty()) return parts[best]->error();
  }
  if (expected != files)
    return "the parts hold " + std::to_string(expected) + " of the project's " + std::to_string(files) + " files";
  return {};
}

}  // namespace rapport::report
