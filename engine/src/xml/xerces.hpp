// SPDX-License-Identifier: MIT
// Private Xerces-C++ glue shared by every XML reader (eaf, codebook, project file):
// one-time platform initialisation, XMLCh → UTF-8, a hardened SAX2 reader, and an error
// handler that turns parser errors into Diagnostics. Nothing here is a public header.
#pragma once

#include <xercesc/sax/EntityResolver.hpp>
#include <xercesc/sax/ErrorHandler.hpp>
#include <xercesc/sax/InputSource.hpp>
#include <xercesc/sax2/ContentHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/util/SecurityManager.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/diagnostic.hpp"
#include "text/utf.hpp"

namespace rapport::xml {

static_assert(sizeof(XMLCh) == sizeof(char16_t), "Xerces must be built with 16-bit XMLCh");

/// Initialises Xerces once per process (thread-safe). Xerces is never terminated: readers may
/// run on any thread until exit.
void ensure_initialized();

inline std::u16string_view view(const XMLCh* s) {
  return s ? std::u16string_view(reinterpret_cast<const char16_t*>(s)) : std::u16string_view{};
}
inline std::u16string_view view(const XMLCh* s, XMLSize_t length) {
  return {reinterpret_cast<const char16_t*>(s), static_cast<std::size_t>(length)};
}
inline std::string utf8(const XMLCh* s) { return text::to_utf8(view(s)); }
/// UTF-8 (or ASCII) → XMLCh string, for names passed to Xerces.
inline std::u16string utf16(std::string_view utf8_text) { return text::from_utf8(utf8_text); }
inline const XMLCh* xc(const std::u16string& s) { return reinterpret_cast<const XMLCh*>(s.c_str()); }

/// Refuses every external entity, external DTD subset and schema fetch: a hostile file cannot
/// make the parser read local files or the network. Records what it refused.
class RefusingEntityResolver final : public xercesc::EntityResolver {
 public:
  xercesc::InputSource* resolveEntity(const XMLCh* public_id, const XMLCh* system_id) override;
  const std::vector<std::string>& refused() const noexcept { return m_refused; }
  void clear() noexcept { m_refused.clear(); }

 private:
  std::vector<std::string> m_refused;
};

/// Collects warnings, errors and fatal errors as Diagnostics (rule "xml-not-well-formed" for
/// fatal errors, "xml-error" otherwise) with line and column.
class DiagnosticErrorHandler final : public xercesc::ErrorHandler {
 public:
  explicit DiagnosticErrorHandler(std::string file, std::vector<Diagnostic>& sink)
      : m_file(std::move(file)), m_sink(sink) {}
  void warning(const xercesc::SAXParseException& e) override;
  void error(const xercesc::SAXParseException& e) override;
  void fatalError(const xercesc::SAXParseException& e) override;
  void resetErrors() override {}
  /// Records `e` as an error under `rule` and ends the parse (throws `e`), as a fatal error does.
  [[noreturn]] void refuse(std::string rule, const xercesc::SAXParseException& e);
  bool saw_fatal() const noexcept { return m_fatal; }
  std::string_view fatal_message() const noexcept { return m_fatal_message; }

