// SPDX-License-Identifier: MIT
// rapport-elan TASK: Rapport as an ELAN `local` recognizer (../shared/domain/elan.md §3, §5.17).
// ELAN starts it with the bundle folder as working directory, no PATH and maybe a C locale,
// writes one XML document of <param> lines on stdin and closes it, and reads stdout line by
// line: `PROGRESS: f msg` lines, report lines, and exactly one `RESULT: DONE.` or
// `RESULT: FAILED.` at the end. Outputs are AVATecH TIER/TIERS XML files with times in seconds
// ("12.345"; ELAN reads a time without "." as milliseconds). TASK is one of check, compare,
// segments, stages (one .cmdi each). Only the engine's public headers are used.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "rapport/check/binding.hpp"
#include "rapport/check/check.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/intervals/elan_kappa.hpp"
#include "rapport/intervals/interval_set.hpp"
#include "rapport/stages/stages.hpp"
#include "rapport/version.hpp"
#include "recognizer_io.hpp"

namespace {

namespace fs = std::filesystem;
using Millis = std::int64_t;

/// A failure the user can act on: its message goes to the report window before RESULT: FAILED.
using rapport::elan::Failure;
using rapport::elan::read_parameters;
using rapport::elan::read_tier_file;
using rapport::elan::xml_escape;

/// Every line is flushed at once: ELAN shows progress as it arrives, and a line still in our
/// buffer when something goes wrong would be lost.
void say(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

void progress(double fraction, const std::string& message) {
  char number[16];
  std::snprintf(number, sizeof number, "%.2f", fraction);  // "%.2f" of a value in [0,1]: no locale digits
  say(std::string("PROGRESS: ") + number + ' ' + message);
}

std::optional<std::string> param(const std::map<std::string, std::string>& params, const std::string& name) {
  const auto it = params.find(name);
  if (it == params.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

/// Numbers arrive as Java floats ("300.0", "-25.0"); from_chars ignores the locale.
std::optional<double> number_param(const std::map<std::string, std::string>& params, const std::string& name) {
  const auto text = param(params, name);
  if (!text) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || ptr != text->data() + text->size())
    throw Failure("the parameter " + name + " is not a number: '" + *text + "'");
  return value;
}

fs::path input_file(const std::map<std::string, std::string>& params, const std::string& name,
                    const std::string& what) {
  const auto text = param(params, name);
  if (!text) throw Failure("no " + what + " was given (parameter " + name + ")");
  std::string path = *text;
  if (path.starts_with("file:")) path.erase(0, 5);  // ELAN strips it; older versions did not
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw Failure("the " + what + " " + path + " does not exist or is not a file");
  return path;
}

fs::path output_file(const std::map<std::string, std::string>& params, const std::string& name) {
  const auto text = param(params, name);
  if (!text) throw Failure("no output file was given (parameter " + name + ")");
  return *text;
}

/// Seconds with three decimals and a "." whatever the locale: ELAN reads "2" as 2 ms.
std::string seconds(Millis ms) {
  char text[32];
  const long long whole = ms / 1000, frac = ms % 1000;
  std::snprintf(text, sizeof text, "%s%lld.%03lld", ms < 0 ? "-" : "", whole < 0 ? -whole : whole,
                frac < 0 ? -frac : frac);
  return text;
}

struct Span {
  Millis start_ms = 0;
  Millis end_ms = 0;
  std::string value;
};

struct OutTier {
  std::string name;
  std::vector<Span> spans;
};

/// One tier as <TIER>, several as <TIERS> (elan.md §3.4). Written to a temporary name and
/// renamed, so ELAN never loads half a file; the rename also gives it a fresh mtime.
void write_tiers(const fs::path& path, const std::vector<OutTier>& tiers) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  const bool several = tiers.size() > 1;
  const std::string xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ";
  if (several) xml += "<TIERS " + xsi + "xsi:noNamespaceSchemaLocation=\"file:avatech-tiers.xsd\">\n";
  for (const auto& tier : tiers) {
    xml += several ? "<TIER columns=\"" + xml_escape(tier.name) + "\">\n"
                   : "<TIER " + xsi + "xsi:noNamespaceSchemaLocation=\"file:avatech-tier.xsd\" columns=\"" +
                         xml_escape(tier.name) + "\">\n";
    for (const auto& s : tier.spans)
      xml += "  <span start=\"" + seconds(s.start_ms) + "\" end=\"" + seconds(s.end_ms) + "\"><v>" +
             xml_escape(s.value) + "</v></span>\n";
    xml += "</TIER>\n";
  }
  if (several) xml += "</TIERS>\n";
  const fs::path temp = path.string() + ".rapport-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << xml;
    if (!out.flush()) throw Failure("cannot write " + temp.string());
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) throw Failure("cannot write " + path.string() + ": " + ec.message());
}

rapport::codebook::Codebook load_codebook(const std::map<std::string, std::string>& params) {
  std::string name(rapport::codebook::default_codebook);
  if (param(params, "codebook")) name = input_file(params, "codebook", "codebook").string();
  const auto path = rapport::codebook::resolve_codebook(name);
  if (!path)
    throw Failure("the codebook '" + name + "' is not installed next to rapport-elan (share/rapport/codebooks)");
  rapport::codebook::ReadResult read = rapport::codebook::read_codebook_file(*path);
  if (!read) {
    for (const auto& d : read.diagnostics) say(rapport::format_diagnostic(d));
    throw Failure("the codebook " + path->string() + " cannot be used");
  }
  return std::move(*read.codebook);
}

/// Reads the coder's .eaf; a file ELAN could not have saved (not XML, not EAF) or that the reader
/// did not read to the end (Document::complete, e.g. a value over the size limit) is a failure,
/// while coding problems are left to the tasks.
rapport::eaf::Document read_eaf(const fs::path& path) {
  rapport::eaf::Document doc = rapport::eaf::read_eaf_file(path);
  for (const auto& d : doc.diagnostics)
    if (d.severity == rapport::Severity::error &&
        (!doc.complete || d.rule.starts_with("io-") || d.rule.starts_with("xml-") || d.rule == "eaf-not-eaf"))
      throw Failure(path.filename().string() + " cannot be read: " + d.message);
  return doc;
}

/// A file with no tier the codebook knows is not a 3RS coding: say so instead of reporting
/// nothing.
rapport::check::Binding bind_3rs(const rapport::eaf::Document& doc, const rapport::codebook::Codebook& codebook,
                                 const fs::path& path) {
  rapport::check::Binding binding = rapport::check::bind(doc, codebook);
  if (!binding.recognised_any)
    throw Failure(path.filename().string() + " has no tier of the codebook " + codebook.id +
                  " (is it a 3RS coding file? see `rapport codebook show`)");
  return binding;
}

int run_check(const std::map<std::string, std::string>& params) {
  const fs::path eaf = input_file(params, "eaf_file", "coding file (.eaf)");
  const fs::path out = output_file(params, "findings");
  progress(0.1, "reading the codebook");
  const auto codebook = load_codebook(params);
  progress(0.3, "reading " + eaf.filename().string());
  const auto doc = read_eaf(eaf);
  bind_3rs(doc, codebook, eaf);
  progress(0.6, "checking");
  rapport::check::Checker checker(codebook);
  checker.add(doc);
  const rapport::check::CheckResult result = checker.take();
  OutTier tier{"Rapport check", {}};
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : result.diagnostics) {
    say(rapport::format_diagnostic(d));
    errors += d.severity == rapport::Severity::error;
    warnings += d.severity == rapport::Severity::warning;
    if (d.start_ms && d.end_ms)
      tier.spans.push_back({*d.start_ms, std::max(*d.end_ms, *d.start_ms + 1),
                            std::string(rapport::to_string(d.severity)) + " [" + d.rule + "]: " + d.message});
  }
  std::stable_sort(tier.spans.begin(), tier.spans.end(),
                   [](const Span& a, const Span& b) { return a.start_ms < b.start_ms; });
  write_tiers(out, {tier});
  say("Checked " + eaf.filename().string() + " against " + codebook.id + ": " + std::to_string(errors) + " error(s), " +
      std::to_string(warnings) + " warning(s); " + std::to_string(tier.spans.size()) +
      " finding(s) on the tier 'Rapport check'.");
  return 0;
}

