// SPDX-License-Identifier: MIT
#include "xml/xerces.hpp"

#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLGrammarPool.hpp>
#include <xercesc/framework/XMLGrammarPoolImpl.hpp>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

#include <algorithm>
#include <map>
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

void DiagnosticErrorHandler::record_fatal(std::string rule, const SAXParseException& e) {
  m_fatal = true;
  m_fatal_message = utf8(e.getMessage());
  add(Severity::error, std::move(rule), e);
}

void DiagnosticErrorHandler::fatalError(const SAXParseException& e) {
  if (!m_fatal) record_fatal("xml-not-well-formed", e);
  // Stop parsing: Xerces would otherwise try to continue after a fatal error.
  throw e;
}

void DiagnosticErrorHandler::refuse(std::string rule, const SAXParseException& e) {
  record_fatal(std::move(rule), e);
  throw e;
}

void DepthLimitedContentHandler::setDocumentLocator(const Locator* const locator) {
  m_locator = locator;
  m_inner.setDocumentLocator(locator);
}

void DepthLimitedContentHandler::startDocument() {
  m_depth = 0;
  m_inner.startDocument();
}

void DepthLimitedContentHandler::startElement(const XMLCh* const uri, const XMLCh* const localname,
                                              const XMLCh* const qname, const Attributes& attrs) {
  if (++m_depth > max_validated_depth) {
    const std::u16string message =
        utf16("elements nest more than " + std::to_string(max_validated_depth) + " deep here (<" + utf8(qname) +
              "> is at depth " + std::to_string(m_depth) +
              "); Rapport's codebooks, project files and ELAN files nest at most 5 deep, so the rest of the file "
              "is not read");
    // SAX2XMLReaderImpl hands over its locator before startDocument; without one there is no position.
    static const XMLCh nothing[] = {0};
    m_errors.refuse("xml-nesting-too-deep", m_locator ? SAXParseException(xc(message), *m_locator)
                                                      : SAXParseException(xc(message), nothing, nothing, 0, 0));
  }
  m_inner.startElement(uri, localname, qname, attrs);
}

void DepthLimitedContentHandler::endElement(const XMLCh* const uri, const XMLCh* const localname,
                                            const XMLCh* const qname) {
  --m_depth;
  m_inner.endElement(uri, localname, qname);
}

namespace {

/// The settings every reader gets: no DTD or external entity loaded, entity expansion bounded
/// by the security manager, no validation unless asked for.
void harden(HardenedReader& r, unsigned entity_expansion_limit) {
  r.security = std::make_unique<SecurityManager>();
  r.security->setEntityExpansionLimit(entity_expansion_limit);
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
}

/// A schema compiled once per process. Compiling schemas/codebook.xsd with full checking costs
/// far more than validating a codebook against it (the codebook fuzz target ran at ~60 inputs/s
/// when every read compiled it). The pool is locked after loading: Xerces then treats it as
/// read-only, and one locked pool may serve parsers on several threads at once.
struct CompiledSchema {
  std::unique_ptr<XMLGrammarPool> pool;
  std::vector<Diagnostic> problems;  // of the schema itself, repeated to every caller
  bool ok = false;
};

CompiledSchema compile_schema(const std::string& schema_file) {
  CompiledSchema out;
  out.pool = std::make_unique<XMLGrammarPoolImpl>(XMLPlatformUtils::fgMemoryManager);
  HardenedReader loader;
  loader.reader.reset(XMLReaderFactory::createXMLReader(XMLPlatformUtils::fgMemoryManager, out.pool.get()));
  harden(loader, ReaderSettings{}.entity_expansion_limit);
  SAX2XMLReader& p = *loader.reader;
  set_validation_features(p);
  DiagnosticErrorHandler errors(schema_file, out.problems);
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
    out.problems.push_back(std::move(d));
  }
  p.setErrorHandler(nullptr);
  out.ok = grammar != nullptr && std::none_of(out.problems.begin(), out.problems.end(),
                                              [](const Diagnostic& d) { return d.severity == Severity::error; });
  loader.reader.reset();  // the pool outlives the parser that filled it
  out.pool->lockPool();
  return out;
}

const CompiledSchema& compiled_schema(const std::string& schema_file) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<CompiledSchema>>* cache =
      new std::map<std::string, std::unique_ptr<CompiledSchema>>;  // never destroyed: Xerces is never terminated
  const std::lock_guard<std::mutex> lock(mutex);
  auto& entry = (*cache)[schema_file];
  if (!entry) entry = std::make_unique<CompiledSchema>(compile_schema(schema_file));
  return *entry;
}

}  // namespace

void set_validation_features(SAX2XMLReader& p) {
  p.setFeature(XMLUni::fgSAX2CoreValidation, true);
  p.setFeature(XMLUni::fgXercesDynamic, false);
  p.setFeature(XMLUni::fgXercesSchema, true);
  p.setFeature(XMLUni::fgXercesSchemaFullChecking, true);
  p.setFeature(XMLUni::fgXercesLoadSchema, false);  // never follow the document's own schemaLocation hints
  p.setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
}

HardenedReader make_hardened_reader(const ReaderSettings& settings) {
  ensure_initialized();
  HardenedReader r;
  r.reader.reset(XMLReaderFactory::createXMLReader());
  harden(r, settings.entity_expansion_limit);
  r.entity_expansion_limit = settings.entity_expansion_limit;
  return r;
}

bool enable_schema_validation(HardenedReader& reader, const std::string& schema_file,
                              std::vector<Diagnostic>& problems) {
  ensure_initialized();
  const CompiledSchema& schema = compiled_schema(schema_file);
  problems.insert(problems.end(), schema.problems.begin(), schema.problems.end());
  if (!schema.ok) return false;
  // A parser uses a grammar pool only if it was created with it: replace the reader by one on the
  // compiled schema's pool, hardened the same way.
  reader.reader.reset(XMLReaderFactory::createXMLReader(XMLPlatformUtils::fgMemoryManager, schema.pool.get()));
  harden(reader, reader.entity_expansion_limit);
  set_validation_features(*reader.reader);
  return true;
}

}  // namespace rapport::xml