 private:
  void add(Severity severity, std::string rule, const xercesc::SAXParseException& e);
  void record_fatal(std::string rule, const xercesc::SAXParseException& e);
  std::string m_file;
  std::vector<Diagnostic>& m_sink;
  bool m_fatal = false;
  std::string m_fatal_message;
};

/// The deepest element nesting a schema-validated document may have. Rapport's codebooks and
/// project files nest at most 5 deep, ELAN files 5 (ANNOTATION_DOCUMENT > TIER > ANNOTATION >
/// ALIGNABLE_ANNOTATION > ANNOTATION_VALUE).
inline constexpr unsigned max_validated_depth = 16;
static_assert(max_validated_depth < 32, "see DepthLimitedContentHandler: Xerces grows its state arrays once, 16 to 32");

/// Forwards every content event to `inner` and ends the parse with the error
/// "xml-nesting-too-deep" at the first element nested more than max_validated_depth deep.
///
/// Why: Xerces-C 3.2.4 overruns a heap buffer when it validates against a schema. IGXMLScanner
/// keeps one state word per element depth (fElemState, fElemLoopState: 16 entries at first) and
/// writes them only for elements under a schema grammar; before the write it grows them once, to
/// twice their size (IGXMLScanner.cpp:2563-2568, resizeElemState). Under a root outside the
/// schema's namespace no state is written, so the first element of the schema's namespace at
/// depth 32 or more is written past the end: four zero bytes per array, into the next heap block.
/// Found by fuzzing the project-file reader against a Xerces built with AddressSanitizer
/// (tests/fuzz/findings/2026-12-07-asan-quarantine/); Debian 12 ships 3.2.4. The limit holds for
/// every validated document, whatever the shape, because it costs nothing to legitimate files. The
/// event for an element comes after Xerces wrote that element's state, so ending the parse there,
/// at depth max_validated_depth + 1 (Xerces' index 16, below 32), keeps every write inside.
class DepthLimitedContentHandler final : public xercesc::ContentHandler {
 public:
  DepthLimitedContentHandler(xercesc::ContentHandler& inner, DiagnosticErrorHandler& errors)
      : m_inner(inner), m_errors(errors) {}

  void characters(const XMLCh* const chars, const XMLSize_t length) override { m_inner.characters(chars, length); }
  void endDocument() override { m_inner.endDocument(); }
  void endElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const qname) override;
  void ignorableWhitespace(const XMLCh* const chars, const XMLSize_t length) override {
    m_inner.ignorableWhitespace(chars, length);
  }
  void processingInstruction(const XMLCh* const target, const XMLCh* const data) override {
    m_inner.processingInstruction(target, data);
  }
  void setDocumentLocator(const xercesc::Locator* const locator) override;
  void startDocument() override;
  void startElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const qname,
                    const xercesc::Attributes& attrs) override;
  void startPrefixMapping(const XMLCh* const prefix, const XMLCh* const uri) override {
    m_inner.startPrefixMapping(prefix, uri);
  }
  void endPrefixMapping(const XMLCh* const prefix) override { m_inner.endPrefixMapping(prefix); }
  void skippedEntity(const XMLCh* const name) override { m_inner.skippedEntity(name); }

 private:
  xercesc::ContentHandler& m_inner;
  DiagnosticErrorHandler& m_errors;
  const xercesc::Locator* m_locator = nullptr;
  unsigned m_depth = 0;
};

/// A SAX2 reader with DTDs and external entities off and entity expansion bounded, plus the
/// objects it points at (Xerces does not own them).
struct HardenedReader {
  std::unique_ptr<xercesc::SAX2XMLReader> reader;
  std::unique_ptr<xercesc::SecurityManager> security;
  std::unique_ptr<RefusingEntityResolver> resolver;
  unsigned entity_expansion_limit = 10000;  ///< as set by make_hardened_reader
};

struct ReaderSettings {
  unsigned entity_expansion_limit = 10000;
};

/// A non-validating reader; see enable_schema_validation.
HardenedReader make_hardened_reader(const ReaderSettings& settings);

/// Validation against a grammar already in the reader's pool (loadGrammar with caching on):
/// full schema checking, and never a schema the document itself names.
void set_validation_features(xercesc::SAX2XMLReader& reader);

/// Turns on validation against the local XSD `schema_file`: `reader` is replaced by a reader with
/// the same hardening on the schema's compiled grammar (compiled once per process and path, then
/// shared read-only; set handlers after this call). The grammar is loaded from a file input
/// source: loading it by system id would route it through the refusing entity resolver, while
/// documents must still not pull anything in. Problems of the schema itself go to `problems`
/// (on every call); false when the grammar could not be loaded.
bool enable_schema_validation(HardenedReader& reader, const std::string& schema_file,
                              std::vector<Diagnostic>& problems);

}  // namespace rapport::xml
