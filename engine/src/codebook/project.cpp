// SPDX-License-Identifier: MIT
#include "rapport/codebook/project.hpp"

#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "codebook/sax_handler.hpp"
#include "codebook/xml_pass.hpp"
#include "rapport/codebook/data_dir.hpp"

namespace rapport::codebook {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> attr(const xercesc::Attributes& attrs, const char16_t* name) {
  const XMLCh* v = attrs.getValue(reinterpret_cast<const XMLCh*>(name));
  if (!v) return std::nullopt;
  return xml::utf8(v);
}

fs::path normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

class ProjectHandler final : public xercesc::DefaultHandler {
 public:
  ProjectHandler(Project& out, fs::path base) : m_project(out), m_base(std::move(base)) {}
  void setDocumentLocator(const xercesc::Locator* locator) override { m_locator = locator; }
  void startElement(const XMLCh*, const XMLCh* local_name, const XMLCh*, const xercesc::Attributes& attrs) override {
    const std::string name = xml::utf8(local_name);
    if (name == "project") {
      m_project.schema_version = attr(attrs, u"schema_version").value_or("");
      m_project.codebook = attr(attrs, u"codebook");
    } else if (name == "coder_identification") {
      m_project.coder_identification.emplace();
    } else if (name == "tier_affix" && m_project.coder_identification) {
      TierAffix a;
      a.position =
          attr(attrs, u"position").value_or("suffix") == "prefix" ? AffixPosition::prefix : AffixPosition::suffix;
      a.separator = attr(attrs, u"separator").value_or("@");
      m_project.coder_identification->tier_affixes.push_back(std::move(a));
    } else if (name == "annotator_attribute" && m_project.coder_identification) {
      m_project.coder_identification->annotator_attribute = true;
    } else if (name == "file_name" && m_project.coder_identification) {
      m_project.coder_identification->file_name_separator = attr(attrs, u"separator").value_or("_");
    } else if (name == "file") {
      ProjectFile f;
      f.path = normal(m_base / fs::path(attr(attrs, u"path").value_or("")));
      f.session = attr(attrs, u"session");
      f.coder = attr(attrs, u"coder");
      if (m_locator)
        f.pos = {static_cast<std::int64_t>(m_locator->getLineNumber()),
                 static_cast<std::int64_t>(m_locator->getColumnNumber())};
      m_project.files.push_back(std::move(f));
    }
  }

 private:
  Project& m_project;
  fs::path m_base;
  const xercesc::Locator* m_locator = nullptr;
};

}  // namespace

const ProjectFile* Project::find(const fs::path& path) const {
  const fs::path wanted = normal(path);
  auto it = std::find_if(files.begin(), files.end(), [&](const ProjectFile& f) { return f.path == wanted; });
  return it == files.end() ? nullptr : &*it;
}

ProjectReadResult read_project_file(const fs::path& path) {
  ProjectReadResult result;
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.diagnostics.push_back(
        detail::make(Severity::error, "project-io", name, 0, 0, "cannot open the project file for reading"));
    return result;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  const auto schema = find_data_file("schemas/project.xsd");
  if (!schema) {
    result.diagnostics.push_back(detail::make(Severity::error, "project-schema-missing", name, 0, 0,
                                              "cannot find schemas/project.xsd in any data directory; set "
                                              "RAPPORT_DATA_DIR"));
    return result;
  }
  {
    // Problems before the root element are reported by the validating pass below.
    std::vector<Diagnostic> prolog;
    if (const auto doctype = detail::peek_root(bytes, name, prolog).doctype) {
      result.diagnostics.push_back(detail::doctype_refused(name, *doctype, "project file"));
      return result;
    }
  }
  xml::HardenedReader reader = xml::make_hardened_reader({});
  if (!detail::load_schema(reader, schema->string(), name, result.diagnostics)) return result;
  Project project;
  project.file = name;
  ProjectHandler handler(project, path.parent_path());
  const std::size_t first = result.diagnostics.size();
  detail::run_parse(reader, handler, bytes, name, result.diagnostics);
  for (std::size_t i = first; i < result.diagnostics.size(); ++i) {
    Diagnostic& d = result.diagnostics[i];
    if (d.rule == "xml-error") {
      d.rule = "project-schema";
      d.message = "does not follow the project schema: " + d.message;
    }
  }
  if (std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                  [](const Diagnostic& d) { return d.severity == Severity::error; }))
    return result;
  // A codebook given as a path is relative to the project file, like the file paths.
  if (project.codebook && !project.codebook->empty()) {
    const fs::path p(*project.codebook);
    if (p.extension() == ".xml" || project.codebook->find('/') != std::string::npos)
      project.codebook = normal(path.parent_path() / p).string();
  }
  result.project = std::move(project);
  return result;
}

}  // namespace rapport::codebook
