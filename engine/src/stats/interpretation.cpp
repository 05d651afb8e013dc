// SPDX-License-Identifier: MIT
// Interpretation bands: Landis & Koch (1977, Biometrics 33:159) for kappa-type coefficients,
// Cicchetti (1994, Psychol. Assessment 6:284) and Koo & Li (2016, J. Chiropr. Med. 15:155) for
// ICC, Krippendorff (2004, Content Analysis 2nd ed., p. 241) for alpha.
#include "rapport/stats/interpretation.hpp"

#include "inference.hpp"

namespace rapport::stats {

std::string_view landis_koch(double kappa) noexcept {
  if (kappa <= 0.0) return "poor";
  if (kappa <= 0.20) return "slight";
  if (kappa <= 0.40) return "fair";
  if (kappa <= 0.60) return "moderate";
  if (kappa <= 0.80) return "substantial";
  return "almost perfect";
}

std::string_view cicchetti(double icc) noexcept {
  if (icc < 0.40) return "poor";
  if (icc < 0.60) return "fair";
  if (icc < 0.75) return "good";
  return "excellent";
}

namespace {

std::string_view koo_li_band(double icc) noexcept {
  if (icc < 0.50) return "poor";
  if (icc < 0.75) return "moderate";
  if (icc <= 0.90) return "good";
  return "excellent";
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

std::string explanation_for(const Measure& m) {
  const std::string& n = m.name;
  if (n == "percent_agreement")
    return "The share of pairs of raters who gave a unit the same code, averaged over units rated at least "
           "twice. It is easy to read but not corrected for chance: when one code is very common, raters "
           "agree often by luck alone, so read it next to a chance-corrected coefficient.";
  if (n == "percent_all_raters_agree")
    return "The share of units on which every rater gave the same code. With more than two raters this is "
           "much lower than percent_agreement, which counts agreeing pairs.";
  if (starts_with(n, "cohen_kappa"))
    return "Agreement between the two raters beyond what their own code frequencies would produce by chance "
           "(1 = perfect, 0 = chance level, below 0 = worse than chance), on the units both rated. It falls "
           "when one code is rare even if the raters rarely disagree (the prevalence paradox), and kappa_max "
           "shows the highest kappa their marginal frequencies allow." +
           std::string(n == "cohen_kappa" ? ""
                                          : " Weighted: near-misses on the ordered scale count as partial agreement.");
  if (n == "scott_pi")
    return "Like Cohen's kappa, but chance agreement comes from the two raters' pooled code frequencies, so "
           "differences in how often each rater uses a code count as disagreement.";
  if (starts_with(n, "fleiss_kappa"))
    return "Scott's pi for any number of raters: agreement among all pairs of ratings beyond chance, with "
           "chance from the pooled code frequencies. Units with one rating only inform the code frequencies. "
           "per_category shows how reliably each code is told apart from the others.";
  if (starts_with(n, "conger_kappa"))
    return "Cohen's kappa for more than two raters: chance agreement comes from each rater's own code "
           "frequencies. Equals Cohen's kappa when there are two raters and no missing ratings.";
  if (n == "light_kappa") return "The average of Cohen's kappa over every pair of raters.";
  if (starts_with(n, "brennan_prediger"))
    return "Agreement beyond the chance level of raters who pick every category equally often (1/q). It does "
           "not depend on how common each code is, but it does depend on the number of categories q, which "
           "is reported.";
  if (starts_with(n, "gwet_ac"))
    return "Gwet's agreement coefficient: chance agreement is estimated from how far the code frequencies are "
           "from uniform, so a rare code does not drag the value down the way it does for kappa. Report it "
           "next to kappa when one code is rare (as rupture markers usually are).";
  if (starts_with(n, "krippendorff_alpha"))
    return "Krippendorff's alpha: 1 minus observed disagreement over the disagreement expected by chance, "
           "for any number of raters and missing ratings, with a distance that matches the level of "
           "measurement. Krippendorff's rule: rely on data with alpha >= .800; draw only tentative conclusions "
           "at .667-.800.";
  if (starts_with(n, "icc_"))
    return "Intraclass correlation (" + m.label("mcgraw_wong") +
           " in McGraw & Wong's terms): the share of rating variance due to real differences between units. "
           "For a fixed pair of trained coders whose ratings are used singly, report icc_2_1 (two-way, "
           "absolute agreement, single measures) with its 95% CI. Koo & Li's bands are judged on the CI.";
  return {};
}

}  // namespace

std::string koo_li(double ci_low, double ci_high) {
  const auto lo = koo_li_band(ci_low), hi = koo_li_band(ci_high);
  if (lo == hi) return std::string(lo);
  return std::string(lo) + " to " + std::string(hi);
}

std::string_view krippendorff_band(double alpha) noexcept {
  if (alpha >= 0.800) return "reliable";
  if (alpha >= 0.667) return "tentative conclusions only";
  return "unreliable";
}

void interpret(Measure& m) {
  m.explanation = explanation_for(m);
  if (!m.value) return;
  const double v = *m.value;
  if (starts_with(m.name, "icc_")) {
    if (m.ci_low && m.ci_high)
      m.interpretation = "Koo & Li: " + koo_li(*m.ci_low, *m.ci_high) + "; Cicchetti: " + std::string(cicchetti(v));
    else
      m.interpretation = "Cicchetti: " + std::string(cicchetti(v));
  } else if (starts_with(m.name, "krippendorff_alpha")) {
    m.interpretation = "Krippendorff: " + std::string(krippendorff_band(v));
  } else if (!starts_with(m.name, "percent_")) {
    m.interpretation = "Landis & Koch: " + std::string(landis_koch(v));
  }
}

std::vector<std::string> agreement_notes(const std::vector<Measure>& measures) {
  std::vector<std::string> notes;
  const Measure* pa = nullptr;
  for (const auto& m : measures)
    if (m.name == "percent_agreement" && m.value) pa = &m;
  if (!pa) return notes;
  for (const auto& m : measures) {
    if (!m.value) continue;
    const bool kappa_like = m.name == "cohen_kappa" || m.name == "fleiss_kappa" || m.name == "scott_pi" ||
                            m.name == "krippendorff_alpha_nominal" || m.name == "conger_kappa";
    if (!kappa_like) continue;
    if (*pa->value >= 0.80 && *m.value < 0.60) {
      std::string note = "Prevalence paradox: percent agreement is " + detail::fixed(*pa->value, 2) + " but " + m.name +
                         " is only " + detail::fixed(*m.value, 2) +
                         ". When one code is much more common than the others, chance agreement is high, so "
                         "kappa-type coefficients are low even though the raters rarely disagree.";
      for (const auto& other : measures)
        if (other.name == "gwet_ac1" && other.value)
          note += " Gwet's AC1, which is robust to prevalence, is " + detail::fixed(*other.value, 2) + ".";
      if (const auto kmax = m.statistic("kappa_max"))
        note += " The highest kappa these raters' code frequencies allow is " + detail::fixed(*kmax, 2) + ".";
      notes.push_back(std::move(note));
      break;
    }
  }
  return notes;
}

}  // namespace rapport::stats
