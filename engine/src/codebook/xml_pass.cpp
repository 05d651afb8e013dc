// SPDX-License-Identifier: MIT
#include "codebook/xml_pass.hpp"

#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

#include <algorithm>

namespace rapport::codebook::detail {

Diagnostic make(Severity severity, std::string rule, const std::string& file, std::int64_t line, std::int64_t column,
                std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.rule = std::move(rule);
  d.file = file;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  return d;
}

void run_parse(xml::HardenedReader& reader, xercesc::DefaultHandler& handler, std::string_view bytes,
               const std::string& name, std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> xml_diagnostics;
  xml::DiagnosticErrorHandler errors(name, xml_diagnostics);
  reader.reader->setContentHandler(&handler);
  reader.reader->setErrorHandler(&errors);
  const std::u16string system_id = xml::utf16(name);
  try {
    xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(bytes.data()), bytes.size(), xml::xc(system_id),
                                      false);
    reader.reader->parse(source);
  } catch (const xercesc::SAXParseException&) {
    // Already recorded by the error handler.
  } catch (const StopParsing&) {
  } catch (const xercesc::XMLException& e) {
    xml_diagnostics.push_back(make(Severity::error, "xml-not-well-formed", name,
                                   static_cast<std::int64_t>(e.getSrcLine()), 0, xml::utf8(e.getMessage())));
  }
  for (const std::string& refused : reader.resolver->refused())
    diagnostics.push_back(
        make(Severity::error, "xml-external-entity-refused", name, 0, 0,
             "the codebook refers to an external entity or DTD ('" + refused + "'); rapport never loads them"));
  diagnostics.insert(diagnostics.end(), std::make_move_iterator(xml_diagnostics.begin()),
                     std::make_move_iterator(xml_diagnostics.end()));
}

/// Turns validation on and loads our own schema. xml::ReaderSettings::schema_file loads the
/// grammar by system id, which Xerces routes through the reader's entity resolver, and the
/// hardened resolver refuses it; an InputSource for the local file bypasses the resolver while
/// documents still cannot pull anything in.
bool load_schema(xml::HardenedReader& reader, const std::string& schema_file, const std::string& name,
                 std::vector<Diagnostic>& diagnostics) {
  using xercesc::XMLUni;
  xercesc::SAX2XMLReader& p = *reader.reader;
  p.setFeature(XMLUni::fgSAX2CoreValidation, true);
  p.setFeature(XMLUni::fgXercesDynamic, false);
  p.setFeature(XMLUni::fgXercesSchema, true);
  p.setFeature(XMLUni::fgXercesSchemaFullChecking, true);
  p.setFeature(XMLUni::fgXercesLoadSchema, false);
  p.setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
  std::vector<Diagnostic> schema_diagnostics;
  xml::DiagnosticErrorHandler errors(schema_file, schema_diagnostics);
  p.setErrorHandler(&errors);
  xercesc::Grammar* grammar = nullptr;
  try {
    const std::u16string path = xml::utf16(schema_file);
    xercesc::LocalFileInputSource source(xml::xc(path));
    grammar = p.loadGrammar(source, xercesc::Grammar::SchemaGrammarType, true);
  } catch (const xercesc::SAXParseException&) {
  } catch (const xercesc::XMLException& e) {
    schema_diagnostics.push_back(
        make(Severity::error, "codebook-schema-missing", schema_file, 0, 0, xml::utf8(e.getMessage())));
  }
  p.setErrorHandler(nullptr);
  const bool failed =
      grammar == nullptr || std::any_of(schema_diagnostics.begin(), schema_diagnostics.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (failed) {
    diagnostics.push_back(
        make(Severity::error, "codebook-schema-missing", name, 0, 0,
             "the codebook schema " + schema_file + " could not be loaded" +
                 (schema_diagnostics.empty() ? std::string() : ": " + format_diagnostic(schema_diagnostics.front()))));
    return false;
  }
  return true;
}

}  // namespace rapport::codebook::detail
