// SPDX-License-Identifier: MIT
// Segment- and session-level tables (issue 7 §2-3).
#include "rapport/reliability/tables.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_map>

namespace rapport::reliability {
namespace {

/// A variable's cells while the tables are built, units x coders in one list (unit u, coder r
/// at u * coders + r), the layout of stats::RatingTable: a row per unit would cost a heap block
/// per unit and variable (at 2000 sessions, 70 MB of rows beside the finished tables). Every
/// value is a whole number (presence 0/1, a rating on its integer scale, a count), so a cell
/// takes 4 bytes, `no_cell` when missing, rather than 16 as a std::optional<double>: the cells
/// of every variable exist together while the sessions are walked, the largest allocation of
/// `rapport agree` (7.9 of 18.9 MB of heap at 500 sessions as optional<double>, with the slack
/// of lists that grow by doubling; they are now reserved at their final size).
using Cell = std::int32_t;
constexpr Cell no_cell = std::numeric_limits<Cell>::min();
using Cells = std::vector<Cell>;

/// The grid segments of a session covering [0, end): `length` each, the last one shorter.
std::vector<std::pair<eaf::Millis, eaf::Millis>> grid(eaf::Millis end, eaf::Millis length) {
  std::vector<std::pair<eaf::Millis, eaf::Millis>> out;
  if (end <= 0) return out;
  if (length <= 0) return {{0, end}};
  for (eaf::Millis s = 0; s < end; s += length) out.emplace_back(s, std::min(end, s + length));
  return out;
}

/// Segments [first, last] an event touches: every one it overlaps with positive length, or the
/// one holding its start when it has no length.
std::pair<std::size_t, std::size_t> touched(eaf::Millis start, eaf::Millis end, eaf::Millis length, std::size_t count) {
  if (count == 0) return {1, 0};
  if (length <= 0) return {0, 0};
  const auto clamp = [&](eaf::Millis t) {
    return static_cast<std::size_t>(std::clamp<eaf::Millis>(t / length, 0, static_cast<eaf::Millis>(count - 1)));
  };
  if (end <= start) return {clamp(start), clamp(start)};
  return {clamp(start), clamp(end - 1)};
}

/// The table of one variable, made from its cells, which are released: only one variable's
/// cells exist at a time.
stats::RatingTable numeric(Cells& cells, const std::vector<std::string>& units, const std::vector<std::string>& coders,
                           std::vector<double> scale) {
  std::vector<std::optional<double>> values(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (cells[i] != no_cell) values[i] = cells[i];
  Cells().swap(cells);
  return stats::make_numeric_table(values, units, coders, scale);
}

std::optional<double> prevalence_of(const Cells& values) {
  std::size_t cells = 0, ones = 0;
  for (const Cell v : values)
    if (v != no_cell) {
      ++cells;
      ones += v > 0 ? 1 : 0;
    }
  if (cells == 0) return std::nullopt;
  return static_cast<double>(ones) / static_cast<double>(cells);
}

std::vector<double> scale_points(const codebook::Scale& s) {
  std::vector<double> out;
  for (int v = s.min; v <= s.max; ++v) out.push_back(v);
  return out;
}

}  // namespace

std::string_view to_string(VariableKind kind) noexcept {
  switch (kind) {
    case VariableKind::presence: return "presence";
    case VariableKind::rating: return "rating";
    case VariableKind::frequency: return "frequency";
  }
  return "presence";
}

std::string segment_unit_name(const std::string& session, std::size_t index) {
  return session + "#" + std::to_string(index + 1);
}

std::vector<std::size_t> paired_sessions(const Project& project, const std::vector<std::string>& wanted) {
  const std::vector<std::string>& coders = wanted.empty() ? project.coders : wanted;
  std::vector<std::size_t> out;
  for (std::size_t si = 0; si < project.sessions.size(); ++si) {
    std::size_t present = 0;
    for (const auto& c : coders)
      if (project.sessions[si].find(c)) ++present;
    if (present >= 2) out.push_back(si);
  }
  return out;
}

ReliabilityTables build_tables(const Project& project, const codebook::Codebook& cb,
                               const std::vector<std::string>& wanted) {
  ReliabilityTables out;
  out.coders = wanted.empty() ? project.coders : wanted;
  out.segment_ms = cb.segmentation.length_ms;
  const std::size_t m = out.coders.size();

  // Codes of the families, codebook order; families that hold codes.
  std::vector<const codebook::Family*> families;
  std::vector<const codebook::Code*> codes;
  std::unordered_map<std::string, std::size_t> code_index;
  std::vector<std::size_t> family_of_code;
  for (const auto& f : cb.families) {
    if (f.codes.empty()) continue;
    families.push_back(&f);
    for (const auto* c : cb.codes_of(f.id)) {
      code_index.emplace(c->id, codes.size());
      codes.push_back(c);
      family_of_code.push_back(families.size() - 1);
    }
  }
  std::vector<std::optional<std::string>> family_tier;
  for (const auto* f : families) family_tier.push_back(tier_of_family(cb, f->id));
  std::vector<const codebook::Scale*> seg_scales;
  std::vector<std::optional<std::string>> seg_scale_tier;
  for (const auto& r : cb.segmentation.ratings)
    if (const auto* s = cb.find_scale(r.scale)) {
      seg_scales.push_back(s);
      seg_scale_tier.push_back(tier_of_scale(cb, s->id));
    }
  std::vector<const codebook::Scale*> ses_scales;
  for (const auto& r : cb.session_ratings)
    if (const auto* s = cb.find_scale(r.scale)) ses_scales.push_back(s);

  std::vector<Cells> code_rows(codes.size()), family_rows(families.size()), seg_rating_rows(seg_scales.size());
  std::vector<Cells> family_freq_rows(families.size()), ses_rating_rows(ses_scales.size());
  // A unit's row of a variable: m cells appended to its list, missing until set.
  const auto new_row = [m](Cells& cells) { return cells.insert(cells.end(), m, no_cell); };
  // Segment units are named once, in out.segments; session units by their session.
  std::vector<std::string> ses_units;

  out.sessions = paired_sessions(project, out.coders);
  std::size_t segment_units = 0;
  for (const std::size_t si : out.sessions) segment_units += grid(project.sessions[si].end_ms(), out.segment_ms).size();
  for (auto* lists : {&code_rows, &family_rows, &seg_rating_rows})
    for (auto& cells : *lists) cells.reserve(segment_units * m);
  for (auto* lists : {&family_freq_rows, &ses_rating_rows})
    for (auto& cells : *lists) cells.reserve(out.sessions.size() * m);
  out.segments.reserve(segment_units);
  for (const std::size_t si : out.sessions) {
    // One session unpacked at a time: the rows keep what they need of it as 4-byte cells.
    const SessionCoding session = project.load(project.sessions[si]);
    std::vector<const CoderCoding*> cols(m, nullptr);
    for (std::size_t r = 0; r < m; ++r) cols[r] = session.find(out.coders[r]);
    const auto segs = grid(project.sessions[si].end_ms(), out.segment_ms);
    const std::size_t n = segs.size();
    const std::size_t first_unit = out.segments.size();
    for (std::size_t k = 0; k < n; ++k) {
      out.segments.push_back({si, k, segs[k].first, segs[k].second});
    }

    // presence[coder][segment * codes + code]; counts[coder][family]
    std::vector<std::vector<char>> presence(m, std::vector<char>(n * codes.size(), 0));
    std::vector<std::vector<Cell>> counts(m, std::vector<Cell>(families.size(), 0));
    for (std::size_t r = 0; r < m; ++r) {
      if (!cols[r]) continue;
      for (const auto& e : cols[r]->data.events) {
        if (!e.known) continue;
        const auto it = code_index.find(e.code);
        if (it == code_index.end()) continue;
        counts[r][family_of_code[it->second]] += 1;
        const auto [a, b] = touched(e.start_ms, e.end_ms, out.segment_ms, n);
        for (std::size_t k = a; k <= b && k < n; ++k) presence[r][k * codes.size() + it->second] = 1;
      }
    }
    auto has_family = [&](std::size_t r, std::size_t f) {
      return cols[r] && (!family_tier[f] || cols[r]->has_tier(*family_tier[f]));
    };
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t c = 0; c < codes.size(); ++c) {
        const auto row = new_row(code_rows[c]);
        for (std::size_t r = 0; r < m; ++r)
          if (has_family(r, family_of_code[c])) row[static_cast<std::ptrdiff_t>(r)] = presence[r][k * codes.size() + c];
      }
      for (std::size_t f = 0; f < families.size(); ++f) {
        const auto row = new_row(family_rows[f]);
        for (std::size_t r = 0; r < m; ++r) {
          if (!has_family(r, f)) continue;
          Cell any = 0;
          for (std::size_t c = 0; c < codes.size(); ++c)
            if (family_of_code[c] == f && presence[r][k * codes.size() + c]) any = 1;
          row[static_cast<std::ptrdiff_t>(r)] = any;
        }
      }
      for (std::size_t s = 0; s < seg_scales.size(); ++s) {
        const auto row = new_row(seg_rating_rows[s]);
        for (std::size_t r = 0; r < m; ++r) {
          if (!cols[r]) continue;
          // The coder's own segment that overlaps this grid segment most carries its rating.
          const check::CodedSegment* best = nullptr;
          eaf::Millis best_overlap = 0;
          for (const auto& cs : cols[r]->data.segments) {
            const eaf::Millis overlap = std::min(cs.end_ms, segs[k].second) - std::max(cs.start_ms, segs[k].first);
            if (overlap > best_overlap) {
              best_overlap = overlap;
              best = &cs;
            }
          }
          if (!best) continue;
          const auto it = best->ratings.find(seg_scales[s]->id);
          if (it != best->ratings.end() && it->second.value) row[static_cast<std::ptrdiff_t>(r)] = *it->second.value;
        }
      }
    }

