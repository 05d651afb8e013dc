// SPDX-License-Identifier: MIT
// Schema validation with Xerces through the shared hardened-reader glue (xml/xerces.hpp): the
// parser never loads anything by itself (schema hints, DTDs and entities stay refused); the XSD
// is loaded explicitly from the local copy the Fetcher or --schema-dir provided.
#include "rapport/net/schema.hpp"

#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/XMLPScanToken.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/XMLException.hpp>

#include <algorithm>
#include <system_error>

#include "net/util.hpp"
#include "xml/xerces.hpp"

namespace rapport::net {
namespace fs = std::filesystem;
using namespace xercesc;

namespace {

constexpr std::size_t max_violations_per_file = 100;
constexpr char16_t xsi_ns[] = u"http://www.w3.org/2001/XMLSchema-instance";

/// Records the schema attributes of the root element, then asks the scan to stop.
class RootHandler final : public DefaultHandler {
 public:
  void startElement(const XMLCh* const, const XMLCh* const, const XMLCh* const, const Attributes& attrs) override {
    if (m_seen_root) return;
    m_seen_root = true;
    for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
      if (xml::view(attrs.getURI(i)) != std::u16string_view(xsi_ns)) continue;
      const std::u16string_view local = xml::view(attrs.getLocalName(i));
      const std::string value = xml::utf8(attrs.getValue(i));
      if (local == u"noNamespaceSchemaLocation") m_no_namespace = value;
      if (local == u"schemaLocation") m_schema_location = value;
    }
  }
  bool seen_root() const noexcept { return m_seen_root; }
  std::optional<std::string> location() const {
    if (!m_no_namespace.empty()) return m_no_namespace;
    // "namespace location namespace location ...": the first location.
    const auto first_space = m_schema_location.find_first_of(" \t\r\n");
    if (first_space == std::string::npos) return std::nullopt;
    const auto start = m_schema_location.find_first_not_of(" \t\r\n", first_space);
    if (start == std::string::npos) return std::nullopt;
    return m_schema_location.substr(start, m_schema_location.find_first_of(" \t\r\n", start) - start);
  }

 private:
  bool m_seen_root = false;
  std::string m_no_namespace;
  std::string m_schema_location;
};

std::string exception_message(const XMLException& e) { return xml::utf8(e.getMessage()); }

}  // namespace

std::optional<std::string> declared_schema(const fs::path& file, std::vector<Diagnostic>& diagnostics) {
  xml::HardenedReader r = xml::make_hardened_reader({});
  RootHandler handler;
  std::vector<Diagnostic> parse_problems;
  xml::DiagnosticErrorHandler errors(file.string(), parse_problems);
  r.reader->setContentHandler(&handler);
  r.reader->setErrorHandler(&errors);
  const std::u16string system_id = xml::utf16(file.string());
  try {
    XMLPScanToken token;
    // A progressive scan: only the prolog and the root start tag are read.
    if (r.reader->parseFirst(xml::xc(system_id), token)) {
      while (!handler.seen_root() && r.reader->parseNext(token)) {
      }
      r.reader->parseReset(token);
    }
  } catch (const SAXParseException&) {
    // Already recorded by the error handler.
  } catch (const XMLException& e) {
    parse_problems.push_back(detail::make_diagnostic(Severity::error, "io-unreadable", file.string(),
                                                     "cannot read the file: " + exception_message(e)));
  }
  if (!handler.seen_root()) {
    diagnostics.insert(diagnostics.end(), parse_problems.begin(), parse_problems.end());
    return std::nullopt;
  }
  return handler.location();
}

