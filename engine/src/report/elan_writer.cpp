// SPDX-License-Identifier: MIT
// ELAN templates (.etf) and external CVs (.ecv) written with Xerces DOM, in the element order
// of EAFv3.0.xsd (elan.md §1.3) and with the schema location ELAN writes (§1.2, §1.7).
#include <xercesc/dom/DOM.hpp>
#include <xercesc/framework/MemBufFormatTarget.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>

#include <cstdio>
#include <memory>
#include <ostream>

#include "rapport/check/elan_template.hpp"
#include "rapport/report/atomic_file.hpp"
#include "rapport/report/codebook_report.hpp"
#include "rapport/report/timestamp.hpp"
#include "xml/xerces.hpp"

namespace rapport::report {
namespace {

using namespace xercesc;
using xml::utf16;
using xml::xc;

class Builder {
 public:
  explicit Builder(DOMDocument& doc) : m_doc(doc) {}
  DOMElement* element(DOMNode& parent, std::string_view name) {
    DOMElement* e = m_doc.createElement(xc(utf16(name)));
    parent.appendChild(e);
    return e;
  }
  void attr(DOMElement* e, std::string_view name, std::string_view value) {
    e->setAttribute(xc(utf16(name)), xc(utf16(value)));
  }
  void opt_attr(DOMElement* e, std::string_view name, const std::optional<std::string>& value) {
    if (value) attr(e, name, *value);
  }
  void text(DOMElement* e, std::string_view value) { e->appendChild(m_doc.createTextNode(xc(utf16(value)))); }

