// SPDX-License-Identifier: MIT
// rapport_generate_sessions: writes a deterministic, synthetic 3RS-coded psychotherapy project as
// ELAN 3.0 files, one file per session per coder (`<session>_<coder>.eaf`). Used for benchmarks,
// fuzz seeds and samples/. Nothing here is real therapy data: the transcript is made-up everyday
// sentences in German, French, Spanish and Portuguese, and the codes are random but structured
// (ruptures followed by strategies and stages) so that agreement and stage code has data to chew.
//
// Determinism: the same arguments give byte-identical files on every platform and standard
// library. std::mt19937_64 is fully specified by the standard, but std::*_distribution is not,
// so every random number goes through Random below, which maps engine outputs to integers with
// documented formulas (see tests/bench/README.md, "Generator").
//
// Layout of every file (the convention shared with the codebook; ../shared/domain/3rs.md §5.4):
//   3RS_SEG   top level, "1","2",… tiling [0, end] in 300 000 ms segments (the last may be shorter)
//   SEG_WSIG, SEG_CSIG (CV SCALE_1_5), SEG_RES (CV SCALE_1_5_NA): Symbolic_Association children
//             of 3RS_SEG, one per segment
//   3RS_W (CV 3RS_W_CODES, patient), 3RS_C (3RS_C_CODES, patient), 3RS_R (3RS_R_CODES, therapist)
//   STAGE     (CV STAGES: S1…S5, MR1…MR3)
//   SESSION   one annotation over the session: "SES_WSIG=3;SES_CSIG=2;SES_TCONTRIB=2;SES_RES=4"
//   Patient, Therapist: transcript (PARTICIPANT set, identical in every coder's file)
// Every coded tier carries ANNOTATOR="<coder>". All time slots are aligned.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using Millis = std::int64_t;
constexpr Millis k_second = 1000;
constexpr Millis k_minute = 60 * k_second;
constexpr Millis k_segment_ms = 300'000;

// ---- Random numbers with a documented mapping ----------------------------------------------

/// SplitMix64 finaliser: spreads (seed, index) pairs into unrelated engine seeds, so that
/// session 7 has the same content whether 10 or 500 sessions are generated.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Random {
 public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}

  /// Uniform in [0, n) by rejection: draws below the largest multiple of n are taken modulo n.
  std::uint64_t below(std::uint64_t n) {
    if (n <= 1) return 0;
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - (std::numeric_limits<std::uint64_t>::max() % n + 1) % n;
    std::uint64_t x = m_engine();
    while (x > limit) x = m_engine();
    return x % n;
  }
  /// Uniform in [lo, hi], both included.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  /// Uniform in [0, 1): the top 53 bits of one draw.
  double unit() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  /// Triangular jitter in [-2·spread, 2·spread]: the sum of two uniform draws.
  Millis jitter(Millis spread) { return between(-spread, spread) + between(-spread, spread); }
  /// Index drawn with integer weights (probability weight / sum).
  std::size_t weighted(std::span<const int> weights) {
    const int total = std::accumulate(weights.begin(), weights.end(), 0);
    auto x = static_cast<int>(below(static_cast<std::uint64_t>(total)));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }
  std::uint64_t raw() { return m_engine(); }

 private:
  std::mt19937_64 m_engine;
};

// ---- Codes ---------------------------------------------------------------------------------

struct CvEntrySpec {
  std::string_view value;
  std::string_view description;
};

struct CvSpec {
  std::string_view id;
  std::string_view description;
  std::vector<CvEntrySpec> entries;
};

// Names follow ../shared/domain/3rs.md §5.2 (3RS-2015 numbering).
const std::vector<CvSpec>& controlled_vocabularies() {
  static const std::vector<CvSpec> cvs = {
      {"3RS_W_CODES",
       "3RS withdrawal rupture markers",
       {{"W1", "Denial"},
        {"W2", "Minimal response"},
        {"W3", "Abstract communication"},
        {"W4", "Avoidant storytelling and/or shifting topic"},
        {"W5", "Deferential and appeasing"},
        {"W6", "Content/affect split"},
        {"W7", "Self-criticism and/or hopelessness"}}},
      {"3RS_C_CODES",
       "3RS confrontation rupture markers",
       {{"C1", "Complaints/concerns about the therapist"},
        {"C2", "Patient rejects therapist intervention"},
        {"C3", "Complaints/concerns about the activities of therapy"},
        {"C4", "Complaints/concerns about the parameters of therapy"},
        {"C5", "Complaints/concerns about progress in therapy"},
        {"C6", "Patient defends self against therapist"},
        {"C7", "Efforts to control/pressure the therapist"}}},
      {"3RS_R_CODES",
       "3RS resolution strategies",
       {{"R1", "Clarifies a misunderstanding"},
        {"R2", "Changes tasks or goals"},
        {"R3", "Illustrates tasks / provides rationale"},
        {"R4", "Invites discussion of thoughts/feelings about therapist or therapy"},
        {"R5", "Acknowledges own contribution"},
        {"R6", "Discloses internal experience of the interaction"},
        {"R7", "Links rupture to patterns between patient and therapist"},
        {"R8", "Links rupture to patterns in other relationships"},
        {"R9", "Validates defensive posture"},
        {"R10", "Redirects / refocuses"}}},
      {"SCALE_1_5",
       "Significance 1-5",
       {{"1", "no rupture / no impact"},
        {"2", "slight impact"},
        {"3", "moderate impact"},
        {"4", "considerable impact"},
        {"5", "major impact"}}},
      {"SCALE_1_5_NA",
       "Resolution 1-5 or NA",
       {{"1", "not resolved / not addressed"},
        {"2", "slightly resolved"},
        {"3", "partly resolved"},
        {"4", "mostly resolved"},
        {"5", "fully resolved"},
        {"NA", "no rupture in segment"}}},
      {"STAGES",
       "Rupture resolution stages",
       {{"S1", "Rupture marker"},
        {"S2", "Disembedding / attending"},
        {"S3", "Exploration of rupture experience"},
        {"S4", "Exploration of avoidance"},
        {"S5", "Self-assertion / vulnerability"},
        {"MR1", "Mutual recognition"},
        {"MR2", "Mutual expression of perceptions"},
        {"MR3", "Mutual empathy"}}},
  };
  return cvs;
}