int run_compare(const std::map<std::string, std::string>& params) {
  const fs::path first_path = input_file(params, "tier_a", "first coder's tier");
  const fs::path second_path = input_file(params, "tier_b", "second coder's tier");
  const fs::path out = output_file(params, "comparison");
  const double overlap = number_param(params, "min_overlap").value_or(60.0);
  if (!(overlap >= 51 && overlap <= 100)) throw Failure("the minimal overlap must be between 51 and 100 %");
  progress(0.2, "reading the two tiers");
  rapport::intervals::ElanTierPair pair;
  pair.group = "ELAN";
  pair.first_label = "coder A";
  pair.second_label = "coder B";
  pair.first = read_tier_file(first_path);
  pair.second = read_tier_file(second_path);
  if (pair.first.empty() || pair.second.empty())
    throw Failure(std::string("the ") + (pair.first.empty() ? "first" : "second") +
                  " tier has no annotations: pick two coded tiers");
  progress(0.5, "linking annotations (minimal overlap " + std::to_string(static_cast<int>(overlap)) + "%)");
  rapport::intervals::ElanOptions options;
  options.min_overlap = overlap / 100.0;
  const rapport::intervals::ElanKappaResult result = rapport::intervals::elan_modified_kappa({pair}, options);
  OutTier agree{"Rapport agreements", {}}, disagree{"Rapport disagreements", {}}, unmatched{"Rapport unmatched", {}};
  const auto& pr = result.pairs.front();
  for (const auto& link : pr.links) {
    const auto& a = pair.first[link.first];
    const auto& b = pair.second[link.second];
    const Span span{std::min(a.start_ms, b.start_ms), std::max(a.end_ms, b.end_ms),
                    a.category == b.category ? a.category : "A: " + a.category + " / B: " + b.category};
    (a.category == b.category ? agree : disagree).spans.push_back(span);
  }
  for (auto i : pr.unmatched_first)
    unmatched.spans.push_back({pair.first[i].start_ms, pair.first[i].end_ms, "only A: " + pair.first[i].category});
  for (auto i : pr.unmatched_second)
    unmatched.spans.push_back({pair.second[i].start_ms, pair.second[i].end_ms, "only B: " + pair.second[i].category});
  for (auto* tier : {&agree, &disagree, &unmatched})
    std::stable_sort(tier->spans.begin(), tier->spans.end(),
                     [](const Span& x, const Span& y) { return x.start_ms < y.start_ms; });
  write_tiers(out, {agree, disagree, unmatched});
  const auto& g = result.global;
  const auto pct = [](std::optional<double> v) {
    if (!v) return std::string("undefined");
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", *v);
    return std::string(text);
  };
  say("Agreement (ELAN modified kappa, Holle & Rein): kappa " + pct(g.kappa_ipf) + ", raw agreement " +
      pct(g.raw_agreement) + " over " + std::to_string(g.annotations) + " annotations.");
  say(std::to_string(agree.spans.size()) + " agreement(s), " + std::to_string(disagree.spans.size()) +
      " disagreement(s), " + std::to_string(unmatched.spans.size()) + " unmatched annotation(s).");
  return 0;
}