 private:
  DOMDocument& m_doc;
};

void write_languages(Builder& b, DOMElement* root, const eaf::Document& d) {
  for (const auto& l : d.languages) {
    DOMElement* e = b.element(*root, "LANGUAGE");
    b.opt_attr(e, "LANG_DEF", l.def);
    b.attr(e, "LANG_ID", l.id);
    b.opt_attr(e, "LANG_LABEL", l.label);
  }
}

void write_cvs(Builder& b, DOMElement* root, const eaf::Document& d) {
  for (const auto& cv : d.controlled_vocabularies) {
    DOMElement* e = b.element(*root, "CONTROLLED_VOCABULARY");
    b.attr(e, "CV_ID", cv.id);
    for (const auto& desc : cv.descriptions) {
      DOMElement* de = b.element(*e, "DESCRIPTION");
      b.opt_attr(de, "LANG_REF", desc.lang_ref);
      b.text(de, desc.text);
    }
    for (const auto& entry : cv.entries) {
      DOMElement* ee = b.element(*e, "CV_ENTRY_ML");
      b.attr(ee, "CVE_ID", entry.id);
      for (const auto& v : entry.values) {
        DOMElement* ve = b.element(*ee, "CVE_VALUE");
        b.opt_attr(ve, "DESCRIPTION", v.description);
        b.opt_attr(ve, "LANG_REF", v.lang_ref);
        b.text(ve, v.value);
      }
    }
  }
}

}  // namespace

std::string elan_xml(const eaf::Document& d) {
  xml::ensure_initialized();
  DOMImplementation* impl = DOMImplementationRegistry::getDOMImplementation(xc(utf16("LS")));
  const bool ecv = d.kind == eaf::DocumentKind::cv_resource;
  std::unique_ptr<DOMDocument> doc(
      impl->createDocument(nullptr, xc(utf16(ecv ? "CV_RESOURCE" : "ANNOTATION_DOCUMENT")), nullptr));
  Builder b(*doc);
  DOMElement* root = doc->getDocumentElement();
  b.attr(root, "AUTHOR", d.author.value_or(""));
  b.attr(root, "DATE", d.date.value_or(""));
  if (!ecv) b.attr(root, "FORMAT", d.format.value_or("3.0"));
  b.attr(root, "VERSION", d.version.value_or(ecv ? "0.2" : "3.0"));
  root->setAttributeNS(XMLUni::fgXMLNSURIName, xc(utf16("xmlns:xsi")),
                       xc(utf16("http://www.w3.org/2001/XMLSchema-instance")));
  root->setAttributeNS(
      xc(utf16("http://www.w3.org/2001/XMLSchema-instance")), xc(utf16("xsi:noNamespaceSchemaLocation")),
      xc(utf16(ecv ? "http://www.mpi.nl/tools/elan/EAFv2.8.xsd" : "http://www.mpi.nl/tools/elan/EAFv3.0.xsd")));
  if (ecv) {
    write_languages(b, root, d);
    write_cvs(b, root, d);
  } else {
    DOMElement* header = b.element(*root, "HEADER");
    b.attr(header, "MEDIA_FILE", "");
    b.attr(header, "TIME_UNITS", "milliseconds");
    b.element(*root, "TIME_ORDER");
    for (const auto& t : d.tiers) {
      DOMElement* e = b.element(*root, "TIER");
      b.opt_attr(e, "ANNOTATOR", t.annotator);
      b.attr(e, "LINGUISTIC_TYPE_REF", t.linguistic_type);
      b.opt_attr(e, "PARENT_REF", t.parent);
      b.opt_attr(e, "PARTICIPANT", t.participant);
      b.attr(e, "TIER_ID", t.id);
    }
    for (const auto& lt : d.linguistic_types) {
      DOMElement* e = b.element(*root, "LINGUISTIC_TYPE");
      b.opt_attr(e, "CONSTRAINTS", lt.constraints);
      b.opt_attr(e, "CONTROLLED_VOCABULARY_REF", lt.controlled_vocabulary);
      b.attr(e, "GRAPHIC_REFERENCES", "false");
      b.attr(e, "LINGUISTIC_TYPE_ID", lt.id);
      b.attr(e, "TIME_ALIGNABLE", lt.time_alignable ? "true" : "false");
    }
    write_languages(b, root, d);
    for (const auto& c : d.constraints) {
      DOMElement* e = b.element(*root, "CONSTRAINT");
      b.opt_attr(e, "DESCRIPTION", c.description);
      b.attr(e, "STEREOTYPE", c.stereotype);
    }
    write_cvs(b, root, d);
  }

  std::unique_ptr<DOMLSSerializer> serializer(impl->createLSSerializer());
  serializer->getDomConfig()->setParameter(XMLUni::fgDOMWRTFormatPrettyPrint, true);
  std::unique_ptr<DOMLSOutput> output(impl->createLSOutput());
  MemBufFormatTarget target;
  output->setByteStream(&target);
  output->setEncoding(xc(utf16("UTF-8")));
  serializer->write(doc.get(), output.get());
  return std::string(reinterpret_cast<const char*>(target.getRawBuffer()), target.getLen());
}

std::string write_ecv_file(const codebook::Codebook& cb, const std::filesystem::path& path,
                           const ElanExportOptions& options) {
  check::TemplateOptions t;
  t.date = options.date.empty() ? utc_timestamp() : options.date;
  try {
    const std::string xml = elan_xml(check::elan_ecv(cb, t));
    return write_file_atomically(path, [&](std::ostream& os) { os << xml; });
  } catch (const XMLException& e) {
    return "cannot serialise the vocabulary: " + xml::utf8(e.getMessage());
  } catch (const DOMException& e) {
    return "cannot serialise the vocabulary: " + xml::utf8(e.getMessage());
  }
}

std::string write_etf_file(const codebook::Codebook& cb, const std::filesystem::path& path,
                           const ElanExportOptions& options) {
  check::TemplateOptions t;
  t.date = options.date.empty() ? utc_timestamp() : options.date;
  t.annotator = options.annotator;
  try {
    const std::string xml = elan_xml(check::elan_etf(cb, t));
    return write_file_atomically(path, [&](std::ostream& os) { os << xml; });
  } catch (const XMLException& e) {
    return "cannot serialise the template: " + xml::utf8(e.getMessage());
  } catch (const DOMException& e) {
    return "cannot serialise the template: " + xml::utf8(e.getMessage());
  }
}

}  // namespace rapport::report
