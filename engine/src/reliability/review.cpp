// SPDX-License-Identifier: MIT
// Review copies of .eaf files (`rapport agree --review DIR`). Unlike report/elan_writer.cpp,
// which builds templates from the eaf::Document model, a review copy must keep the original
// byte-for-byte in meaning (unaligned time slots, unknown attributes, comments), so the original
// is parsed into a Xerces DOM with the readers' hardening, elements are appended in the order
// of EAFv3.0.xsd (TIME_SLOT at the end of TIME_ORDER, TIERs after the last TIER, the
// LINGUISTIC_TYPE after the last LINGUISTIC_TYPE), and the DOM is serialised.
#include "rapport/reliability/review.hpp"

#include <xercesc/dom/DOM.hpp>
#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufFormatTarget.hpp>
#include <xercesc/parsers/XercesDOMParser.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>

#include <algorithm>
#include <memory>
#include <set>

#include "rapport/intervals/elan_kappa.hpp"
#include "rapport/report/atomic_file.hpp"
#include "xml/xerces.hpp"

namespace rapport::reliability {
namespace {

using namespace xercesc;
using xml::utf16;
using xml::xc;

constexpr const char* k_type = "rapport-review";

struct NewAnnotation {
  eaf::Millis start_ms = 0, end_ms = 0;
  std::string value;
};

struct NewTier {
  std::string id;
  std::string annotator;
  std::vector<NewAnnotation> annotations;
};

std::vector<intervals::Interval> intervals_of(const std::vector<const check::CodedEvent*>& events) {
  std::vector<intervals::Interval> out;
  for (const auto* e : events) out.push_back({e->start_ms, e->end_ms, e->code, {}});
  return out;
}

std::vector<const check::CodedEvent*> events_of(const CoderCoding& c, const std::string& family) {
  std::vector<const check::CodedEvent*> out;
  for (const auto& e : c.data.events)
    if (e.family == family) out.push_back(&e);
  return out;
}

std::string rating_text(const std::optional<double>& v, VariableKind kind) {
  if (!v) return "-";
  if (kind == VariableKind::presence) return *v > 0 ? "yes" : "no";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", *v);
  return buffer;
}

/// The tiers a review copy adds (see review.hpp).
std::vector<NewTier> review_tiers(const SessionCoding& session, const Reliability& result, const CoderCoding& base,
                                  const std::vector<const CoderCoding*>& others, double min_overlap) {
  std::vector<NewTier> tiers;
  const bool several = others.size() > 1;
  for (const auto& fam : result.segment_families) {
    const std::string& family = fam.name;
    const auto base_events = events_of(base, family);
    const auto first = intervals_of(base_events);
    for (const CoderCoding* other : others) {
      const auto other_events = events_of(*other, family);
      const auto second = intervals_of(other_events);
      const std::string& b = base.data.coder;
      const std::string& o = other->data.coder;
      if (other->data.file != base.data.file && !other_events.empty()) {
        std::string id = other_events.front()->where.tier;
        if (id.find(o) == std::string::npos) id += "@" + o;
        NewTier copy{id, o, {}};
        for (const auto* e : other_events) copy.annotations.push_back({e->start_ms, e->end_ms, e->code});
        tiers.push_back(std::move(copy));
      }
      const std::string suffix = several ? "_vs_" + o : "";
      NewTier agree{"REVIEW_" + family + "_agree" + suffix, "rapport", {}};
      NewTier disagree{"REVIEW_" + family + "_disagree" + suffix, "rapport", {}};
      NewTier unmatched{"REVIEW_" + family + "_unmatched" + suffix, "rapport", {}};
      std::vector<char> linked_first(first.size(), 0), linked_second(second.size(), 0);
      for (const auto& l : intervals::elan_link(first, second, min_overlap)) {
        linked_first[l.first] = linked_second[l.second] = 1;
        const auto& x = first[l.first];
        const auto& y = second[l.second];
        const NewAnnotation a{std::min(x.start_ms, y.start_ms), std::max(x.end_ms, y.end_ms),
                              x.category == y.category ? x.category + " (" + b + ", " + o + ")"
                                                       : x.category + " by " + b + " | " + y.category + " by " + o};
        (x.category == y.category ? agree : disagree).annotations.push_back(a);
      }
      for (std::size_t i = 0; i < first.size(); ++i)
        if (!linked_first[i])
          unmatched.annotations.push_back({first[i].start_ms, first[i].end_ms, first[i].category + " only by " + b});
      for (std::size_t j = 0; j < second.size(); ++j)
        if (!linked_second[j])
          unmatched.annotations.push_back({second[j].start_ms, second[j].end_ms, second[j].category + " only by " + o});
      for (auto* t : {&agree, &disagree, &unmatched}) {
        std::stable_sort(t->annotations.begin(), t->annotations.end(),
                         [](const auto& p, const auto& q) { return p.start_ms < q.start_ms; });
        tiers.push_back(std::move(*t));
      }
    }
  }

  // One annotation per segment: what the coders of this file's comparison disagree on.
  NewTier segments{"REVIEW_segments", "rapport", {}};
  const eaf::Millis end = session.end_ms();
  const eaf::Millis length = result.segment_ms > 0 ? result.segment_ms : end;
  std::size_t index = 0;
  for (eaf::Millis s = 0; length > 0 && s < end; s += length, ++index) {
    std::string text;
    for (const auto& d : result.segment_disagreements) {
      if (d.session != session.session || d.segment != index + 1) continue;
      std::string part = d.variable + ":";
      for (std::size_t c = 0; c < d.values.size() && c < result.coders.size(); ++c)
        if (session.find(result.coders[c]))
          part += " " + result.coders[c] + " " + rating_text(d.values[c], d.kind) + ",";
      part.pop_back();
      text += (text.empty() ? "" : "; ") + part;
    }
    segments.annotations.push_back({s, std::min(end, s + length), text.empty() ? "agree" : text});
  }
  tiers.push_back(std::move(segments));
  return tiers;
}

DOMElement* last_child_named(DOMElement* root, const std::u16string& name) {
  DOMElement* found = nullptr;
  for (DOMNode* n = root->getFirstChild(); n; n = n->getNextSibling())
    if (n->getNodeType() == DOMNode::ELEMENT_NODE && xml::view(n->getNodeName()) == name)
      found = static_cast<DOMElement*>(n);
  return found;
}

DOMElement* first_child_named(DOMElement* root, const std::u16string& name) {
  for (DOMNode* n = root->getFirstChild(); n; n = n->getNextSibling())
    if (n->getNodeType() == DOMNode::ELEMENT_NODE && xml::view(n->getNodeName()) == name)
      return static_cast<DOMElement*>(n);
  return nullptr;
}

/// Inserts `e` after `anchor` (or before `before`, or at the end), with the indentation of the
/// file so that the copy still reads well.
void insert_after(DOMElement* root, DOMNode* e, DOMNode* anchor, DOMNode* before, const std::u16string& indent) {
  DOMDocument* doc = root->getOwnerDocument();
  DOMNode* ref = anchor ? anchor->getNextSibling() : before;
  root->insertBefore(doc->createTextNode(xc(indent)), ref);
  root->insertBefore(e, ref);
}

/// Elements that follow LINGUISTIC_TYPE in EAFv3.0.xsd's sequence.
DOMNode* first_after_types(DOMElement* root) {
  for (DOMNode* n = root->getFirstChild(); n; n = n->getNextSibling()) {
    if (n->getNodeType() != DOMNode::ELEMENT_NODE) continue;
    const std::string name = xml::utf8(n->getNodeName());
    if (name == "LOCALE" || name == "LANGUAGE" || name == "CONSTRAINT" || name == "CONTROLLED_VOCABULARY" ||
        name == "LEXICON_REF" || name == "REF_LINK_SET" || name == "EXTERNAL_REF")
      return n;
  }
  return nullptr;
}

std::set<std::string> ids_of(DOMDocument* doc, const char* element, const char* attribute) {
  std::set<std::string> out;
  DOMNodeList* list = doc->getElementsByTagName(xc(utf16(element)));
  for (XMLSize_t i = 0; i < list->getLength(); ++i)
    out.insert(xml::utf8(static_cast<DOMElement*>(list->item(i))->getAttribute(xc(utf16(attribute)))));
  return out;
}

class ErrorCollector final : public ErrorHandler {
 public:
  void warning(const SAXParseException&) override {}
  void error(const SAXParseException&) override {}
  void fatalError(const SAXParseException& e) override {
    if (message.empty()) message = "line " + std::to_string(e.getLineNumber()) + ": " + xml::utf8(e.getMessage());
  }
  void resetErrors() override {}
  std::string message;
};

std::string edit(const std::string& file, const std::vector<NewTier>& tiers, std::string& error) {
  xml::ensure_initialized();
  XercesDOMParser parser;
  SecurityManager security;
  security.setEntityExpansionLimit(10000);
  xml::RefusingEntityResolver resolver;
  ErrorCollector errors;
  parser.setValidationScheme(XercesDOMParser::Val_Never);
  parser.setDoNamespaces(true);
  parser.setLoadExternalDTD(false);
  parser.setDisableDefaultEntityResolution(true);
  parser.setCreateEntityReferenceNodes(false);
  parser.setSecurityManager(&security);
  parser.setEntityResolver(&resolver);
  parser.setErrorHandler(&errors);
  const std::u16string path16 = utf16(file);
  LocalFileInputSource source(xc(path16));
  parser.parse(source);
  DOMDocument* doc = parser.getDocument();
  if (!errors.message.empty() || !doc || !doc->getDocumentElement()) {
    error = file + ": cannot be parsed" + (errors.message.empty() ? "" : " (" + errors.message + ")");
    return {};
  }
  DOMElement* root = doc->getDocumentElement();
  if (xml::utf8(root->getNodeName()) != "ANNOTATION_DOCUMENT") {
    error = file + ": not an ELAN annotation document";
    return {};
  }
  const std::u16string indent = u"\n    ", inner = u"\n        ";
  DOMElement* time_order = first_child_named(root, u"TIME_ORDER");
  if (!time_order) {
    time_order = doc->createElement(xc(utf16("TIME_ORDER")));
    insert_after(root, time_order, first_child_named(root, u"HEADER"), root->getFirstChild(), indent);
  }
  std::set<std::string> slot_ids = ids_of(doc, "TIME_SLOT", "TIME_SLOT_ID");
  std::set<std::string> ann_ids = ids_of(doc, "ALIGNABLE_ANNOTATION", "ANNOTATION_ID");
  for (const auto& id : ids_of(doc, "REF_ANNOTATION", "ANNOTATION_ID")) ann_ids.insert(id);
  const std::set<std::string> tier_ids = ids_of(doc, "TIER", "TIER_ID");
  std::size_t next_slot = 1, next_ann = 1;
  auto fresh = [](std::set<std::string>& used, const std::string& prefix, std::size_t& n) {
    std::string id;
    do id = prefix + std::to_string(n++);
    while (used.count(id));
    used.insert(id);
    return id;
  };
  DOMNode* last_slot = last_child_named(time_order, u"TIME_SLOT");
  auto slot = [&](eaf::Millis ms) {
    const std::string id = fresh(slot_ids, "rapport_ts", next_slot);
    DOMElement* e = doc->createElement(xc(utf16("TIME_SLOT")));
    e->setAttribute(xc(utf16("TIME_SLOT_ID")), xc(utf16(id)));
    e->setAttribute(xc(utf16("TIME_VALUE")), xc(utf16(std::to_string(ms))));
    insert_after(time_order, e, last_slot, nullptr, inner);
    last_slot = e;
    return id;
  };

  DOMNode* last_tier = last_child_named(root, u"TIER");
  DOMNode* before_tiers = last_tier ? nullptr : first_child_named(root, u"LINGUISTIC_TYPE");
  for (const auto& t : tiers) {
    if (tier_ids.count(t.id)) continue;  // the file already holds that coder's tier
    DOMElement* tier = doc->createElement(xc(utf16("TIER")));
    tier->setAttribute(xc(utf16("ANNOTATOR")), xc(utf16(t.annotator)));
    tier->setAttribute(xc(utf16("LINGUISTIC_TYPE_REF")), xc(utf16(k_type)));
    tier->setAttribute(xc(utf16("TIER_ID")), xc(utf16(t.id)));
    for (const auto& a : t.annotations) {
      DOMElement* ann = doc->createElement(xc(utf16("ANNOTATION")));
      DOMElement* al = doc->createElement(xc(utf16("ALIGNABLE_ANNOTATION")));
      al->setAttribute(xc(utf16("ANNOTATION_ID")), xc(utf16(fresh(ann_ids, "rapport_a", next_ann))));
      al->setAttribute(xc(utf16("TIME_SLOT_REF1")), xc(utf16(slot(a.start_ms))));
      al->setAttribute(xc(utf16("TIME_SLOT_REF2")), xc(utf16(slot(a.end_ms))));
      DOMElement* value = doc->createElement(xc(utf16("ANNOTATION_VALUE")));
      value->appendChild(doc->createTextNode(xc(utf16(a.value))));
      al->appendChild(value);
      ann->appendChild(al);
      tier->appendChild(doc->createTextNode(xc(inner)));
      tier->appendChild(ann);
    }
    if (!t.annotations.empty()) tier->appendChild(doc->createTextNode(xc(indent)));
    insert_after(root, tier, last_tier, before_tiers, indent);
    last_tier = tier;
  }
  if (last_slot) time_order->appendChild(doc->createTextNode(xc(indent)));

  bool has_type = false;
  for (const auto& id : ids_of(doc, "LINGUISTIC_TYPE", "LINGUISTIC_TYPE_ID")) has_type = has_type || id == k_type;
  if (!has_type) {
    DOMElement* type = doc->createElement(xc(utf16("LINGUISTIC_TYPE")));
    type->setAttribute(xc(utf16("GRAPHIC_REFERENCES")), xc(utf16("false")));
    type->setAttribute(xc(utf16("LINGUISTIC_TYPE_ID")), xc(utf16(k_type)));
    type->setAttribute(xc(utf16("TIME_ALIGNABLE")), xc(utf16("true")));
    DOMNode* last_type = last_child_named(root, u"LINGUISTIC_TYPE");
    insert_after(root, type, last_type ? last_type : last_tier,
                 last_type || last_tier ? nullptr : first_after_types(root), indent);
  }

  DOMImplementation* impl = DOMImplementationRegistry::getDOMImplementation(xc(utf16("LS")));
  std::unique_ptr<DOMLSSerializer> serializer(impl->createLSSerializer());
  std::unique_ptr<DOMLSOutput> output(impl->createLSOutput());
  MemBufFormatTarget target;
  output->setByteStream(&target);
  output->setEncoding(xc(utf16("UTF-8")));
  serializer->write(doc, output.get());
  std::string text(reinterpret_cast<const char*>(target.getRawBuffer()), target.getLen());
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

const CoderCoding* base_of(const SessionCoding& session, const Reliability& result, const ReviewOptions& options) {
  if (options.base_coder)
    if (const auto* c = session.find(*options.base_coder)) return c;
  if (result.certification)
    if (const auto* c = session.find(result.certification->gold)) return c;
  for (const auto& coder : result.coders)
    if (const auto* c = session.find(coder)) return c;
  return nullptr;
}

}  // namespace

std::string review_xml(const SessionCoding& session, const Reliability& result, const ReviewOptions& options,
                       std::string& error) {
  const CoderCoding* base = base_of(session, result, options);
  if (!base) {
    error = "session '" + session.session + "' has no coder of the reliability";
    return {};
  }
  std::vector<const CoderCoding*> others;
  for (const auto& coder : result.coders)
    if (const auto* c = session.find(coder); c && c != base) others.push_back(c);
  try {
    return edit(base->data.file, review_tiers(session, result, *base, others, options.elan_min_overlap), error);
  } catch (const XMLException& e) {
    error = base->data.file + ": " + xml::utf8(e.getMessage());
  } catch (const DOMException& e) {
    error = base->data.file + ": " + xml::utf8(e.getMessage());
  }
  return {};
}

ReviewResult write_review_files(const Project& project, const Reliability& result, const std::filesystem::path& dir,
                                const ReviewOptions& options) {
  ReviewResult out;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    out.errors.push_back("cannot create " + dir.string() + ": " + ec.message());
    return out;
  }
  std::set<std::filesystem::path> inputs;
  for (const auto& f : project.files) inputs.insert(std::filesystem::weakly_canonical(f, ec));
  for (const auto& session : project.sessions) {
    std::size_t coders = 0;
    for (const auto& c : result.coders) coders += session.find(c) ? 1 : 0;
    if (coders < 2) continue;
    const std::filesystem::path target = dir / (session.session + "_review.eaf");
    if (inputs.count(std::filesystem::weakly_canonical(target, ec))) {
      out.errors.push_back(target.string() + " is one of the inputs; it is never overwritten");
      continue;
    }
    std::string error;
    const std::string text = review_xml(project.load(session), result, options, error);
    if (!error.empty()) {
      out.errors.push_back(error);
      continue;
    }
    if (auto problem = report::write_file_atomically(target, [&](std::ostream& os) { os << text; }); !problem.empty()) {
      out.errors.push_back(problem);
      continue;
    }
    out.files.push_back(target);
  }
  return out;
}

}  // namespace rapport::reliability
