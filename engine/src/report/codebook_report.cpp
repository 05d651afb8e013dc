// SPDX-License-Identifier: MIT
// `rapport codebook show`: the codebook as JSON (every language) and as text (one language).
#include <ostream>

#include "rapport/report/codebook_report.hpp"

namespace rapport::report {
namespace {

using codebook::pick;

boost::json::object texts(const std::vector<codebook::Text>& items) {
  boost::json::object o;
  for (const auto& t : items) o[t.lang] = t.text;
  return o;
}

}  // namespace

boost::json::object codebook_to_json(const codebook::Codebook& cb) {
  boost::json::object root;
  root["id"] = cb.id;
  root["version"] = cb.version;
  root["schema_version"] = cb.schema_version;
  root["instrument"] = cb.instrument;
  root["file"] = cb.file;
  root["label"] = texts(cb.labels);
  boost::json::array languages;
  for (const auto& l : cb.languages) languages.emplace_back(l.code);
  root["languages"] = std::move(languages);
  boost::json::array families;
  for (const auto& f : cb.families) {
    boost::json::object fo;
    fo["id"] = f.id;
    fo["kind"] = codebook::to_string(f.kind);
    fo["rupture_type"] = f.rupture_type == codebook::RuptureType::none
                             ? boost::json::value(nullptr)
                             : boost::json::value(codebook::to_string(f.rupture_type));
    fo["label"] = texts(f.labels);
    boost::json::array codes;
    for (const auto* c : cb.codes_of(f.id)) {
      boost::json::object co;
      co["id"] = c->id;
      co["evidence"] = codebook::to_string(c->evidence);
      co["label"] = texts(c->labels);
      co["definition"] = texts(c->definitions);
      boost::json::object attrs;
      for (const auto& a : c->attributes) attrs[a.name] = a.value;
      co["attributes"] = std::move(attrs);
      codes.emplace_back(std::move(co));
    }
    fo["codes"] = std::move(codes);
    families.emplace_back(std::move(fo));
  }
  root["families"] = std::move(families);
  boost::json::array scales;
  for (const auto& s : cb.scales) {
    boost::json::object so;
    so["id"] = s.id;
    so["level"] = s.level == codebook::RatingLevel::segment ? "segment" : "session";
    so["min"] = s.min;
    so["max"] = s.max;
    so["na_value"] = s.na_allowed ? boost::json::value(s.na_value) : boost::json::value(nullptr);
    so["evidence"] = codebook::to_string(s.evidence);
    so["label"] = texts(s.labels);
    boost::json::object anchors;
    for (const auto& a : s.anchors) anchors[std::to_string(a.value)] = texts(a.labels);
    so["anchors"] = std::move(anchors);
    scales.emplace_back(std::move(so));
  }
  root["scales"] = std::move(scales);
  boost::json::object seg;
  seg["length_ms"] = cb.segmentation.length_ms;
  seg["last_may_be_shorter"] = cb.segmentation.last_may_be_shorter;
  boost::json::array seg_ratings;
  for (const auto& r : cb.segmentation.ratings) seg_ratings.emplace_back(r.scale);
  seg["ratings"] = std::move(seg_ratings);
  root["segmentation"] = std::move(seg);
  boost::json::array ses;
  for (const auto& r : cb.session_ratings) ses.emplace_back(r.scale);
  root["session_ratings"] = std::move(ses);
  boost::json::array models;
  for (const auto& m : cb.stage_models) {
    boost::json::object mo;
    mo["id"] = m.id;
    mo["rupture_type"] = codebook::to_string(m.rupture_type);
    mo["evidence"] = codebook::to_string(m.evidence);
    mo["label"] = texts(m.labels);
    boost::json::array stages;
    for (const auto& s : m.stages)
      stages.emplace_back(
          boost::json::object{{"id", s.id}, {"label", texts(s.labels)}, {"observable", texts(s.observables)}});
    mo["stages"] = std::move(stages);
    models.emplace_back(std::move(mo));
  }
  root["stage_models"] = std::move(models);
  boost::json::array tiers;
  for (const auto& t : cb.tiers) {
    boost::json::object to;
    to["name"] = t.name;
    to["content"] = codebook::to_string(t.content);
    to["cv"] = t.cv ? boost::json::value(*t.cv) : boost::json::value(nullptr);
    to["parent"] = t.parent ? boost::json::value(*t.parent) : boost::json::value(nullptr);
    to["required"] = t.required;
    tiers.emplace_back(std::move(to));
  }
  root["tiers"] = std::move(tiers);
  return root;
}

void write_codebook_text(std::ostream& os, const codebook::Codebook& cb, const std::string& lang) {
  os << pick(cb.labels, lang) << "\n"
     << cb.id << " version " << cb.version << " (schema " << cb.schema_version << "), " << cb.file << "\n";
  for (const auto& f : cb.families) {
    os << "\n" << pick(f.labels, lang) << " [" << f.id << "]\n";
    for (const auto* c : cb.codes_of(f.id)) {
      os << "  " << c->id << std::string(c->id.size() < 5 ? 5 - c->id.size() : 1, ' ') << pick(c->labels, lang);
      for (const auto& a : c->attributes)
        if (a.name == "class") os << " (" << a.value << ")";
      if (c->evidence != codebook::Evidence::recalled) os << "  [" << codebook::to_string(c->evidence) << "]";
      os << '\n';
    }
  }
  os << "\nScales\n";
  for (const auto& s : cb.scales) {
    os << "  " << s.id << std::string(s.id.size() < 14 ? 14 - s.id.size() : 1, ' ') << s.min << "-" << s.max
       << (s.na_allowed ? " or " + s.na_value : std::string()) << "  " << pick(s.labels, lang) << '\n';
  }
  os << "\nSegments of " << cb.segmentation.length_ms / 1000 << " s, each rated on";
  for (const auto& r : cb.segmentation.ratings) os << ' ' << r.scale;
  if (cb.session_ratings.empty())
    os << "; no session ratings";
  else
    os << "; session rated on";
  for (const auto& r : cb.session_ratings) os << ' ' << r.scale;
  os << '\n';
  if (!cb.stage_models.empty()) os << "\nStage models\n";
  for (const auto& m : cb.stage_models) {
    os << "  " << m.id << "  " << pick(m.labels, lang) << '\n';
    for (const auto& s : m.stages) os << "    " << s.id << "  " << pick(s.labels, lang) << '\n';
  }
  os << "\nTier layout\n";
  for (const auto& t : cb.tiers) {
    os << "  " << t.name << std::string(t.name.size() < 10 ? 10 - t.name.size() : 1, ' ')
       << codebook::to_string(t.content);
    if (t.cv) os << ", CV " << *t.cv;
    if (t.parent) os << ", child of " << *t.parent;
    if (t.required) os << ", required";
    os << '\n';
  }
}

}  // namespace rapport::report