int run_segments(const std::map<std::string, std::string>& params) {
  const fs::path out = output_file(params, "segments");
  const auto codebook = load_codebook(params);
  Millis length = codebook.segmentation.length_ms;
  if (const auto minutes = number_param(params, "segment_minutes")) length = static_cast<Millis>(*minutes * 60000.0);
  if (length <= 0) throw Failure("the segment length must be more than 0 minutes");
  Millis duration = 0;
  if (const auto s = number_param(params, "duration_seconds"); s && *s > 0) duration = static_cast<Millis>(*s * 1000.0);
  if (duration == 0 && param(params, "eaf_file")) {
    const fs::path eaf = input_file(params, "eaf_file", "coding file (.eaf)");
    progress(0.3, "reading " + eaf.filename().string());
    const auto doc = read_eaf(eaf);
    // The media length is not in the .eaf: the last time slot is the best it knows.
    for (const auto& slot : doc.time_slots)
      if (slot.value) duration = std::max(duration, *slot.value);
  }
  if (duration <= 0)
    throw Failure("the session length is unknown: give the duration in seconds, or the saved .eaf file");
  progress(0.6, "making segments");
  OutTier tier{"Rapport segments", {}};
  for (Millis start = 0, n = 1; start < duration; start += length, ++n)
    tier.spans.push_back({start, std::min(duration, start + length), std::to_string(n)});
  write_tiers(out, {tier});
  say("Made " + std::to_string(tier.spans.size()) + " segment(s) of " + seconds(length) + " s over " +
      seconds(duration) + " s.");
  return 0;
}

