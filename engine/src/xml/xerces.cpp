// SPDX-License-Identifier: MIT
#include "xml/xerces.hpp"

#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLGrammarPool.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

#include <algorithm>
#include <mutex>

namespace rapport::xml {

using namespace xercesc;

void ensure_initialized() {
  static std::once_flag once;
  std::call_once(once, [] { XMLPlatformUtils::Initialize(); });
}

InputSource* RefusingEntityResolver::resolveEntity(const XMLCh* public_id, const XMLCh* system_id) {
  std::string what = system_id ? utf8(system_id) : std::string{};
  if (what.empty() && public_id) what = utf8(public_id);
  m_refused.push_back(what);
  // An empty in-memory source: the entity expands to nothing, nothing is read.
  static const XMLByte nothing[1] = {0};
  return new MemBufInputSource(nothing, 0, "rapport-refused-entity", false);
}

void DiagnosticErrorHandler::add(Severity severity, std::string rule, const SAXParseException& e) {
  Diagnostic d;
  d.severity = severity;
  d.rule = std::move(rule);
  d.file = m_file;
  d.line = static_cast<std::int64_t>(e.getLineNumber());
  d.column = static_cast<std::int64_t>(e.getColumnNumber());
  d.message = utf8(e.getMessage());
  m_sink.push_back(std::move(d));
}

void DiagnosticErrorHandler::warning(const SAXParseException& e) { add(Severity::warning, "xml-warning", e); }
void DiagnosticErrorHandler::error(const SAXParseException& e) { add(Severity::error, "xml-error", e); }
void DiagnosticErrorHandler::fatalError(const SAXParseException& e) {
  if (!m_fatal) {
    m_fatal = true;
    m_fatal_message = utf8(e.getMessage());
    add(Severity::error, "xml-not-well-formed", e);
  }
  // Stop parsing: Xerces would otherwise try to continue after a fatal error.
  throw e;
}

HardenedReader make_hardened_reader(const ReaderSettings& settings) {
  ensure_initialized();
  HardenedReader r;
  r.reader.reset(XMLReaderFactory::createXMLReader());
  r.security = std::make_unique<SecurityManager>();
  r.security->setEntityExpansionLimit(settings.entity_expansion_limit);
  r.resolver = std::make_unique<RefusingEntityResolver>();

  SAX2XMLReader& p = *r.reader;
  p.setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  p.setFeature(XMLUni::fgSAX2CoreNameSpacePrefixes, false);
  p.setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  p.setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
  p.setFeature(XMLUni::fgXercesContinueAfterFatalError, false);
  p.setProperty(XMLUni::fgXercesSecurityManager, r.security.get());
  p.setEntityResolver(r.resolver.get());
  p.setFeature(XMLUni::fgSAX2CoreValidation, false);
  p.setFeature(XMLUni::fgXercesSchema, false);
  p.setFeature(XMLUni::fgXercesLoadSchema, false);
  return r;
}

bool enable_schema_validation(HardenedReader& reader, const std::string& schema_file,
                              std::vector<Diagnostic>& problems) {
  SAX2XMLReader& p = *reader.reader;
  p.setFeature(XMLUni::fgSAX2CoreValidation, true);
  p.setFeature(XMLUni::fgXercesDynamic, false);
  p.setFeature(XMLUni::fgXercesSchema, true);
  p.setFeature(XMLUni::fgXercesSchemaFullChecking, true);
  p.setFeature(XMLUni::fgXercesLoadSchema, false);
  p.setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
  const std::size_t before = problems.size();
  DiagnosticErrorHandler errors(schema_file, problems);
  ErrorHandler* previous = p.getErrorHandler();
  p.setErrorHandler(&errors);
  Grammar* grammar = nullptr;
  try {
    const std::u16string path = utf16(schema_file);
    LocalFileInputSource source(xc(path));
    grammar = p.loadGrammar(source, Grammar::SchemaGrammarType, true);
  } catch (const SAXParseException&) {
    // recorded by the error handler
  } catch (const XMLException& e) {
    Diagnostic d;
    d.rule = "xml-schema-unreadable";
    d.file = schema_file;
    d.message = utf8(e.getMessage());
    problems.push_back(std::move(d));
  }
  p.setErrorHandler(previous);
  const bool schema_errors = std::any_of(problems.begin() + static_cast<std::ptrdiff_t>(before), problems.end(),
                                         [](const Diagnostic& d) { return d.severity == Severity::error; });
  return grammar != nullptr && !schema_errors;
}

}  // namespace rapport::xml