    // Session level: the frequencies 3RS reports (Eubanks et al. 2019), and the session ratings.
    ses_units.push_back(session.session);
    for (std::size_t f = 0; f < families.size(); ++f) {
      const auto row = new_row(family_freq_rows[f]);
      for (std::size_t r = 0; r < m; ++r) {
        if (!has_family(r, f)) continue;
        if (families[f]->kind == codebook::FamilyKind::rupture_marker) {
          Cell segments_with = 0;
          for (std::size_t k = 0; k < n; ++k) {
            const Cell any = family_rows[f][(first_unit + k) * m + r];
            segments_with += any == no_cell ? 0 : any;
          }
          row[static_cast<std::ptrdiff_t>(r)] = segments_with;
        } else {
          row[static_cast<std::ptrdiff_t>(r)] = counts[r][f];
        }
      }
    }
    for (std::size_t s = 0; s < ses_scales.size(); ++s) {
      const auto row = new_row(ses_rating_rows[s]);
      for (std::size_t r = 0; r < m; ++r) {
        if (!cols[r]) continue;
        const auto it = cols[r]->data.session_ratings.find(ses_scales[s]->id);
        if (it != cols[r]->data.session_ratings.end() && it->second.value)
          row[static_cast<std::ptrdiff_t>(r)] = *it->second.value;
      }
    }
  }

