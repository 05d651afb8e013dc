// SPDX-License-Identifier: MIT
// The steps of analyse(), one file each; private to the reliability component.
#pragma once

#include <vector>

#include "rapport/reliability/reliability.hpp"

namespace rapport::reliability::detail {

/// The measures of one variable: the headline first, then the defaults (or the asked ones).
VariableResult evaluate(const Variable& variable, const std::string& level, const ReliabilityOptions& options);

/// ELAN kappa, alpha_u and gamma per family over `sessions` (indices into project.sessions) for
/// `coders`; appends the links with different codes and the unmatched annotations to `out`.
std::vector<TimeAlignedResult> time_aligned_level(const Project& project, const codebook::Codebook& codebook,
                                                  const std::vector<std::string>& coders,
                                                  const std::vector<std::size_t>& sessions,
                                                  const ReliabilityOptions& options,
                                                  std::vector<IntervalDisagreement>* out,
                                                  std::vector<std::string>& notes);

/// Every segment and variable (codes and ratings) where the coders' values differ.
std::vector<SegmentDisagreement> segment_disagreements(const Project& project, const ReliabilityTables& tables);

/// Each coder against `options.gold` on the sessions both coded.
Certification certify(const Project& project, const codebook::Codebook& codebook, const ReliabilityOptions& options,
                      std::vector<std::string>& notes);

/// Agreement per session in time order, with trends.
Drift drift(const Project& project, const ReliabilityTables& tables, const ReliabilityOptions& options);

/// Runs `job(i)` for i in [0, count) on up to `threads` threads (0: one per core).
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job);

}  // namespace rapport::reliability::detail
