// SPDX-License-Identifier: MIT
#include "codebook/xml_pass.hpp"

#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/XMLException.hpp>

#include <algorithm>
#include <new>

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
  xml::DepthLimitedContentHandler depth_limited(handler, errors);
  reader.reader->setContentHandler(&depth_limited);
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
  } catch (const xercesc::OutOfMemoryException&) {
    // Not an XMLException: uncaught, it terminated the process (a quadratic entity blowup).
    xml_diagnostics.push_back(make(Severity::error, "xml-out-of-memory", name, 0, 0,
                                   "the file is too large to read into memory (an entity expanded many times?)"));
  } catch (const std::bad_alloc&) {
    xml_diagnostics.push_back(make(Severity::error, "xml-out-of-memory", name, 0, 0,
                                   "the file is too large to read into memory (an entity expanded many times?)"));
  }
  for (const std::string& refused : reader.resolver->refused())
    diagnostics.push_back(
        make(Severity::error, "xml-external-entity-refused", name, 0, 0,
             "the file refers to an external entity or DTD ('" + refused + "'); rapport never loads them"));
  diagnostics.insert(diagnostics.end(), std::make_move_iterator(xml_diagnostics.begin()),
                     std::make_move_iterator(xml_diagnostics.end()));
}

bool load_schema(xml::HardenedReader& reader, const std::string& schema_file, const std::string& name,
                 std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> schema_diagnostics;
  if (xml::enable_schema_validation(reader, schema_file, schema_diagnostics)) return true;
  diagnostics.push_back(
      make(Severity::error, "codebook-schema-missing", name, 0, 0,
           "the codebook schema " + schema_file + " could not be loaded" +
               (schema_diagnostics.empty() ? std::string() : ": " + format_diagnostic(schema_diagnostics.front()))));
  return false;
}

}  // namespace rapport::codebook::detail
