// SPDX-License-Identifier: MIT
#include <boost/json.hpp>
#include <iomanip>
#include <ostream>

#include "rapport/report/inspect.hpp"
#include "rapport/report/json_writer.hpp"

namespace rapport::report {
namespace {

namespace json = boost::json;

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string format_ms(eaf::Millis ms) {
  const eaf::Millis total_s = ms / 1000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%03lld", static_cast<long long>(total_s / 3600),
                static_cast<long long>(total_s / 60 % 60), static_cast<long long>(total_s % 60),
                static_cast<long long>(ms % 1000));
  return buf;
}

}  // namespace

json::object inspect_json(const eaf::Document& doc, const InspectOptions& options) {
  json::object o;
  o["file"] = doc.file;
  o["kind"] = doc.kind == eaf::DocumentKind::cv_resource ? "cv_resource" : "annotation_document";
  o["format"] = doc.effective_format();
  o["version"] = opt(doc.version);
  json::array media;
  for (const auto& m : doc.header.media) {
    media.push_back(
        json::object{{"url", m.media_url},
                     {"mime_type", m.mime_type},
                     {"relative_url", opt(m.relative_media_url)},
                     {"time_origin_ms", m.time_origin ? json::value(*m.time_origin) : json::value(nullptr)}});
  }
  o["media"] = std::move(media);
  json::array tiers;
  for (const auto& t : doc.tiers) {
    const std::string_view stereotype = to_string(doc.stereotype_of(t));
    tiers.push_back(json::object{{"id", t.id},
                                 {"linguistic_type", t.linguistic_type},
                                 {"stereotype", stereotype.empty() ? json::value(nullptr) : json::value(stereotype)},
                                 {"parent", opt(t.parent)},
                                 {"annotator", opt(t.annotator)},
                                 {"participant", opt(t.participant)},
                                 {"annotation_count", t.annotations.size()}});
  }
  o["tiers"] = std::move(tiers);
  json::array cvs;
  for (const auto& cv : doc.controlled_vocabularies) {
    cvs.push_back(json::object{{"id", cv.id}, {"external", opt(cv.external_url)}, {"entries", cv.entries.size()}});
  }
  o["controlled_vocabularies"] = std::move(cvs);
  if (options.annotations) {
    json::array anns;
    for (const auto& t : doc.tiers) {
      for (const auto& a : t.annotations) {
        anns.push_back(
            json::object{{"tier", t.id},
                         {"id", a.id.view()},
                         {"start_ms", a.start_ms},
                         {"end_ms", a.end_ms},
                         {"value", a.value.view()},
                         {"cve_ref", a.cve_ref ? json::value(a.cve_ref->view()) : json::value(nullptr)},
                         {"cve_resolved", a.cve_resolved ? json::value(*a.cve_resolved) : json::value(nullptr)},
                         {"interpolated", a.interpolated},
                         {"time_resolved", a.time_resolved}});
      }
    }
    o["annotations"] = std::move(anns);
  }
  o["diagnostics"] = to_json(doc.diagnostics);
  return o;
}

void write_inspect_text(std::ostream& os, const eaf::Document& doc, const InspectOptions& options) {
  // A file that could not be read at all (missing, unreadable, not XML) has no format to name:
  // "EAF 3.0" would be the default of a document that was never there.
  const bool unread = !doc.complete && !doc.format && !doc.version && doc.tiers.empty();
  os << doc.file << ": ";
  if (unread) {
    os << "not read (see the errors below)";
  } else {
    os << (doc.kind == eaf::DocumentKind::cv_resource ? "external controlled vocabulary"
                                                      : "EAF " + doc.effective_format())
       << ", " << count_noun(doc.tiers.size(), "tier") << ", " << count_noun(doc.annotation_count(), "annotation");
  }
  if (const auto span = doc.time_span()) os << ", " << format_ms(span->first) << " – " << format_ms(span->second);
  os << '\n';
  for (const auto& m : doc.header.media) os << "  media: " << m.media_url << " (" << m.mime_type << ")\n";

  if (!doc.tiers.empty()) {
    std::size_t w_id = 4, w_type = 4, w_parent = 6, w_ann = 9;
    for (const auto& t : doc.tiers) {
      w_id = std::max(w_id, t.id.size());
      w_type = std::max(w_type, t.linguistic_type.size());
      w_parent = std::max(w_parent, t.parent.value_or("-").size());
      w_ann = std::max(w_ann, t.annotator.value_or("-").size());
    }
    os << '\n'
       << std::left << "  " << std::setw(static_cast<int>(w_id)) << "tier"
       << "  " << std::setw(static_cast<int>(w_type)) << "type"
       << "  " << std::setw(21) << "stereotype"
       << "  " << std::setw(static_cast<int>(w_parent)) << "parent"
       << "  " << std::setw(static_cast<int>(w_ann)) << "annotator"
       << "  " << std::right << std::setw(11) << "annotations" << '\n';
    for (const auto& t : doc.tiers) {
      const std::string_view st = to_string(doc.stereotype_of(t));
      os << std::left << "  " << std::setw(static_cast<int>(w_id)) << t.id << "  "
         << std::setw(static_cast<int>(w_type)) << t.linguistic_type << "  " << std::setw(21)
         << (st.empty() ? "-" : std::string(st)) << "  " << std::setw(static_cast<int>(w_parent))
         << t.parent.value_or("-") << "  " << std::setw(static_cast<int>(w_ann)) << t.annotator.value_or("-") << "  "
         << std::right << std::setw(11) << t.annotations.size() << '\n';
    }
  }
  if (!doc.controlled_vocabularies.empty()) {
    os << "\n  controlled vocabularies:\n";
    for (const auto& cv : doc.controlled_vocabularies) {
      os << "    " << cv.id << ": " << cv.entries.size() << " entries";
      if (cv.external_url)
        os << " (external: " << *cv.external_url << (cv.external_loaded ? "" : ", not loaded") << ')';
      os << '\n';
    }
  }
  if (options.annotations) {
    os << '\n';
    for (const auto& t : doc.tiers) {
      for (const auto& a : t.annotations) {
        os << "  " << t.id << "  " << format_ms(a.start_ms) << " – " << format_ms(a.end_ms)
           << (a.interpolated ? " (interpolated)" : "") << "  " << a.value << '\n';
      }
    }
  }
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : doc.diagnostics) {
    errors += d.severity == Severity::error;
    warnings += d.severity == Severity::warning;
  }
  os << "\n  " << count_noun(errors, "error") << ", " << count_noun(warnings, "warning") << '\n';
  for (const auto& d : doc.diagnostics) os << "  " << format_diagnostic(d) << '\n';
}

}  // namespace rapport::report
