// SPDX-License-Identifier: MIT
#include "rapport/stats/agreement.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "rapport/stats/cohen_kappa.hpp"
#include "rapport/stats/icc.hpp"
#include "rapport/stats/interpretation.hpp"
#include "rapport/stats/krippendorff_alpha.hpp"
#include "rapport/stats/multi_rater.hpp"
#include "rapport/stats/percent_agreement.hpp"

namespace rapport::stats {
namespace {

constexpr std::array<std::string_view, 29> k_names{
    "percent_agreement",
    "percent_all_raters_agree",
    "cohen_kappa",
    "cohen_kappa_linear",
    "cohen_kappa_quadratic",
    "scott_pi",
    "fleiss_kappa",
    "fleiss_kappa_linear",
    "fleiss_kappa_quadratic",
    "conger_kappa",
    "conger_kappa_linear",
    "conger_kappa_quadratic",
    "light_kappa",
    "brennan_prediger",
    "brennan_prediger_linear",
    "brennan_prediger_quadratic",
    "gwet_ac1",
    "gwet_ac2_linear",
    "gwet_ac2_quadratic",
    "krippendorff_alpha_nominal",
    "krippendorff_alpha_ordinal",
    "krippendorff_alpha_interval",
    "krippendorff_alpha_ratio",
    "icc_1_1",
    "icc_2_1",
    "icc_3_1",
    "icc_1_k",
    "icc_2_k",
    "icc_3_k",
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Weighting weighting_of(std::string_view name) {
  if (ends_with(name, "_linear")) return Weighting::linear;
  if (ends_with(name, "_quadratic")) return Weighting::quadratic;
  return Weighting::identity;
}

Level required_level(std::string_view name) {
  if (name.starts_with("icc_") || name == "krippendorff_alpha_interval") return Level::interval;
  if (name == "krippendorff_alpha_ratio") return Level::ratio;
  if (name == "krippendorff_alpha_ordinal" || weighting_of(name) != Weighting::identity) return Level::ordinal;
  return Level::nominal;
}

}  // namespace

std::span<const std::string_view> rating_measure_names() noexcept { return k_names; }

bool is_rating_measure(std::string_view name) noexcept {
  const auto names = rating_measure_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool applies(std::string_view name, Level level) noexcept {
  return static_cast<int>(required_level(name)) <= static_cast<int>(level);
}

std::vector<Measure> compute_agreement(const RatingTable& table, const AgreementOptions& options) {
  std::vector<std::string> wanted = options.measures;
  if (wanted.empty())
    for (auto name : rating_measure_names())
      if (applies(name, options.level)) wanted.emplace_back(name);
  for (const auto& name : wanted)
    if (!is_rating_measure(name)) throw std::invalid_argument("unknown measure '" + name + "'");

  const double conf = options.confidence;
  std::optional<std::array<Measure, 6>> iccs;
  std::vector<Measure> out;
  out.reserve(wanted.size());
  for (const auto& name : wanted) {
    if (!applies(name, options.level)) {
      out.push_back(undefined_measure(name,
                                      "needs " + std::string(to_string(required_level(name))) +
                                          " data; the ratings were read at level " +
                                          std::string(to_string(options.level)),
                                      0, table.rater_count()));
      interpret(out.back());
      continue;
    }
    const Weighting w = weighting_of(name);
    Measure m;
    if (name == "percent_agreement")
      m = percent_agreement(table, conf);
    else if (name == "percent_all_raters_agree")
      m = percent_all_raters_agree(table, conf);
    else if (name.starts_with("cohen_kappa"))
      m = cohen_kappa(table, w, conf);
    else if (name == "scott_pi")
      m = scott_pi(table, conf);
    else if (name.starts_with("fleiss_kappa"))
      m = fleiss_kappa(table, w, conf);
    else if (name.starts_with("conger_kappa"))
      m = conger_kappa(table, w, conf);
    else if (name == "light_kappa")
      m = light_kappa(table, conf);
    else if (name.starts_with("brennan_prediger"))
      m = brennan_prediger(table, w, conf);
    else if (name.starts_with("gwet_ac"))
      m = gwet_ac(table, w, conf);
    else if (name.starts_with("krippendorff_alpha_")) {
      const auto metric = parse_level(std::string_view(name).substr(19));
      m = krippendorff_alpha(table, *metric, AlphaBootstrap{options.bootstrap, options.seed}, conf);
    } else if (name.starts_with("icc_")) {
      if (!iccs) iccs = intraclass_correlations(table, conf);
      for (const auto& icc : *iccs)
        if (icc.name == name) m = icc;
    }
    interpret(m);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace rapport::stats
