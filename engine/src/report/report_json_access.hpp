// SPDX-License-Identifier: MIT
// Reading the report's JSON documents tolerantly: a missing key or a null reads as empty, so a
// document from an older or smaller run still renders.
#pragma once

#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace rapport::report::detail {

inline const boost::json::value* find(const boost::json::object& o, std::string_view key) {
  const auto it = o.find(key);
  return it == o.end() ? nullptr : &it->value();
}

inline const boost::json::array& array_at(const boost::json::object& o, std::string_view key) {
  static const boost::json::array empty;
  const auto* v = find(o, key);
  return v && v->is_array() ? v->get_array() : empty;
}

inline const boost::json::object& object_at(const boost::json::object& o, std::string_view key) {
  static const boost::json::object empty;
  const auto* v = find(o, key);
  return v && v->is_object() ? v->get_object() : empty;
}

inline std::optional<double> number_at(const boost::json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  if (!v) return std::nullopt;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return std::nullopt;
}

/// A value as a CSV cell: a string as is, a double in its shortest round-trip form ("0.85",
/// not Boost.JSON's "8.5E-1", which SPSS does not read), null as "".
inline std::string value_text(const boost::json::value& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_double()) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
    return std::string(buf, r.ptr);
  }
  return boost::json::serialize(v);
}

/// value_text of o[key]; missing reads as "".
inline std::string text_at(const boost::json::object& o, std::string_view key) {
  const auto* v = find(o, key);
  return v ? value_text(*v) : std::string{};
}

inline const boost::json::object& as_object(const boost::json::value& v) {
  static const boost::json::object empty;
  return v.is_object() ? v.get_object() : empty;
}

/// `x` with `digits` decimals ("0.93"), the precision the report shows.
inline std::string fixed(double x, int digits = 2) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

}  // namespace rapport::report::detail