std::string hex(std::uint64_t v, int digits) {
  std::string s(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    s[static_cast<std::size_t>(i)] = "0123456789abcdef"[v & 0xf];
    v >>= 4;
  }
  return s;
}

/// A UUID-shaped string (version 4 layout) built from two 64-bit values.
std::string uuid_from(std::uint64_t hi, std::uint64_t lo) {
  hi = (hi & ~0xf000ULL) | 0x4000ULL;
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  return hex(hi >> 32, 8) + "-" + hex((hi >> 16) & 0xffff, 4) + "-" + hex(hi & 0xffff, 4) + "-" + hex(lo >> 48, 4) +
         "-" + hex(lo & 0xffffffffffffULL, 12);
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// ELAN-style CVE_ID ("cveid_<uuid>"), fixed per (CV, value) so that every file of a project
/// shares one vocabulary, as when coders start from the same template.
std::string cve_id(std::string_view cv, std::string_view value) {
  const std::string key = std::string(cv) + '\x1f' + std::string(value);
  return "cveid_" + uuid_from(splitmix64(fnv1a(key)), splitmix64(fnv1a(key) ^ 0x5bd1e995ULL));
}

// ---- Transcript text -----------------------------------------------------------------------

struct LanguageBank {
  std::string_view lang_id;  ///< LANGUAGE@LANG_ID (ISO 639-3)
  std::string_view label;
  std::vector<std::string_view> patient;
  std::vector<std::string_view> therapist;
  std::vector<std::string_view> asides;  ///< transcription conventions, some needing XML escapes
};

// Made-up everyday sentences; none comes from a real session.
const std::vector<LanguageBank>& language_banks() {
  static const std::vector<LanguageBank> banks = {
      {"deu",
       "German (deu)",
       {"Ich weiß nicht genau, was ich dazu sagen soll.", "Am Wochenende waren wir am See, das Wetter war schön.",
        "Mein Bruder hat wieder angerufen, wegen der Geschichte mit dem Auto.", "Ja, das stimmt schon, irgendwie.",
        "Es ist eigentlich nicht so wichtig, glaube ich.", "Ich habe die Übung diese Woche nicht gemacht.",
        "Müssen wir wirklich jedes Mal darüber reden?", "Keine Ahnung. Vielleicht.",
        "Im Büro gab es schon wieder Ärger mit der Planung.", "Das hilft mir ehrlich gesagt überhaupt nicht weiter.",
        "Ich bin einfach müde, das ist alles.", "Meine Schwester sagt, ich übertreibe immer."},
       {"Was geht Ihnen gerade durch den Kopf?", "Wie war das für Sie, als ich das eben gesagt habe?",
        "Ich habe den Eindruck, dass wir gerade aneinander vorbeireden.", "Können Sie mir mehr darüber erzählen?",
        "Mir fällt auf, dass Sie das Thema gewechselt haben.", "Vielleicht war meine Frage vorhin zu direkt.",
        "Was würden Sie sich denn heute von der Stunde wünschen?",
        "Das klingt, als wäre die Woche ziemlich anstrengend gewesen."},
       {"[lacht]", "(Pause, 4 s)", "<unverständlich>", "»So ist das eben«, hat sie gesagt.", "Müller & Söhne"}},
      {"fra",
       "French (fra)",
       {"Je ne sais pas trop, c'était une semaine un peu compliquée.", "Ça m'a fait réfléchir à beaucoup de choses.",
        "Ma mère a encore téléphoné, à propos des vacances d'été.", "Oui, enfin, peut-être.",
        "Ce n'est pas très important, à vrai dire.", "Je n'ai pas fait l'exercice, désolé.",
        "On est obligés d'en reparler à chaque séance ?", "Au travail, ça s'est plutôt bien passé, je crois.",
        "Franchement, je ne vois pas à quoi ça sert.", "Je suis fatigué, c'est tout.",
        "Mon voisin a déménagé la semaine dernière.", "J'ai l'impression de tourner en rond."},
       {"Qu'est-ce qui vous vient à l'esprit, là, maintenant ?", "Comment avez-vous vécu ce que je viens de dire ?",
        "J'ai l'impression qu'on ne se comprend pas très bien.", "Pouvez-vous m'en dire un peu plus ?",
        "Je remarque que vous avez changé de sujet.", "Ma question était peut-être un peu brusque.",
        "Qu'est-ce que vous aimeriez que l'on fasse aujourd'hui ?", "Ça a l'air d'avoir été une semaine éprouvante."},
       {"[rires]", "(silence, 5 s)", "<inaudible>", "« C'est comme ça », a-t-elle dit.", "Dupont & Fils"}},
      {"spa",
       "Spanish (spa)",
       {"No sé, la verdad es que no sé qué decir.", "El fin de semana fuimos a la playa con mis primos.",
        "Mi jefe volvió a cambiar el horario sin avisar.", "Sí, bueno, supongo que sí.",
        "Tampoco es tan importante, creo.", "No hice la tarea de esta semana.",
        "¿De verdad tenemos que hablar de eso otra vez?", "Ni idea. Quizás.", "Mi hermana dice que siempre exagero.",
        "Sinceramente, esto no me está ayudando mucho.", "Estoy cansado, nada más.",
        "La reunión del martes salió mejor de lo que pensaba."},
       {"¿Qué está pensando en este momento?", "¿Cómo fue para usted lo que acabo de decir?",
        "Tengo la impresión de que no nos estamos entendiendo.", "¿Me puede contar un poco más?",
        "Me doy cuenta de que cambió de tema.", "Quizás mi pregunta fue demasiado directa.",
        "¿Qué le gustaría que hiciéramos hoy?", "Parece que fue una semana muy difícil."},
       {"[risas]", "(pausa, 3 s)", "<ininteligible>", "«Así son las cosas», me dijo.", "García & Hijos"}},
      {"por",
       "Portuguese (por)",
       {"Não sei bem o que dizer sobre isso.", "No fim de semana fomos à praia com os meus primos.",
        "A minha mãe ligou outra vez por causa das férias.", "Sim, pois, acho que sim.",
        "Não é assim tão importante, acho eu.", "Não fiz o exercício desta semana.",
        "Temos mesmo de falar disso outra vez?", "Não faço ideia. Talvez.", "O meu irmão diz que eu exagero sempre.",
        "Sinceramente, isto não me está a ajudar nada.", "Estou cansado, só isso.",
        "A reunião de terça correu melhor do que eu esperava."},
       {"O que está a pensar neste momento?", "Como foi para si o que eu acabei de dizer?",
        "Tenho a impressão de que não nos estamos a entender.", "Pode contar-me um pouco mais?",
        "Reparo que mudou de assunto.", "Talvez a minha pergunta tenha sido demasiado direta.",
        "O que gostaria que fizéssemos hoje?", "Parece que foi uma semana muito difícil."},
       {"[risos]", "(pausa, 4 s)", "<inaudível>", "«É assim mesmo», disse ela.", "Conceição & Irmãos"}},
  };
  return banks;
}

// ---- The session model ---------------------------------------------------------------------

struct Coded {
  Millis start = 0;
  Millis end = 0;
  std::string code;
};

struct SegmentRating {
  int wsig = 1;
  int csig = 1;
  int res = 0;  ///< 0 = NA
};

struct Coding {
  std::vector<Coded> w, c, r, stage;
  std::vector<SegmentRating> segments;
  int ses_wsig = 1, ses_csig = 1, ses_tcontrib = 1, ses_res = 5;
};

struct Turn {
  bool patient = true;
  Millis start = 0;
  Millis end = 0;
  std::string text;
};

struct Session {
  std::string name;
  std::size_t index = 0;
  Millis end_ms = 0;
  const LanguageBank* bank = nullptr;
  std::vector<Turn> turns;
  Coding base;  ///< coder A's coding; other coders are derived from it
};

std::vector<std::pair<Millis, Millis>> segment_bounds(Millis end_ms) {
  std::vector<std::pair<Millis, Millis>> out;
  for (Millis s = 0; s < end_ms; s += k_segment_ms) out.emplace_back(s, std::min(s + k_segment_ms, end_ms));
  return out;
}

Millis overlap(Millis a0, Millis a1, Millis b0, Millis b1) {
  return std::max<Millis>(0, std::min(a1, b1) - std::max(a0, b0));
}

int stage_level(std::string_view code) {
  if (code.size() >= 2 && code[0] == 'S') return code[1] - '0';
  if (code == "MR1") return 3;
  if (code == "MR2") return 4;
  if (code == "MR3") return 5;
  return 0;
}

int clamp_rating(int v) { return std::clamp(v, 1, 5); }

/// Segment ratings that follow from a coder's own markers, strategies and stages, plus the
/// coder's judgement noise (one step up or down with probability `noise`).
void rate_segments(Coding& coding, Millis end_ms, Random& rng, double noise) {
  coding.segments.clear();
  auto nudge = [&](int v) { return rng.chance(noise) ? clamp_rating(v + (rng.chance(0.5) ? 1 : -1)) : v; };
  for (const auto& [s, e] : segment_bounds(end_ms)) {
    SegmentRating rating;
    auto family_rating = [&](const std::vector<Coded>& markers) {
      int count = 0;
      Millis covered = 0;
      for (const auto& m : markers) {
        const Millis o = overlap(m.start, m.end, s, e);
        if (o > 0) ++count, covered += o;
      }
      if (count == 0) return 1;
      // Significance grows with how many markers and how long; judgement moves it by one.
      return nudge(clamp_rating(1 + count + (covered > 60 * k_second ? 1 : 0)));
    };
    rating.wsig = family_rating(coding.w);
    rating.csig = family_rating(coding.c);
    if (rating.wsig > 1 || rating.csig > 1) {
      bool strategy = false;
      int level = 1;
      for (const auto& r : coding.r) strategy |= overlap(r.start, r.end, s, e + k_minute) > 0;
      for (const auto& st : coding.stage)
        if (overlap(st.start, st.end, s, e + k_minute) > 0) level = std::max(level, stage_level(st.code));
      rating.res = strategy ? nudge(clamp_rating(std::max(2, level))) : 1;
    }
    coding.segments.push_back(rating);
  }
  int wmax = 1, cmax = 1, res_sum = 0, res_n = 0;
  for (const auto& seg : coding.segments) {
    wmax = std::max(wmax, seg.wsig);
    cmax = std::max(cmax, seg.csig);
    if (seg.res > 0) res_sum += seg.res, ++res_n;
  }
  coding.ses_wsig = nudge(wmax > 1 ? wmax - static_cast<int>(rng.below(2)) : 1);
  coding.ses_csig = nudge(cmax > 1 ? cmax - static_cast<int>(rng.below(2)) : 1);
  coding.ses_tcontrib = clamp_rating(static_cast<int>(rng.between(1, 2)) + (cmax > 2 ? 1 : 0));
  coding.ses_res = res_n > 0 ? nudge(clamp_rating((res_sum + res_n / 2) / res_n)) : 5;
}

const std::array<int, 7> k_w_weights = {8, 20, 14, 20, 16, 8, 14};
const std::array<int, 7> k_c_weights = {12, 22, 14, 6, 16, 18, 12};
const std::array<int, 10> k_r_after_w = {16, 8, 10, 20, 6, 12, 6, 6, 10, 6};
const std::array<int, 10> k_r_after_c = {16, 10, 8, 14, 22, 10, 6, 4, 6, 4};

std::string code_name(char family, std::size_t index) { return std::string(1, family) + std::to_string(index + 1); }

/// Coder A: rupture episodes (markers, then strategies, then stages), segment and session ratings.
Coding generate_base_coding(Millis end_ms, Random& rng) {
  Coding coding;
  Millis t = rng.between(30 * k_second, 4 * k_minute);
  const Millis last_start = end_ms - 2 * k_minute;
  int episodes = 0;
  while (t < last_start) {
    ++episodes;
    const std::size_t kind = rng.weighted(std::array<int, 3>{60, 25, 15});  // W, C, mixed
    Millis episode_end = t;
    Millis cursor = t;
    std::optional<Coded> first_marker;
    const auto marker_count = rng.between(1, 3);
    for (std::int64_t i = 0; i < marker_count; ++i) {
      const bool withdrawal = kind == 0 || (kind == 2 && i % 2 == 0);
      Coded m;
      m.start = cursor;
      m.end = cursor + rng.between(4 * k_second, 40 * k_second);
      m.code = withdrawal ? code_name('W', rng.weighted(k_w_weights)) : code_name('C', rng.weighted(k_c_weights));
      (withdrawal ? coding.w : coding.c).push_back(m);
      if (!first_marker) first_marker = m;
      episode_end = std::max(episode_end, m.end);
      cursor = m.end + rng.between(2 * k_second, 45 * k_second);
    }
    coding.stage.push_back({first_marker->start, first_marker->end, "S1"});
    if (rng.chance(0.8)) {  // the therapist addresses the rupture
      Millis rs = first_marker->start + rng.between(3 * k_second, 60 * k_second);
      const Millis first_strategy = rs;
      const auto strategies = rng.between(1, 3);
      for (std::int64_t i = 0; i < strategies; ++i) {
        const auto& weights = kind == 1 ? k_r_after_c : k_r_after_w;
        Coded r{rs, rs + rng.between(5 * k_second, 35 * k_second), code_name('R', rng.weighted(weights))};
        coding.r.push_back(r);
        episode_end = std::max(episode_end, r.end);
        rs = r.end + rng.between(1 * k_second, 30 * k_second);
      }
      Millis ss = std::max(first_marker->end, first_strategy);
      if (rng.chance(0.15)) {  // mutual-recognition path after the marker
        const auto highest = rng.between(1, 3);
        for (std::int64_t k = 1; k <= highest; ++k) {
          Coded st{ss, ss + rng.between(10 * k_second, 60 * k_second), "MR" + std::to_string(k)};
          coding.stage.push_back(st);
          ss = st.end + rng.between(0, 20 * k_second);
        }
      } else {
        const auto highest = 2 + static_cast<int>(rng.weighted(std::array<int, 4>{30, 30, 20, 20}));
        for (int k = 2; k <= highest; ++k) {
          Coded st{ss, ss + rng.between(10 * k_second, 60 * k_second), "S" + std::to_string(k)};
          coding.stage.push_back(st);
          ss = st.end + rng.between(0, 20 * k_second);
        }
      }
      episode_end = std::max(episode_end, coding.stage.back().end);
    }
    t = episode_end + rng.between(2 * k_minute, 12 * k_minute);
  }
  (void)episodes;
  for (auto* tier : {&coding.w, &coding.c, &coding.r, &coding.stage}) {
    std::erase_if(*tier, [&](const Coded& a) { return a.start >= end_ms - k_second; });
    for (auto& a : *tier) a.end = std::min(a.end, end_ms);
  }
  rate_segments(coding, end_ms, rng, 0.1);
  return coding;
}

/// Sorts a tier and makes it valid for a top-level ELAN tier: no overlaps, no annotation
/// shorter than half a second.
void normalise_tier(std::vector<Coded>& tier, Millis end_ms) {
  std::stable_sort(tier.begin(), tier.end(), [](const Coded& a, const Coded& b) { return a.start < b.start; });
  std::vector<Coded> out;
  for (auto a : tier) {
    a.start = std::max<Millis>(a.start, 0);
    a.end = std::min(a.end, end_ms);
    if (!out.empty()) a.start = std::max(a.start, out.back().end);
    if (a.end - a.start >= 500) out.push_back(std::move(a));
  }
  tier = std::move(out);
}

std::string swap_code(const std::string& code, Random& rng) {
  // A confusable neighbour in the same family (W3 ↔ W4 is a classic disagreement).
  const char family = code[0] == 'M' ? 'M' : code[0];
  const int n = std::stoi(code.substr(family == 'M' ? 2 : 1));
  const int size = family == 'W' || family == 'C' ? 7 : family == 'R' ? 10 : family == 'S' ? 5 : 3;
  int m = n + (rng.chance(0.5) ? 1 : -1);
  if (m < 1) m = 2;
  if (m > size) m = size - 1;
  if (family == 'S' && m == 1) m = 2;  // S1 is tied to the marker, not confused with it
  return (family == 'M' ? std::string("MR") : std::string(1, family)) + std::to_string(m);
}

/// Another coder of the same session: coder A's coding with shifted boundaries, swapped codes,
/// missed and extra markers, and ratings recomputed from the coder's own codes with noise.
Coding derive_coder(const Coding& base, Millis end_ms, Random& rng) {
  Coding coding;
  // Returns, for each annotation of `from`, its counterpart in `to` (nullopt when missed).
  auto perturb = [&](const std::vector<Coded>& from, std::vector<Coded>& to, double p_miss, double p_swap) {
    std::vector<std::optional<Coded>> kept;
    for (const auto& a : from) {
      if (rng.chance(p_miss)) {
        kept.emplace_back();
        continue;
      }
      Coded b = a;
      b.start += rng.jitter(1500);
      b.end += rng.jitter(1500);
      if (rng.chance(0.05)) {  // a clearly different reading of where the marker starts
        const Millis shift = rng.between(5 * k_second, 15 * k_second) * (rng.chance(0.5) ? 1 : -1);
        b.start += shift, b.end += shift;
      }
      if (b.end - b.start < k_second) b.end = b.start + k_second;
      if (rng.chance(p_swap)) b.code = swap_code(b.code, rng);
      to.push_back(b);
      kept.emplace_back(std::move(b));
    }
    return kept;
  };
  const auto w = perturb(base.w, coding.w, 0.10, 0.08);
  const auto c = perturb(base.c, coding.c, 0.10, 0.08);
  perturb(base.r, coding.r, 0.12, 0.10);
  // S1 marks the rupture marker itself: it follows this coder's marker, or goes with it.
  std::vector<Coded> later_stages;
  for (const auto& st : base.stage)
    if (st.code != "S1") later_stages.push_back(st);
  perturb(later_stages, coding.stage, 0.10, 0.08);
  for (const auto& st : base.stage) {
    if (st.code != "S1") continue;
    for (const auto* pair : {&w, &c}) {
      const auto& from = pair == &w ? base.w : base.c;
      for (std::size_t i = 0; i < from.size(); ++i)
        if (from[i].start == st.start && from[i].end == st.end && (*pair)[i])
          coding.stage.push_back({(*pair)[i]->start, (*pair)[i]->end, "S1"});
    }
  }
  // Markers the other coder saw and coder A did not.
  const auto extra = rng.between(0, 2);
  for (std::int64_t i = 0; i < extra; ++i) {
    const Millis s = rng.between(0, std::max<Millis>(0, end_ms - 20 * k_second));
    const bool withdrawal = rng.chance(0.65);
    Coded m{s, s + rng.between(3 * k_second, 20 * k_second),
            withdrawal ? code_name('W', rng.weighted(k_w_weights)) : code_name('C', rng.weighted(k_c_weights))};
    (withdrawal ? coding.w : coding.c).push_back(std::move(m));
  }
  if (rng.chance(0.3)) {
    const Millis s = rng.between(0, std::max<Millis>(0, end_ms - 20 * k_second));
    coding.r.push_back({s, s + rng.between(5 * k_second, 20 * k_second), code_name('R', rng.weighted(k_r_after_w))});
  }
  for (auto* tier : {&coding.w, &coding.c, &coding.r, &coding.stage}) normalise_tier(*tier, end_ms);
  rate_segments(coding, end_ms, rng, 0.15);
  return coding;
}

/// The transcript: alternating turns. `density` > 1 packs proportionally more turns into the
/// same session (shorter turns, same text per turn) to grow one file to a target size.
std::vector<Turn> generate_transcript(Millis end_ms, const LanguageBank& bank, Random& rng, double density) {
  std::vector<Turn> turns;
  const auto scale = [&](Millis d) {
    return std::max<Millis>(1, static_cast<Millis>(static_cast<double>(d) / density));
  };
  bool patient = rng.chance(0.5);
  Millis t = scale(rng.between(0, 3 * k_second));
  const auto& other_banks = language_banks();
  while (true) {
    const Millis natural =
        patient ? rng.between(2 * k_second, 30 * k_second) : rng.between(1 * k_second, 14 * k_second);
    const Millis end = t + scale(natural);
    if (end > end_ms) break;
    Turn turn{patient, t, end, {}};
    const auto& pool = patient ? bank.patient : bank.therapist;
    const auto sentences = std::clamp<Millis>(natural / (5 * k_second), 1, 5);
    for (Millis i = 0; i < sentences; ++i) {
      if (!turn.text.empty()) turn.text += rng.chance(0.02) ? "\n" : " ";  // ELAN keeps multi-line values
      if (rng.chance(0.04)) {
        turn.text += bank.asides[rng.below(bank.asides.size())];
        turn.text += ' ';
      }
      if (rng.chance(0.03)) {  // a quoted phrase in another language
        const auto& other = other_banks[rng.below(other_banks.size())];
        turn.text += other.patient[rng.below(other.patient.size())];
      } else {
        turn.text += pool[rng.below(pool.size())];
      }
    }
    turns.push_back(std::move(turn));
    t = end + scale(rng.between(100, 1500));
    if (rng.chance(0.85)) patient = !patient;
  }
  return turns;
}

std::string session_name(std::size_t index, std::size_t count) {
  const std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
  std::string digits = std::to_string(index + 1);
  return "S" + std::string(width - digits.size(), '0') + digits;
}

struct GeneratorOptions {
  std::filesystem::path out_dir;
  std::size_t sessions = 3;
  std::size_t coders = 2;
  std::int64_t minutes = 50;
  double target_mb = 0;  ///< 0: natural size
  std::uint64_t seed = 1;
};

/// Each session has its own seed, so its content does not depend on how many are generated;
/// coding (+1), transcript (+2) and each derived coder (+0x100 + k) draw from separate streams.
std::uint64_t session_seed(const GeneratorOptions& opt, std::size_t index) {
  return splitmix64(opt.seed ^ splitmix64(index + 1));
}

Session make_session(const GeneratorOptions& opt, std::size_t index, double density) {
  const std::uint64_t seed = session_seed(opt, index);
  Random rng(seed);
  Session session;
  session.index = index;
  session.name = session_name(index, opt.sessions);
  // ±2 minutes around the nominal length, so the last 5-minute segment is usually shorter.
  session.end_ms = std::max<Millis>(opt.minutes * k_minute + rng.between(-2 * k_minute, 2 * k_minute), 6 * k_minute);
  session.bank = &language_banks()[rng.below(language_banks().size())];
  Random coding_rng(splitmix64(seed + 1));
  session.base = generate_base_coding(session.end_ms, coding_rng);
  Random transcript_rng(splitmix64(seed + 2));
  session.turns = generate_transcript(session.end_ms, *session.bank, transcript_rng, density);
  return session;
}

// ---- EAF 3.0 writer ------------------------------------------------------------------------

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default: out += c;
    }
  }
}

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