std::vector<Diagnostic> validate_with_schema(const fs::path& file, const fs::path& xsd) {
  std::vector<Diagnostic> out;
  xml::HardenedReader r = xml::make_hardened_reader({});
  SAX2XMLReader& p = *r.reader;

  // The XSD first, with its own error handler so that a broken schema is named as such.
  std::vector<Diagnostic> schema_problems;
  xml::DiagnosticErrorHandler schema_errors(xsd.string(), schema_problems);
  p.setErrorHandler(&schema_errors);
  xml::set_validation_features(p);
  const std::u16string xsd_id = xml::utf16(xsd.string());
  Grammar* grammar = nullptr;
  try {
    // An InputSource, not a system id: the reader's entity resolver refuses every URI it is asked
    // to resolve, the schema's own included.
    const LocalFileInputSource source(xml::xc(xsd_id));
    grammar = p.loadGrammar(source, Grammar::SchemaGrammarType, true);
  } catch (const SAXParseException&) {
  } catch (const XMLException& e) {
    schema_problems.push_back(
        detail::make_diagnostic(Severity::error, "xml-error", xsd.string(), exception_message(e)));
  } catch (const OutOfMemoryException&) {
    schema_problems.push_back(detail::make_diagnostic(Severity::error, "xml-error", xsd.string(), "out of memory"));
  }
  const auto schema_error = std::find_if(schema_problems.begin(), schema_problems.end(),
                                         [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (!grammar || schema_error != schema_problems.end()) {
    std::string why = schema_error != schema_problems.end() ? format_diagnostic(*schema_error)
                                                            : std::string("no grammar could be built from it");
    out.push_back(
        detail::make_diagnostic(Severity::error, "eaf-schema-unusable", file.string(),
                                "cannot validate: the schema " + xsd.string() + " is not usable (" + why + ")",
                                "give a folder with the official ELAN XSDs with --schema-dir"));
    return out;
  }

  std::vector<Diagnostic> problems;
  xml::DiagnosticErrorHandler errors(file.string(), problems);
  p.setErrorHandler(&errors);
  DefaultHandler ignore;
  xml::DepthLimitedContentHandler depth_limited(ignore, errors);
  p.setContentHandler(&depth_limited);
  const std::u16string system_id = xml::utf16(file.string());
  try {
    p.parse(xml::xc(system_id));
  } catch (const SAXParseException&) {
  } catch (const XMLException& e) {
    problems.push_back(detail::make_diagnostic(Severity::error, "io-unreadable", file.string(),
                                               "cannot read the file: " + exception_message(e)));
  } catch (const OutOfMemoryException&) {
    problems.push_back(detail::make_diagnostic(Severity::error, "io-unreadable", file.string(), "out of memory"));
  }
  // Only schema violations are capped: what ended the parse (not well-formed, nested too deep) is
  // always said, after the violations found before it.
  std::size_t kept = 0;
  for (Diagnostic& d : problems) {
    if (d.rule != "xml-error") {
      out.push_back(std::move(d));
      continue;
    }
    d.rule = "eaf-schema-violation";
    d.message = "not valid against " + xsd.filename().string() + ": " + d.message;
    if (kept++ < max_violations_per_file) out.push_back(std::move(d));
  }
  if (kept > max_violations_per_file) {
    out.push_back(detail::make_diagnostic(
        Severity::info, "eaf-schema-violation", file.string(),
        std::to_string(kept - max_violations_per_file) + " more schema problems in this file are not listed"));
  }
  return out;
}

std::optional<fs::path> SchemaValidator::locate(const std::string& url, const fs::path& file,
                                                std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  if (m_schema_dir) {
    const fs::path candidate = *m_schema_dir / detail::file_name_of(url);
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  if (!is_remote_url(url) && !is_file_url(url) && detail::scheme_of(url).empty()) {
    fs::path local(url);
    if (local.is_relative()) local = file.parent_path() / local;
    if (fs::is_regular_file(local, ec)) return local;
  }
  const FetchResult& fetched = m_fetcher.get(url);
  if (fetched) return fetched.path;
  Diagnostic d = detail::make_diagnostic(
      Severity::warning, "eaf-schema-unavailable", file.string(),
      "not validated: the schema " + url + " is not available (" + fetched.description() + ")",
      m_schema_dir ? "put " + detail::file_name_of(url) + " into " + m_schema_dir->string()
                   : std::string("give a folder holding the XSD with --schema-dir, or fetch it once online"));
  diagnostics.push_back(std::move(d));
  return std::nullopt;
}

std::vector<Diagnostic> SchemaValidator::validate(const fs::path& file) {
  std::vector<Diagnostic> out;
  const std::optional<std::string> url = declared_schema(file, out);
  if (!url) {
    if (out.empty())
      out.push_back(detail::make_diagnostic(Severity::info, "eaf-schema-undeclared", file.string(),
                                            "not validated: the file declares no schema "
                                            "(xsi:noNamespaceSchemaLocation)"));
    return out;
  }
  const auto xsd = locate(*url, file, out);
  if (!xsd) return out;
  std::vector<Diagnostic> found = validate_with_schema(file, *xsd);
  out.insert(out.end(), found.begin(), found.end());
  return out;
}

}  // namespace rapport::net
