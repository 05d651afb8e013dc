// SPDX-License-Identifier: MIT
// Id → value maps for the reader's hot paths. ELAN (and pympi) write time-slot ids as "ts<n>"
// and annotation ids as "a<n>"; such ids are stored in vectors indexed by n, and only other ids
// go to a hash map. On a 140 MB session this replaces ~1.5 million hash-map nodes (most of the
// reader's cache misses and a third of its memory, see tests/bench/README.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rapport::eaf::detail {

template <typename Value>
class IdIndex {
 public:
  /// Inserts `id` → `value` unless `id` is present; returns the value stored for `id` and
  /// whether it was inserted.
  std::pair<Value, bool> try_emplace(std::string_view id, Value value) {
    // Whether an id is "numbered" depends on the sizes at the time, so an id may sit in the map
    // although it would now take the vector path: the map is always asked too (it is usually
    // empty, which costs nothing).
    if (const auto in_map = find_in_map(id)) return {*in_map, false};
    if (const auto slot = numbered(id)) {
      Cells& vec = cells(slot->family);
      // Ids come in order ("ts1", "ts2", …) almost always: append without resize()'s out-of-line
      // call, which cost more than the rest of the insert.
      if (slot->n == vec.size()) {
        vec.emplace_back(value);
        return {value, true};
      }
      if (slot->n > vec.size()) vec.resize(slot->n + 1);
      std::optional<Value>& cell = vec[slot->n];
      if (cell) return {*cell, false};
      cell = value;
      return {value, true};
    }
    m_other.emplace(std::string(id), value);
    return {value, true};
  }

  std::optional<Value> find(std::string_view id) const {
    if (const auto slot = numbered(id)) {
      const Cells& vec = cells(slot->family);
      if (slot->n < vec.size() && vec[slot->n]) return vec[slot->n];
    }
    return find_in_map(id);
  }

  bool contains(std::string_view id) const { return find(id).has_value(); }

  void clear() {
    m_ts.clear();
    m_a.clear();
    m_other.clear();
  }

 private:
  using Cells = std::vector<std::optional<Value>>;

  std::optional<Value> find_in_map(std::string_view id) const {
    if (m_other.empty()) return std::nullopt;
    const auto it = m_other.find(id);  // heterogeneous: no temporary std::string
    if (it == m_other.end()) return std::nullopt;
    return it->second;
  }

  enum class Family : unsigned char { ts, a };
  struct Numbered {
    Family family;
    std::size_t n;
  };

  Cells& cells(Family family) { return family == Family::ts ? m_ts : m_a; }
  const Cells& cells(Family family) const { return family == Family::ts ? m_ts : m_a; }

  /// The family and position for a canonical "ts<n>" or "a<n>" id (no sign, no leading zero,
  /// n small enough that a vector is cheaper than a map), or nullopt for any other id.
  std::optional<Numbered> numbered(std::string_view id) const {
    Family family;
    if (id.size() > 2 && id[0] == 't' && id[1] == 's') {
      family = Family::ts;
      id.remove_prefix(2);
    } else if (id.size() > 1 && id[0] == 'a') {
      family = Family::a;
      id.remove_prefix(1);
    } else {
      return std::nullopt;
    }
    if (id.size() > 9 || (id.size() > 1 && id[0] == '0')) return std::nullopt;
    std::size_t n = 0;
    for (const char c : id) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    // A sparse numbering (one id "a99999999") would waste memory: such ids go to the map.
    if (n > 4 * (cells(family).size() + m_other.size()) + 65536) return std::nullopt;
    return Numbered{family, n};
  }

  /// Hashes std::string and std::string_view alike, so that find() takes a view.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  Cells m_ts, m_a;
  std::unordered_map<std::string, Value, Hash, std::equal_to<>> m_other;
};

}  // namespace rapport::eaf::detail