struct AlignedAnnotation {
  Millis start, end;
};

class EafWriter {
 public:
  EafWriter(const Session& session, const Coding& coding, std::string coder, std::uint64_t urn_seed)
      : m_session(session), m_coding(coding), m_coder(std::move(coder)), m_urn_seed(urn_seed) {}

  /// Writes the whole document; returns it with the number of bytes the transcript tiers took.
  std::string write(std::size_t& transcript_bytes) {
    collect_slots();
    std::string out;
    out.reserve(static_cast<std::size_t>(m_slot_time.size()) * 160 + m_session.turns.size() * 120 + 16384);
    write_header(out);
    write_time_order(out);
    m_next_id = 0;
    m_slot_cursor = 0;
    const auto segs = segment_bounds(m_session.end_ms);
    // 3RS_SEG and its rating children.
    open_tier(out, "3RS_SEG", "3RS_segment", nullptr, nullptr, true);
    std::vector<std::size_t> seg_ids;
    for (std::size_t i = 0; i < segs.size(); ++i) seg_ids.push_back(alignable(out, std::to_string(i + 1), nullptr));
    close_tier(out);
    write_ratings(out, "SEG_WSIG", "3RS_rating_1_5", "SCALE_1_5", seg_ids,
                  [](const SegmentRating& r) { return r.wsig; });
    write_ratings(out, "SEG_CSIG", "3RS_rating_1_5", "SCALE_1_5", seg_ids,
                  [](const SegmentRating& r) { return r.csig; });
    write_ratings(out, "SEG_RES", "3RS_rating_1_5_NA", "SCALE_1_5_NA", seg_ids,
                  [](const SegmentRating& r) { return r.res; });
    write_coded(out, "3RS_W", "3RS_withdrawal", "3RS_W_CODES", "patient", m_coding.w);
    write_coded(out, "3RS_C", "3RS_confrontation", "3RS_C_CODES", "patient", m_coding.c);
    write_coded(out, "3RS_R", "3RS_resolution", "3RS_R_CODES", "therapist", m_coding.r);
    write_coded(out, "STAGE", "3RS_stage", "STAGES", nullptr, m_coding.stage);
    open_tier(out, "SESSION", "3RS_session", nullptr, nullptr, true);
    alignable(out,
              "SES_WSIG=" + std::to_string(m_coding.ses_wsig) + ";SES_CSIG=" + std::to_string(m_coding.ses_csig) +
                  ";SES_TCONTRIB=" + std::to_string(m_coding.ses_tcontrib) +
                  ";SES_RES=" + std::to_string(m_coding.ses_res),
              nullptr);
    close_tier(out);
    const std::size_t before = out.size();
    for (const bool patient : {true, false}) {
      open_tier(out, patient ? "Patient" : "Therapist", "utterance", patient ? "patient" : "therapist", nullptr, false,
                m_session.bank->lang_id);
      for (const auto& turn : m_session.turns)
        if (turn.patient == patient) alignable(out, turn.text, nullptr);
      close_tier(out);
    }
    transcript_bytes = out.size() - before;
    write_footer(out);
    return out;
  }

