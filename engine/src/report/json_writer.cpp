// SPDX-License-Identifier: MIT
#include "rapport/report/json_writer.hpp"

#include <boost/json/serialize.hpp>
#include <ostream>
#include <string>

namespace rapport::report {

boost::json::object to_json(const Diagnostic& d) {
  boost::json::object o;
  o["severity"] = std::string(to_string(d.severity));
  o["rule"] = d.rule;
  o["file"] = d.file;
  o["line"] = d.line;
  o["column"] = d.column;
  o["tier"] = d.tier ? boost::json::value(*d.tier) : boost::json::value(nullptr);
  o["start_ms"] = d.start_ms ? boost::json::value(*d.start_ms) : boost::json::value(nullptr);
  o["end_ms"] = d.end_ms ? boost::json::value(*d.end_ms) : boost::json::value(nullptr);
  o["message"] = d.message;
  o["suggestion"] = d.suggestion ? boost::json::value(*d.suggestion) : boost::json::value(nullptr);
  return o;
}

boost::json::array to_json(const std::vector<Diagnostic>& diagnostics) {
  boost::json::array a;
  a.reserve(diagnostics.size());
  for (const auto& d : diagnostics) a.emplace_back(to_json(d));
  return a;
}

namespace {

void write_indented(std::ostream& os, const boost::json::value& v, int depth);

void write_object(std::ostream& os, const boost::json::object& obj, int depth, const StreamedMembers& streamed = {}) {
  if (obj.empty()) {
    os << "{}";
    return;
  }
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  os << "{\n";
  bool first = true;
  for (const auto& [key, value] : obj) {
    if (!first) os << ",\n";
    first = false;
    os << inner << json_key(key) << ": ";
    if (const auto it = streamed.find(key); it != streamed.end())
      it->second(depth + 1);
    else
      write_indented(os, value, depth + 1);
  }
  os << '\n' << pad << '}';
}

void write_indented(std::ostream& os, const boost::json::value& v, int depth) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  if (const auto* obj = v.if_object()) {
    write_object(os, *obj, depth);
  } else if (const auto* arr = v.if_array()) {
    if (arr->empty()) {
      os << "[]";
      return;
    }
    os << "[\n";
    bool first = true;
    for (const auto& value : *arr) {
      if (!first) os << ",\n";
      first = false;
      os << inner;
      write_indented(os, value, depth + 1);
    }
    os << '\n' << pad << ']';
  } else {
    os << boost::json::serialize(v);
  }
}

}  // namespace

void write_pretty_json_at(std::ostream& os, const boost::json::value& value, int depth) {
  write_indented(os, value, depth);
}

void write_pretty_json_at(std::ostream& os, const boost::json::object& object, int depth) {
  write_object(os, object, depth);
}

void write_pretty_json_array_at(std::ostream& os, std::size_t count, int depth,
                                const std::function<void(std::size_t)>& element) {
  if (count == 0) {
    os << "[]";
    return;
  }
  const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  os << "[\n";
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) os << ",\n";
    os << inner;
    element(i);
  }
  os << '\n' << std::string(static_cast<std::size_t>(depth) * 2, ' ') << ']';
}

void write_pretty_json_object_at(std::ostream& os, const boost::json::object& frame, int depth,
                                 const StreamedMembers& streamed) {
  write_object(os, frame, depth, streamed);
}

std::string json_key(std::string_view key) { return boost::json::serialize(boost::json::value(key)); }

void write_pretty_json(std::ostream& os, const boost::json::value& value) {
  write_indented(os, value, 0);
  os << '\n';
}

}  // namespace rapport::report