int run_stages(const std::map<std::string, std::string>& params) {
  const fs::path eaf = input_file(params, "eaf_file", "coding file (.eaf)");
  const fs::path out = output_file(params, "episodes");
  progress(0.1, "reading the codebook");
  const auto codebook = load_codebook(params);
  progress(0.3, "reading " + eaf.filename().string());
  const auto doc = read_eaf(eaf);
  bind_3rs(doc, codebook, eaf);
  progress(0.6, "finding rupture episodes and stages");
  rapport::stages::StagesRun run(codebook);
  run.add(doc);
  const rapport::stages::StagesResult result = run.finish();
  std::vector<OutTier> tiers;
  std::size_t episodes = 0;
  for (const auto& session : result.sessions) {
    OutTier tier{session.coder.empty() ? "Rapport episodes" : "Rapport episodes " + session.coder, {}};
    for (const auto& e : session.episodes) {
      std::string value = e.id + " " + std::string(rapport::stages::to_string(e.type));
      if (const auto* p = e.primary(); p && !p->highest_stage.empty())
        value += ", stage " + p->highest_stage + " (" + std::to_string(p->highest_rank) + " of " +
                 std::to_string(p->stage_count) + ")";
      else
        value += ", no stage reached";
      value += ", " + std::string(rapport::stages::to_string(e.outcome));
      tier.spans.push_back({e.start_ms, std::max(e.end_ms, e.start_ms + 1), value});
      say(session.coder + " " + value + " [" + seconds(e.start_ms) + " - " + seconds(e.end_ms) + "]");
    }
    episodes += tier.spans.size();
    tiers.push_back(std::move(tier));
  }
  if (tiers.empty()) tiers.push_back({"Rapport episodes", {}});
  write_tiers(out, tiers);
  say("Found " + std::to_string(episodes) + " rupture episode(s) in " + eaf.filename().string() + ".");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Everything below may fail; whatever happens, the last line is one RESULT line, so ELAN
  // never waits for an end that does not come and never shows a crash dialog.
  try {
    const std::string task = argc > 1 ? argv[1] : "";
    const auto params = read_parameters(std::cin);
    progress(0.0, "Rapport " RAPPORT_VERSION_STRING " " + task);
    int rc = 0;
    if (task == "check")
      rc = run_check(params);
    else if (task == "compare")
      rc = run_compare(params);
    else if (task == "segments")
      rc = run_segments(params);
    else if (task == "stages")
      rc = run_stages(params);
    else
      throw Failure("unknown task '" + task + "' (the .cmdi run command names check, compare, segments or stages)");
    progress(1.0, "done");
    say(rc == 0 ? "RESULT: DONE." : "RESULT: FAILED.");
    return rc;
  } catch (const Failure& e) {
    say(std::string("ERROR: ") + e.what());
  } catch (const std::exception& e) {
    say(std::string("ERROR: internal error: ") + e.what());
  } catch (...) {
    say("ERROR: internal error");
  }
  say("RESULT: FAILED.");
  return 1;
}