 private:
  // Alignable annotations in the order they are written, and their slots: 2 per annotation.
  void collect_slots() {
    std::vector<AlignedAnnotation> ann;
    for (const auto& [s, e] : segment_bounds(m_session.end_ms)) ann.push_back({s, e});
    for (const auto* tier : {&m_coding.w, &m_coding.c, &m_coding.r, &m_coding.stage})
      for (const auto& a : *tier) ann.push_back({a.start, a.end});
    ann.push_back({0, m_session.end_ms});
    for (const bool patient : {true, false})
      for (const auto& t : m_session.turns)
        if (t.patient == patient) ann.push_back({t.start, t.end});
    m_slot_time.clear();
    for (const auto& a : ann) m_slot_time.push_back(a.start), m_slot_time.push_back(a.end);
    // ELAN writes TIME_ORDER sorted by time and numbers the slots in that order.
    std::vector<std::size_t> order(m_slot_time.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return m_slot_time[a] < m_slot_time[b]; });
    m_slot_rank.assign(order.size(), 0);
    for (std::size_t rank = 0; rank < order.size(); ++rank) m_slot_rank[order[rank]] = rank + 1;
    m_slot_order = std::move(order);
  }

  std::size_t annotation_count() const { return m_slot_time.size() / 2 + 3 * segment_bounds(m_session.end_ms).size(); }

  void write_header(std::string& out) const {
    Random urn(m_urn_seed);
    const std::string uuid = uuid_from(urn.raw(), urn.raw());
    const std::size_t day = m_session.index % 28 + 1;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<ANNOTATION_DOCUMENT AUTHOR=\"";
    append_escaped(out, m_coder, true);
    out += "\" DATE=\"2024-03-";
    if (day < 10) out += '0';
    append_int(out, static_cast<std::int64_t>(day));
    out +=
        "T10:00:00+01:00\" FORMAT=\"3.0\" VERSION=\"3.0\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv3.0.xsd\">\n";
    out += "    <HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n";
    out += "        <MEDIA_DESCRIPTOR MEDIA_URL=\"file:///data/rapport-synthetic/" + m_session.name +
           ".mp4\" MIME_TYPE=\"video/mp4\" RELATIVE_MEDIA_URL=\"./" + m_session.name + ".mp4\"/>\n";
    out += "        <PROPERTY NAME=\"URN\">urn:nl-mpi-tools-elan-eaf:" + uuid + "</PROPERTY>\n";
    out += "        <PROPERTY NAME=\"lastUsedAnnotationId\">";
    append_int(out, static_cast<std::int64_t>(annotation_count()));
    out += "</PROPERTY>\n    </HEADER>\n";
  }

  void write_time_order(std::string& out) const {
    out += "    <TIME_ORDER>\n";
    for (std::size_t rank = 0; rank < m_slot_order.size(); ++rank) {
      out += "        <TIME_SLOT TIME_SLOT_ID=\"ts";
      append_int(out, static_cast<std::int64_t>(rank + 1));
      out += "\" TIME_VALUE=\"";
      append_int(out, m_slot_time[m_slot_order[rank]]);
      out += "\"/>\n";
    }
    out += "    </TIME_ORDER>\n";
  }

  void open_tier(std::string& out, std::string_view id, std::string_view type, const char* participant,
                 const char* parent, bool coded, std::string_view lang = {}) const {
    out += "    <TIER";
    if (coded) {
      out += " ANNOTATOR=\"";
      append_escaped(out, m_coder, true);
      out += '"';
    }
    if (!lang.empty()) out += " LANG_REF=\"" + std::string(lang) + "\"";
    out += " LINGUISTIC_TYPE_REF=\"" + std::string(type) + "\"";
    if (parent) out += " PARENT_REF=\"" + std::string(parent) + "\"";
    if (participant) out += " PARTICIPANT=\"" + std::string(participant) + "\"";
    out += " TIER_ID=\"" + std::string(id) + "\">\n";
  }
  static void close_tier(std::string& out) { out += "    </TIER>\n"; }

  /// Writes the next alignable annotation (its slots were reserved in collect_slots order).
  std::size_t alignable(std::string& out, std::string_view value, const std::string* cve) {
    const std::size_t id = ++m_next_id;
    out += "        <ANNOTATION>\n            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a";
    append_int(out, static_cast<std::int64_t>(id));
    if (cve) out += "\" CVE_REF=\"" + *cve;
    out += "\" TIME_SLOT_REF1=\"ts";
    append_int(out, static_cast<std::int64_t>(m_slot_rank[m_slot_cursor++]));
    out += "\" TIME_SLOT_REF2=\"ts";
    append_int(out, static_cast<std::int64_t>(m_slot_rank[m_slot_cursor++]));
    out += "\">\n                <ANNOTATION_VALUE>";
    append_escaped(out, value, false);
    out += "</ANNOTATION_VALUE>\n            </ALIGNABLE_ANNOTATION>\n        </ANNOTATION>\n";
    return id;
  }

  template <typename Field>
  void write_ratings(std::string& out, std::string_view tier, std::string_view type, std::string_view cv,
                     const std::vector<std::size_t>& parents, Field field) {
    open_tier(out, tier, type, nullptr, "3RS_SEG", true);
    for (std::size_t i = 0; i < parents.size(); ++i) {
      const int v = field(m_coding.segments[i]);
      const std::string value = v == 0 ? std::string("NA") : std::to_string(v);
      out += "        <ANNOTATION>\n            <REF_ANNOTATION ANNOTATION_ID=\"a";
      append_int(out, static_cast<std::int64_t>(++m_next_id));
      out += "\" ANNOTATION_REF=\"a";
      append_int(out, static_cast<std::int64_t>(parents[i]));
      out += "\" CVE_REF=\"" + cve_id(cv, value) + "\">\n                <ANNOTATION_VALUE>" + value +
             "</ANNOTATION_VALUE>\n            </REF_ANNOTATION>\n        </ANNOTATION>\n";
    }
    close_tier(out);
  }

  void write_coded(std::string& out, std::string_view tier, std::string_view type, std::string_view cv,
                   const char* participant, const std::vector<Coded>& codes) {
    open_tier(out, tier, type, participant, nullptr, true);
    for (const auto& a : codes) {
      const std::string cve = cve_id(cv, a.code);
      alignable(out, a.code, &cve);
    }
    close_tier(out);
  }

  void write_footer(std::string& out) const {
    const auto lt = [&](std::string_view id, const char* constraint, const char* cv) {
      out += "    <LINGUISTIC_TYPE";
      if (constraint) out += " CONSTRAINTS=\"" + std::string(constraint) + "\"";
      if (cv) out += " CONTROLLED_VOCABULARY_REF=\"" + std::string(cv) + "\"";
      out += " GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"" + std::string(id) + "\" TIME_ALIGNABLE=\"" +
             (constraint ? "false" : "true") + "\"/>\n";
    };
    lt("3RS_segment", nullptr, nullptr);
    lt("3RS_rating_1_5", "Symbolic_Association", "SCALE_1_5");
    lt("3RS_rating_1_5_NA", "Symbolic_Association", "SCALE_1_5_NA");
    lt("3RS_withdrawal", nullptr, "3RS_W_CODES");
    lt("3RS_confrontation", nullptr, "3RS_C_CODES");
    lt("3RS_resolution", nullptr, "3RS_R_CODES");
    lt("3RS_stage", nullptr, "STAGES");
    lt("3RS_session", nullptr, nullptr);
    lt("utterance", nullptr, nullptr);
    out +=
        "    <LANGUAGE LANG_DEF=\"http://cdb.iso.org/lg/CDB-00138502-001\" LANG_ID=\"eng\" LANG_LABEL=\"English "
        "(eng)\"/>\n";
    out += "    <LANGUAGE LANG_DEF=\"https://iso639-3.sil.org/code/" + std::string(m_session.bank->lang_id) +
           "\" LANG_ID=\"" + std::string(m_session.bank->lang_id) + "\" LANG_LABEL=\"" +
           std::string(m_session.bank->label) + "\"/>\n";
    out +=
        "    <CONSTRAINT DESCRIPTION=\"Time subdivision of parent annotation's time interval, no time gaps allowed "
        "within this interval\" STEREOTYPE=\"Time_Subdivision\"/>\n"
        "    <CONSTRAINT DESCRIPTION=\"Symbolic subdivision of a parent annotation. Annotations refering to the "
        "same parent are ordered\" STEREOTYPE=\"Symbolic_Subdivision\"/>\n"
        "    <CONSTRAINT DESCRIPTION=\"1-1 association with a parent annotation\" "
        "STEREOTYPE=\"Symbolic_Association\"/>\n"
        "    <CONSTRAINT DESCRIPTION=\"Time alignable annotations within the parent annotation's time interval, "
        "gaps are allowed\" STEREOTYPE=\"Included_In\"/>\n";
    for (const auto& cv : controlled_vocabularies()) {
      out += "    <CONTROLLED_VOCABULARY CV_ID=\"" + std::string(cv.id) + "\">\n";
      out += "        <DESCRIPTION LANG_REF=\"eng\">";
      append_escaped(out, cv.description, false);
      out += "</DESCRIPTION>\n";
      for (const auto& e : cv.entries) {
        out += "        <CV_ENTRY_ML CVE_ID=\"" + cve_id(cv.id, e.value) + "\">\n";
        out += "            <CVE_VALUE DESCRIPTION=\"";
        append_escaped(out, e.description, true);
        out += "\" LANG_REF=\"eng\">";
        append_escaped(out, e.value, false);
        out += "</CVE_VALUE>\n        </CV_ENTRY_ML>\n";
      }
      out += "    </CONTROLLED_VOCABULARY>\n";
    }
    out += "</ANNOTATION_DOCUMENT>\n";
  }

  const Session& m_session;
  const Coding& m_coding;
  std::string m_coder;
  std::uint64_t m_urn_seed;
  std::vector<Millis> m_slot_time;
  std::vector<std::size_t> m_slot_order;
  std::vector<std::size_t> m_slot_rank;
  std::size_t m_slot_cursor = 0;
  std::size_t m_next_id = 0;
};

