// SPDX-License-Identifier: MIT
// Which measures each kind of variable gets (3rs.md §2.2): presence -> kappa with AC1 as the
// prevalence-robust companion, alpha and percent agreement; ratings and frequencies -> ICC(2,1)
// first (absolute agreement, single measures), the other ICC forms, weighted kappa, alpha.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "rapport/stats/agreement.hpp"
#include "reliability/steps.hpp"

namespace rapport::reliability {

std::string headline_measure(VariableKind kind, std::size_t coders) {
  if (kind == VariableKind::presence) return coders > 2 ? "fleiss_kappa" : "cohen_kappa";
  return "icc_2_1";
}

std::vector<std::string> default_measures(VariableKind kind, std::size_t coders) {
  const bool two = coders <= 2;
  switch (kind) {
    case VariableKind::presence:
      if (two) return {"gwet_ac1", "krippendorff_alpha_nominal", "percent_agreement"};
      return {"conger_kappa", "gwet_ac1", "krippendorff_alpha_nominal", "percent_agreement"};
    case VariableKind::rating: {
      std::vector<std::string> m{"icc_1_1", "icc_3_1", "icc_1_k", "icc_2_k", "icc_3_k"};
      m.push_back(two ? "cohen_kappa_quadratic" : "fleiss_kappa_quadratic");
      for (const char* n :
           {"gwet_ac2_quadratic", "krippendorff_alpha_ordinal", "krippendorff_alpha_interval", "percent_agreement"})
        m.emplace_back(n);
      return m;
    }
    case VariableKind::frequency:
      return {"icc_1_1", "icc_3_1", "icc_1_k", "icc_2_k", "icc_3_k", "krippendorff_alpha_interval"};
  }
  return {};
}

const stats::Measure* VariableResult::find(std::string_view measure) const noexcept {
  for (const auto& m : measures)
    if (m.name == measure) return &m;
  return nullptr;
}

std::vector<TaggedMeasure> Reliability::all_measures() const {
  std::vector<TaggedMeasure> out;
  for (const auto* list : {&segment_codes, &segment_families, &segment_ratings, &session_variables})
    for (const auto& v : *list)
      for (const auto& m : v.measures) out.push_back({v.level, v.name, m});
  for (const auto& t : time_aligned)
    for (const auto& m : t.measures) out.push_back({"time_aligned", t.family, m});
  return out;
}

namespace detail {

VariableResult evaluate(const Variable& v, const std::string& level, const ReliabilityOptions& options) {
  VariableResult r;
  r.level = level;
  r.name = v.name;
  r.family = v.family;
  r.kind = v.kind;
  r.family_level = v.family_level;
  r.units = v.table.unit_count();
  r.prevalence = v.prevalence;
  const std::size_t coders = v.table.rater_count();
  r.headline = headline_measure(v.kind, coders);
  std::vector<std::string> names{r.headline};
  const auto extra = options.measures.empty() ? default_measures(v.kind, coders) : options.measures;
  for (const auto& name : extra) {
    if (!stats::is_rating_measure(name) || !stats::applies(name, v.level)) continue;
    // Two-rater measures on a table of more coders are only null with a reason: leave them out.
    if (coders > 2 && (name.starts_with("cohen_kappa") || name == "scott_pi")) continue;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  stats::AgreementOptions a;
  a.level = v.level;
  a.measures = std::move(names);
  a.bootstrap = options.bootstrap;
  a.seed = options.seed;
  r.measures = stats::compute_agreement(v.table, a);
  return r;
}

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job) {
  unsigned n = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  n = static_cast<unsigned>(std::min<std::size_t>(n, count));
  if (n <= 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  // A job that throws (a temporary file that cannot be read) stops the others taking more and
  // its exception reaches the caller, instead of std::terminate from the thread.
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < n; ++t)
      pool.emplace_back([&] {
        try {
          for (std::size_t i = next++; i < count; i = next++) job(i);
        } catch (...) {
          next = count;
          const std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
        }
      });
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace detail
}  // namespace rapport::reliability
