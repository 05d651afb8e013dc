// SPDX-License-Identifier: MIT
// The ELAN recognizer bundle run exactly as ELAN runs a `local` recognizer (elan.md §3.3): the
// run attribute split on whitespace, a child process with an empty environment, the bundle
// folder as working directory, stderr merged into stdout, the parameter XML written to stdin
// and then closed (numbers as Java floats, absolute paths), stdout read line by line. Every run
// must end in exactly one RESULT line; a deadline kills a run that would hang.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
const fs::path bundle = RAPPORT_ELAN_BUNDLE;
const fs::path source = RAPPORT_SOURCE_DIR;

struct Run {
  std::vector<std::string> lines;
  bool timed_out = false;
  int exit_code = -1;
};

/// The run attribute of a descriptor, e.g. "./rapport-elan.sh check".
std::string run_command(const std::string& cmdi) {
  std::ifstream in(bundle / cmdi);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::smatch m;
  REQUIRE(std::regex_search(text, m, std::regex(R"re(runLinux="([^"]*)")re")));
  return m[1].str();
}

/// The stdin ELAN writes: one <param> per line, values XML-escaped.
std::string parameter_xml(const std::vector<std::pair<std::string, std::string>>& params) {
  const auto escape = [](const std::string& s) {
    std::string out;
    for (char c : s) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
    return out;
  };
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PARAM xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:noNamespaceSchemaLocation=\"file:avatech-call.xsd\">\n"
      "<param name=\"InvocationContext\"><id> 2024-05-01 10:00:00+0200</param>\n";
  for (const auto& [name, value] : params) xml += "<param name=\"" + name + "\">" + escape(value) + "</param>\n";
  return xml + "</PARAM>\n";
}

Run run_recognizer(const std::string& cmdi, const std::vector<std::pair<std::string, std::string>>& params) {
  std::istringstream split(run_command(cmdi));
  std::vector<std::string> argv_text{std::istream_iterator<std::string>(split), {}};
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* envp[] = {nullptr};

  int to_child[2], from_child[2];
  REQUIRE(pipe(to_child) == 0);
  REQUIRE(pipe(from_child) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(to_child[0], 0);
    dup2(from_child[1], 1);
    dup2(from_child[1], 2);
    close(to_child[1]);
    close(from_child[0]);
    if (chdir(bundle.c_str()) != 0) _exit(127);
    execve(argv[0], argv.data(), envp);
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  const std::string xml = parameter_xml(params);
  signal(SIGPIPE, SIG_IGN);
  [[maybe_unused]] const auto written = write(to_child[1], xml.data(), xml.size());
  close(to_child[1]);

  Run run;
  std::string pending;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      run.timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    pollfd fd{from_child[0], POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left)) <= 0) continue;
    char buffer[4096];
    const ssize_t n = read(from_child[0], buffer, sizeof buffer);
    if (n <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(n));
    for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1))
      run.lines.push_back(pending.substr(0, nl));
  }
  if (!pending.empty()) run.lines.push_back(pending);
  close(from_child[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string joined(const Run& run) {
  std::string out;
  for (const auto& l : run.lines) out += l + '\n';
  return out;
}

/// Exactly one RESULT line, and it is the last; PROGRESS values in [0,1] and never going back.
void require_protocol(const Run& run, const std::string& result) {
  INFO(joined(run));
  REQUIRE_FALSE(run.timed_out);
  REQUIRE_FALSE(run.lines.empty());
  CHECK(run.lines.back() == result);
  CHECK(std::count_if(run.lines.begin(), run.lines.end(), [](const auto& l) { return l.starts_with("RESULT:"); }) == 1);
  double last = -1;
  for (const auto& l : run.lines)
    if (l.starts_with("PROGRESS: ")) {
      const double f = std::stod(l.substr(10));
      CHECK(f >= last);
      CHECK(f <= 1.0);
      last = f;
    }
  if (result == "RESULT: DONE.") CHECK(last == 1.0);
}

struct Span {
  std::string start, end, value;
};

/// Spans of an AVATecH TIER/TIERS output, per tier name; times must have a "." (seconds).
std::map<std::string, std::vector<Span>> read_output(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(text.find("avatech-tier") != std::string::npos);
  std::map<std::string, std::vector<Span>> out;
  const std::regex tier(R"re(<TIER\b[^>]*columns="([^"]*)"[^>]*>([\s\S]*?)</TIER>)re");
  const std::regex span(R"re(<span start="([^"]*)" end="([^"]*)"><v>([^<]*)</v></span>)re");
  for (std::sregex_iterator t(text.begin(), text.end(), tier), end; t != end; ++t) {
    auto& spans = out[(*t)[1].str()];
    const std::string body = (*t)[2].str();
    for (std::sregex_iterator s(body.begin(), body.end(), span); s != end; ++s) {
      spans.push_back({(*s)[1].str(), (*s)[2].str(), (*s)[3].str()});
      CHECK(spans.back().start.find('.') != std::string::npos);
      CHECK(spans.back().end.find('.') != std::string::npos);
    }
  }
  return out;
}

fs::path temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("rapport elan " + name + " " + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("Make segments: 20 minutes of session give four 5-minute segments", "[plugin][elan]") {
  const fs::path out = temp_dir("segments") / "segments.xml";
  const Run run = run_recognizer("rapport_segments.cmdi", {{"source", ""},
                                                           {"eaf_file", ""},
                                                           {"duration_seconds", "1200.0"},
                                                           {"segment_minutes", "5.0"},
                                                           {"segments", out.string()}});
  require_protocol(run, "RESULT: DONE.");
  const auto tiers = read_output(out);
  REQUIRE(tiers.count("Rapport segments") == 1);
  const auto& spans = tiers.at("Rapport segments");
  REQUIRE(spans.size() == 4);
  CHECK(spans[0].start == "0.000");
  CHECK(spans[0].end == "300.000");
  CHECK(spans[3].start == "900.000");
  CHECK(spans[3].end == "1200.000");
  CHECK(spans[3].value == "4");
}

TEST_CASE("Check my coding on a sample, from a folder whose name has spaces", "[plugin][elan]") {
  const fs::path dir = temp_dir("check");
  fs::copy_file(source / "samples/S01_coderA.eaf", dir / "S01_coderA.eaf");
  const Run run = run_recognizer("rapport_check.cmdi", {{"source", ""},
                                                        {"eaf_file", (dir / "S01_coderA.eaf").string()},
                                                        {"codebook", ""},
                                                        {"findings", (dir / "findings.xml").string()}});
  require_protocol(run, "RESULT: DONE.");
  CHECK(joined(run).find("Checked S01_coderA.eaf against") != std::string::npos);
  const auto tiers = read_output(dir / "findings.xml");
  CHECK(tiers.count("Rapport check") == 1);
}

TEST_CASE("Episodes and stages on the vignette: one withdrawal episode, resolved", "[plugin][elan]") {
  const fs::path out = temp_dir("stages") / "episodes.xml";
  const Run run =
      run_recognizer("rapport_stages.cmdi", {{"source", ""},
                                             {"eaf_file", (source / "samples/vignette/V01_coderA.eaf").string()},
                                             {"codebook", ""},
                                             {"episodes", out.string()}});
  require_protocol(run, "RESULT: DONE.");
  const auto tiers = read_output(out);
  REQUIRE(tiers.size() == 1);
  const auto& spans = tiers.begin()->second;
  REQUIRE(spans.size() == 1);
  INFO(spans[0].value);
  CHECK(spans[0].value.find("withdrawal") != std::string::npos);
  CHECK(spans[0].value.find("resolved") != std::string::npos);
}

TEST_CASE("Compare two coders' tiers, one written by ELAN with an unescaped &", "[plugin][elan]") {
  const fs::path out = temp_dir("compare") / "comparison.xml";
  const fs::path data = source / "tests/data/plugin";
  const Run run = run_recognizer("rapport_compare.cmdi", {{"source", ""},
                                                          {"tier_a", (data / "tier_a_unescaped.xml").string()},
                                                          {"tier_b", (data / "tier_b.xml").string()},
                                                          {"min_overlap", "60.0"},
                                                          {"comparison", out.string()}});
  require_protocol(run, "RESULT: DONE.");
  CHECK(joined(run).find("kappa") != std::string::npos);
  auto tiers = read_output(out);
  REQUIRE(tiers["Rapport agreements"].size() == 1);
  CHECK(tiers["Rapport agreements"][0].start == "1.000");
  CHECK(tiers["Rapport agreements"][0].value == "W1");
  REQUIRE(tiers["Rapport disagreements"].size() == 1);
  CHECK(tiers["Rapport disagreements"][0].start == "5.000");  // "5000" without "." is milliseconds
  CHECK(tiers["Rapport disagreements"][0].value == "A: C2 / B: W2");
  REQUIRE(tiers["Rapport unmatched"].size() == 1);
  CHECK(tiers["Rapport unmatched"][0].value == "only A: R &amp; D &lt;x&gt;");
}

TEST_CASE("Faults end in a clear message and RESULT: FAILED., never a hang", "[plugin][elan]") {
  const fs::path dir = temp_dir("faults");
  const fs::path data = source / "tests/data/plugin";
  SECTION("a missing input file") {
    const Run run = run_recognizer("rapport_check.cmdi",
                                   {{"eaf_file", (dir / "gone.eaf").string()}, {"findings", (dir / "f.xml").string()}});
    require_protocol(run, "RESULT: FAILED.");
    CHECK(joined(run).find("gone.eaf does not exist") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "f.xml"));
  }
  SECTION("an empty tier") {
    const Run run = run_recognizer("rapport_compare.cmdi", {{"tier_a", (data / "tier_empty.xml").string()},
                                                            {"tier_b", (data / "tier_b.xml").string()},
                                                            {"min_overlap", "60.0"},
                                                            {"comparison", (dir / "c.xml").string()}});
    require_protocol(run, "RESULT: FAILED.");
    CHECK(joined(run).find("first tier has no annotations") != std::string::npos);
  }
  SECTION("a file that is not 3RS coding") {
    const Run run = run_recognizer(
        "rapport_stages.cmdi", {{"eaf_file", (data / "not_3rs.eaf").string()}, {"episodes", (dir / "e.xml").string()}});
    require_protocol(run, "RESULT: FAILED.");
    CHECK(joined(run).find("has no tier of the codebook") != std::string::npos);
  }
  SECTION("a file that is not EAF at all") {
    const Run run = run_recognizer(
        "rapport_check.cmdi", {{"eaf_file", (data / "tier_b.xml").string()}, {"findings", (dir / "f.xml").string()}});
    require_protocol(run, "RESULT: FAILED.");
  }
  SECTION("a file the reader refuses without an XML error (a value over 16 MiB)") {
    // eaf-text-too-long stops the read (Document::complete is false) but is not an io- or xml-
    // rule: the recognizer must fail on it, not check a partial document.
    std::ifstream in(source / "samples/S01_coderA.eaf", std::ios::binary);
    std::string eaf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string tag = "<ANNOTATION_VALUE>";
    const auto at = eaf.find(tag);
    REQUIRE(at != std::string::npos);
    eaf.insert(at + tag.size(), std::string((std::size_t{16} << 20) + 1, 'x'));  // 16 MiB + 1 byte
    std::ofstream(dir / "huge_value.eaf", std::ios::binary) << eaf;
    const Run run = run_recognizer("rapport_check.cmdi", {{"eaf_file", (dir / "huge_value.eaf").string()},
                                                          {"findings", (dir / "f.xml").string()}});
    require_protocol(run, "RESULT: FAILED.");
    CHECK(joined(run).find("huge_value.eaf cannot be read: ") != std::string::npos);
    CHECK(joined(run).find("longer than 16777216 bytes") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "f.xml"));
  }
  SECTION("no length for the segments") {
    const Run run = run_recognizer(
        "rapport_segments.cmdi",
        {{"duration_seconds", "0.0"}, {"segment_minutes", "5.0"}, {"segments", (dir / "s.xml").string()}});
    require_protocol(run, "RESULT: FAILED.");
    CHECK(joined(run).find("session length is unknown") != std::string::npos);
  }
}