/// Writes `data` to `path` through a temporary name, so an interrupted run leaves no half file.
bool write_file(const std::filesystem::path& path, const std::string& data) {
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return false;
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!f) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

const char* const k_usage =
    "usage: rapport_generate_sessions --out DIR [--sessions N] [--coders 1|2|3] [--minutes M]\n"
    "                                 [--target-mb MB] [--seed S]\n"
    "Writes synthetic 3RS-coded ELAN files <session>_<coder>.eaf (deterministic for given options).\n"
    "  --sessions N    sessions to write (default 3)\n"
    "  --coders K      coders per session, coderA..coderC (default 2; 1 for single-coder benchmarks)\n"
    "  --minutes M     nominal session length in minutes, each session varies by +-2 (default 50)\n"
    "  --target-mb MB  grow each file to about MB megabytes (10^6 bytes) with a denser transcript\n"
    "  --seed S        64-bit seed (default 1)\n";

std::optional<GeneratorOptions> parse_args(int argc, char** argv) {
  GeneratorOptions opt;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::optional<std::string_view> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string_view(argv[++i]);
    };
    auto number = [&](auto& target) {
      const auto v = value();
      if (!v) return false;
      const auto res = std::from_chars(v->data(), v->data() + v->size(), target);
      return res.ec == std::errc{} && res.ptr == v->data() + v->size();
    };
    bool ok = true;
    if (arg == "--out") {
      const auto v = value();
      ok = v.has_value();
      if (ok) opt.out_dir = std::string(*v);
    } else if (arg == "--sessions") {
      ok = number(opt.sessions) && opt.sessions > 0;
    } else if (arg == "--coders") {
      ok = number(opt.coders) && opt.coders >= 1 && opt.coders <= 3;
    } else if (arg == "--minutes") {
      ok = number(opt.minutes) && opt.minutes >= 6 && opt.minutes <= 24 * 60;
    } else if (arg == "--target-mb") {
      const auto v = value();
      ok = v.has_value();
      if (ok) {
        char* end = nullptr;
        const std::string s(*v);
        opt.target_mb = std::strtod(s.c_str(), &end);
        ok = end && *end == '\0' && opt.target_mb > 0 && opt.target_mb < 100000;
      }
    } else if (arg == "--seed") {
      ok = number(opt.seed);
    } else if (arg == "--help" || arg == "-h") {
      std::cout << k_usage;
      std::exit(0);
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "rapport_generate_sessions: bad or incomplete argument '" << arg << "'\n" << k_usage;
      return std::nullopt;
    }
  }
  if (opt.out_dir.empty()) {
    std::cerr << "rapport_generate_sessions: --out is required\n" << k_usage;
    return std::nullopt;
  }
  return opt;
}

