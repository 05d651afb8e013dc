// SPDX-License-Identifier: MIT
// Certification (issue 7 §7): each coder against a master coder or a consensus file, pass/fail
// per code family. 3rs.md §2.3: no published 3RS threshold exists; labs train until ICCs with
// expert codes reach about .70-.80 (SOFTA-o and BOSCC document comparable rules), so the
// thresholds are parameters (defaults: kappa .60 on presence, ICC(2,1) .75 on ratings).
#include <algorithm>

#include "reliability/steps.hpp"

namespace rapport::reliability::detail {
namespace {

Criterion judge(const std::string& group, const std::string& variable, const stats::Measure* m, double threshold,
                bool use_ci_low) {
  Criterion c;
  c.group = group;
  c.variable = variable;
  c.threshold = threshold;
  if (!m) {
    c.reason = "not computed";
    return c;
  }
  c.measure = m->name;
  c.value = m->value;
  c.ci_low = m->ci_low;
  c.ci_high = m->ci_high;
  const std::optional<double> judged = use_ci_low ? m->ci_low : m->value;
  if (!judged) {
    c.reason = m->reason.empty() ? "undefined for the data" : m->reason;
    return c;
  }
  c.pass = *judged >= threshold;
  return c;
}

}  // namespace

Certification certify(const Project& project, const codebook::Codebook& cb, const ReliabilityOptions& options,
                      std::vector<std::string>& notes) {
  Certification out;
  out.gold = *options.gold;
  out.thresholds = options.thresholds;
  if (std::find(project.coders.begin(), project.coders.end(), out.gold) == project.coders.end()) {
    notes.push_back("certification: no session is coded by the gold coder '" + out.gold + "'");
    return out;
  }
  ReliabilityOptions measure_options = options;
  measure_options.measures = {"percent_agreement"};
  for (const auto& coder : project.coders) {
    if (coder == out.gold) continue;
    if (std::find(options.consensus.begin(), options.consensus.end(), coder) != options.consensus.end()) continue;
    const ReliabilityTables tables = build_tables(project, cb, {out.gold, coder});
    CoderCertification cert;
    cert.coder = coder;
    cert.sessions = tables.sessions.size();
    cert.segments = tables.segments.size();
    if (cert.sessions == 0) {
      notes.push_back("certification: '" + coder + "' shares no session with '" + out.gold + "'");
      continue;
    }
    std::vector<std::string> rated_groups;
    for (const auto& f : tables.families) {
      const VariableResult r = evaluate(f, "segment", measure_options);
      cert.criteria.push_back(
          judge(f.name, f.name, r.find(r.headline), options.thresholds.min_kappa, options.thresholds.use_ci_low));
      // The family's significance rating: the segment scale of the same rupture type.
      const auto* family = cb.find_family(f.name);
      for (const auto& s : tables.segment_ratings) {
        const auto* scale = cb.find_scale(s.name);
        if (!family || !scale || scale->rupture_type == codebook::RuptureType::none ||
            scale->rupture_type != family->rupture_type)
          continue;
        const VariableResult rr = evaluate(s, "segment", measure_options);
        cert.criteria.push_back(
            judge(f.name, s.name, rr.find("icc_2_1"), options.thresholds.min_icc, options.thresholds.use_ci_low));
        rated_groups.push_back(s.name);
      }
    }
    for (const auto& s : tables.segment_ratings) {
      if (std::find(rated_groups.begin(), rated_groups.end(), s.name) != rated_groups.end()) continue;
      const VariableResult rr = evaluate(s, "segment", measure_options);
      cert.criteria.push_back(judge("segment ratings", s.name, rr.find("icc_2_1"), options.thresholds.min_icc,
                                    options.thresholds.use_ci_low));
    }
    bool any_fail = false, any_undefined = false;
    for (const auto& c : cert.criteria) {
      if (!c.pass)
        any_undefined = true;
      else if (!*c.pass)
        any_fail = true;
    }
    if (any_fail)
      cert.pass = false;
    else if (!any_undefined)
      cert.pass = true;
    out.coders.push_back(std::move(cert));
  }
  return out;
}

}  // namespace rapport::reliability::detail
