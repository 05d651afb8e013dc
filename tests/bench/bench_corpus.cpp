// SPDX-License-Identifier: MIT
#include "bench_corpus.hpp"

#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax/EntityResolver.hpp>
#include <xercesc/sax/ErrorHandler.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/XMLString.hpp>
#include <xercesc/util/XMLUni.hpp>

#include <algorithm>
#include <mutex>
#include <string>

namespace rapport::bench {

using namespace xercesc;

std::vector<std::filesystem::path> list_eaf_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".eaf") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::uint64_t total_size(const std::vector<std::filesystem::path>& files) {
  std::uint64_t sum = 0;
  for (const auto& f : files) sum += std::filesystem::file_size(f);
  return sum;
}

namespace {

const XMLCh k_annotation_value[] = {u'A', u'N', u'N', u'O', u'T', u'A', u'T', u'I', u'O',
                                    u'N', u'_', u'V', u'A', u'L', u'U', u'E', 0};

class CountingHandler final : public DefaultHandler {
 public:
  void startElement(const XMLCh* const, const XMLCh* const localname, const XMLCh* const, const Attributes&) override {
    ++result.elements;
    if (XMLString::equals(localname, k_annotation_value)) {
      m_in_value = true;
      m_text.clear();
    }
  }
  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    if (m_in_value) {
      m_in_value = false;
      ++result.values;
      result.value_units += m_text.size();
      values.push_back(m_text);
    }
  }
  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (m_in_value) m_text.append(reinterpret_cast<const char16_t*>(chars), static_cast<std::size_t>(length));
  }
  void fatalError(const SAXParseException& e) override { throw e; }

  Sax2Result result;
  std::vector<std::u16string> values;

 private:
  bool m_in_value = false;
  std::u16string m_text;
};

// Same refusal as the reader's: external entities resolve to nothing, nothing is fetched.
class NoEntities final : public EntityResolver {
 public:
  InputSource* resolveEntity(const XMLCh* const, const XMLCh* const) override {
    static const XMLByte nothing[1] = {0};
    return new MemBufInputSource(nothing, 0, "refused", false);
  }
};

}  // namespace

struct BareSax2::Impl {
  std::unique_ptr<SAX2XMLReader> reader;
  SecurityManager security;
  NoEntities resolver;
  CountingHandler handler;
};

BareSax2::BareSax2() : m_impl(std::make_unique<Impl>()) {
  static std::once_flag once;
  std::call_once(once, [] { XMLPlatformUtils::Initialize(); });
  m_impl->reader.reset(XMLReaderFactory::createXMLReader());
  SAX2XMLReader& p = *m_impl->reader;
  m_impl->security.setEntityExpansionLimit(10000);
  p.setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  p.setFeature(XMLUni::fgSAX2CoreNameSpacePrefixes, false);
  p.setFeature(XMLUni::fgSAX2CoreValidation, false);
  p.setFeature(XMLUni::fgXercesSchema, false);
  p.setFeature(XMLUni::fgXercesLoadSchema, false);
  p.setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  p.setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
  p.setProperty(XMLUni::fgXercesSecurityManager, &m_impl->security);
  p.setEntityResolver(&m_impl->resolver);
  p.setContentHandler(&m_impl->handler);
  p.setErrorHandler(&m_impl->handler);
}

BareSax2::~BareSax2() = default;

namespace {
template <typename Source>
Sax2Result run(SAX2XMLReader& reader, CountingHandler& handler, const Source& source) {
  handler.result = {};
  handler.values.clear();
  try {
    reader.parse(source);
    handler.result.ok = true;
  } catch (const SAXParseException&) {
    handler.result.ok = false;
  }
  return handler.result;
}
}  // namespace

Sax2Result BareSax2::parse_file(const std::filesystem::path& path) {
  const std::u16string name = path.u16string();
  const LocalFileInputSource source(reinterpret_cast<const XMLCh*>(name.c_str()));
  return run(*m_impl->reader, m_impl->handler, source);
}

Sax2Result BareSax2::parse_memory(const std::string& bytes) {
  const MemBufInputSource source(reinterpret_cast<const XMLByte*>(bytes.data()), bytes.size(), "memory", false);
  return run(*m_impl->reader, m_impl->handler, source);
}

}  // namespace rapport::bench