std::string render(const Session& session, const Coding& coding, std::size_t coder, const GeneratorOptions& opt,
                   std::size_t& transcript_bytes) {
  const std::string coder_name = std::string("coder") + static_cast<char>('A' + coder);
  EafWriter writer(session, coding, coder_name, splitmix64(opt.seed ^ splitmix64((session.index + 1) * 8 + coder)));
  return writer.write(transcript_bytes);
}

}  // namespace

int main(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv);
  if (!parsed) return 2;
  const GeneratorOptions& opt = *parsed;
  std::error_code ec;
  std::filesystem::create_directories(opt.out_dir, ec);
  if (ec) {
    std::cerr << "rapport_generate_sessions: cannot create " << opt.out_dir << ": " << ec.message() << '\n';
    return 2;
  }
  std::uint64_t total_bytes = 0;
  std::size_t files = 0;
  for (std::size_t index = 0; index < opt.sessions; ++index) {
    double density = 1.0;
    Session session = make_session(opt, index, density);
    std::vector<Coding> codings{session.base};
    for (std::size_t k = 1; k < opt.coders; ++k) {
      Random rng(splitmix64(session_seed(opt, index) + 0x100 + k));
      codings.push_back(derive_coder(session.base, session.end_ms, rng));
    }
    if (opt.target_mb > 0) {
      // Measure what the transcript costs at the current density, then regenerate the transcript
      // (only) with the density that brings coder A's file to the target. Ids and times get
      // longer as the file grows, so a few rounds are needed to land within about 1%.
      const double target = opt.target_mb * 1e6;
      for (int round = 0; round < 4; ++round) {
        std::size_t transcript = 0;
        const std::string probe = render(session, codings[0], 0, opt, transcript);
        const double size = static_cast<double>(probe.size());
        if (std::abs(size - target) < 0.01 * target || (density <= 1.0 && size > target)) break;
        const double fixed = size - static_cast<double>(transcript);
        density = std::max(1.0, density * (target - fixed) / std::max(1.0, static_cast<double>(transcript)));
        Random transcript_rng(splitmix64(session_seed(opt, index) + 2));
        session.turns = generate_transcript(session.end_ms, *session.bank, transcript_rng, density);
      }
    }
    for (std::size_t k = 0; k < opt.coders; ++k) {
      std::size_t transcript = 0;
      const std::string doc = render(session, codings[k], k, opt, transcript);
      const auto path = opt.out_dir / (session.name + "_coder" + static_cast<char>('A' + k) + ".eaf");
      if (!write_file(path, doc)) {
        std::cerr << "rapport_generate_sessions: cannot write " << path << '\n';
        return 2;
      }
      total_bytes += doc.size();
      ++files;
    }
  }
  std::cerr << "rapport_generate_sessions: wrote " << files << " files, " << total_bytes << " bytes, to "
            << opt.out_dir.string() << '\n';
  return 0;
}
