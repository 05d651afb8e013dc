// SPDX-License-Identifier: MIT
// The agreement's packed codings (rapport/reliability/packed_codings.hpp): every field reads back
// as added, in memory and in an unnamed temporary file; a file that cannot grow moves to memory;
// a file cut short from outside stops the analysis with a message, from whichever worker thread
// meets it first.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>

#include "rapport/codebook/reader.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/reliability/packed_codings.hpp"
#include "rapport/reliability/project.hpp"
#include "rapport/reliability/reliability.hpp"
#include "temporary_folder.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace rapport;
using Catch::Matchers::Contains;

namespace {

/// A coding with 2 events, 2 segments and 3 ratings (2 of the first segment, 1 of the session),
/// every field set; `n` varies the values.
check::CodedSessionData coding(int n) {
  check::CodedSessionData d;
  d.events.push_back({"W" + std::to_string(n), "withdrawal", true, 1000 + n, 4000 + n, {"3RS_W", 40 + n, 7}});
  d.events.push_back({"Zz", "confrontation", false, -5, 1LL << 40, {"3RS_C", 41, 9 + n}});
  check::CodedSegment seg{"1", 0, 300000 + n, {}, {"3RS_SEG", 30, 5}};
  seg.ratings["SEG_WSIG"] = {3 + n, false};
  seg.ratings["SEG_CSIG"] = {std::nullopt, true};
  d.segments.push_back(seg);
  d.segments.push_back({"2", 300000, 420000, {}, {"3RS_SEG", 31, 5}});  // no ratings
  d.session_ratings["ALLIANCE"] = {5 - n, false};
  return d;
}

void same(const check::CodedSessionData& g, const check::CodedSessionData& w) {
  REQUIRE(g.events.size() == w.events.size());
  for (std::size_t i = 0; i < w.events.size(); ++i) {
    const auto &a = g.events[i], &b = w.events[i];
    CHECK((a.code == b.code && a.family == b.family && a.known == b.known && a.start_ms == b.start_ms &&
           a.end_ms == b.end_ms && a.where.tier == b.where.tier && a.where.line == b.where.line &&
           a.where.column == b.where.column));
  }
  REQUIRE(g.segments.size() == w.segments.size());
  for (std::size_t i = 0; i < w.segments.size(); ++i) {
    const auto &a = g.segments[i], &b = w.segments[i];
    CHECK((a.label == b.label && a.start_ms == b.start_ms && a.end_ms == b.end_ms && a.where.tier == b.where.tier &&
           a.where.line == b.where.line && a.where.column == b.where.column));
    REQUIRE(a.ratings.size() == b.ratings.size());
    for (auto x = a.ratings.begin(), y = b.ratings.begin(); x != a.ratings.end(); ++x, ++y)
      CHECK((x->first == y->first && x->second.value == y->second.value && x->second.na == y->second.na));
  }
  REQUIRE(g.session_ratings.size() == w.session_ratings.size());
  for (auto x = g.session_ratings.begin(), y = w.session_ratings.begin(); x != g.session_ratings.end(); ++x, ++y)
    CHECK((x->first == y->first && x->second.value == y->second.value && x->second.na == y->second.na));
}

}  // namespace

TEST_CASE("packed codings read back field for field, in memory and in an unnamed temporary file",
          "[reliability][packed]") {
  const test::TempDir folder("packed-test");
  const test::TmpdirSet tmpdir(folder.path().string());
  for (const Spool where : {Spool::memory, Spool::temporary_file}) {
    INFO((where == Spool::memory ? "memory" : "temporary file"));
    reliability::PackedCodings packed(where);
    CHECK(packed.in_file() == (where == Spool::temporary_file));
    check::CodedSessionData empty;
    CHECK(packed.add(coding(1)) == 0);
    CHECK(packed.add(empty) == 1);
    CHECK(packed.add(coding(2)) == 2);
    CHECK(packed.size() == 3);
    // Any order, into a coding that already holds something: unpack() replaces, not appends.
    check::CodedSessionData got = coding(7);
    packed.unpack(2, got);
    same(got, coding(2));
    packed.unpack(1, got);
    same(got, empty);
    packed.unpack(0, got);
    same(got, coding(1));
    // The file is open in TMPDIR under no name: nothing is left there even if the process is killed.
    const auto open = test::open_files_in(folder.path());
    CHECK(open.size() == (where == Spool::temporary_file ? 1U : 0U));
    for (const auto& f : open) CHECK(f.target.starts_with((folder.path() / "rapport-agreement-").string()));
    CHECK(fs::is_empty(folder.path()));
  }
}

TEST_CASE("a packed-codings file that cannot grow moves to memory and loses nothing", "[reliability][packed]") {
  // A full disk as in the stages spool's test: a file-size limit, SIGXFSZ ignored. The record of
  // coding(n) is 24 bytes of counts + 2 events x 48 + 2 segments x 48 + 3 ratings x 16 = 264
  // bytes (the fixed-size fields of packed_codings.hpp, padded to 8); a limit of 660 bytes holds
  // two records (528) and refuses the third (792).
  rlimit old{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = 660;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  {
    reliability::PackedCodings packed(Spool::temporary_file);
    REQUIRE(packed.in_file());
    for (int n = 1; n <= 6; ++n) {
      packed.add(coding(n));
      CHECK(packed.in_file() == (n < 3));
    }
    check::CodedSessionData got;
    for (int n = 6; n >= 1; --n) {
      packed.unpack(static_cast<std::size_t>(n - 1), got);
      same(got, coding(n));
    }
  }
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &old) == 0);
  std::signal(SIGXFSZ, old_handler);
}

TEST_CASE("a packed-codings file cut short from outside stops the analysis with a message", "[reliability][packed]") {
  const auto cb = codebook::read_codebook_file(test::source_dir() / "codebooks" / "3rs-2015.xml");
  REQUIRE(cb);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(test::data_dir() / "reliability" / "hand"))
    if (e.path().extension() == ".eaf") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const test::TempDir folder("packed-cut");
  const test::TmpdirSet tmpdir(folder.path().string());
  reliability::ProjectBuilder builder(*cb.codebook, nullptr, Spool::temporary_file);
  for (const auto& d : eaf::read_eaf_files(files, {}, 1)) builder.add(d);
  const reliability::Project project = builder.finish();
  REQUIRE(project.codings.in_file());
  REQUIRE(project.sessions.size() == 3);  // S01-S03 paired (hand_project_test.cpp)
  const auto open = test::open_files_in(folder.path());
  REQUIRE(open.size() == 1);
  REQUIRE(::ftruncate(open[0].fd, 0) == 0);
  CHECK_THROWS_WITH(project.load(project.sessions[0]),
                    Contains("cannot read the temporary file of the agreement analysis: it ends after 0 of"));
  // The time-aligned level unpacks sessions on two worker threads: the failure reaches the
  // caller as the same exception, not std::terminate from a thread.
  reliability::ReliabilityOptions options;
  options.threads = 2;
  CHECK_THROWS_WITH(reliability::analyse(project, *cb.codebook, options),
                    Contains("cannot read the temporary file of the agreement analysis: it ends after 0 of"));
}