  for (std::size_t c = 0; c < codes.size(); ++c) {
    Variable v;
    v.name = codes[c]->id;
    v.family = families[family_of_code[c]]->id;
    v.kind = VariableKind::presence;
    v.level = stats::Level::nominal;
    v.prevalence = prevalence_of(code_rows[c]);
    v.table = numeric(code_rows[c], {}, out.coders, {0, 1});
    out.codes.push_back(std::move(v));
  }
  for (std::size_t f = 0; f < families.size(); ++f) {
    Variable v;
    v.name = families[f]->id;
    v.family = families[f]->id;
    v.kind = VariableKind::presence;
    v.family_level = true;
    v.level = stats::Level::nominal;
    v.prevalence = prevalence_of(family_rows[f]);
    v.table = numeric(family_rows[f], {}, out.coders, {0, 1});
    out.families.push_back(std::move(v));
  }
  for (std::size_t s = 0; s < seg_scales.size(); ++s) {
    Variable v;
    v.name = seg_scales[s]->id;
    v.kind = VariableKind::rating;
    v.level = stats::Level::interval;
    v.table = numeric(seg_rating_rows[s], {}, out.coders, scale_points(*seg_scales[s]));
    out.segment_ratings.push_back(std::move(v));
  }
  for (std::size_t f = 0; f < families.size(); ++f) {
    Variable v;
    const bool markers = families[f]->kind == codebook::FamilyKind::rupture_marker;
    v.name = families[f]->id + (markers ? "_segments" : "_count");
    v.family = families[f]->id;
    v.kind = VariableKind::frequency;
    v.family_level = true;
    v.level = stats::Level::ratio;
    v.table = numeric(family_freq_rows[f], ses_units, out.coders, {});
    out.session_variables.push_back(std::move(v));
  }
  for (std::size_t s = 0; s < ses_scales.size(); ++s) {
    Variable v;
    v.name = ses_scales[s]->id;
    v.kind = VariableKind::rating;
    v.level = stats::Level::interval;
    v.table = numeric(ses_rating_rows[s], ses_units, out.coders, scale_points(*ses_scales[s]));
    out.session_variables.push_back(std::move(v));
  }
  return out;
}

}  // namespace rapport::reliability
