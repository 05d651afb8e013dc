// SPDX-License-Identifier: MIT
// The stages run's spool (engine/src/stages/coded_spool.hpp): every field of a coding reads back
// as written, in memory and in the temporary file, records read in any order and between writes.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "stages/coded_spool.hpp"
#include "temporary_folder.hpp"

using namespace rapport;
using namespace rapport::stages;
using rapport::test::open_files_in;
using rapport::test::TmpdirSet;
using namespace std::string_literals;

namespace {

check::SourceLocation where(const std::string& tier, std::int64_t line) { return {tier, line, line * 7 + 3}; }

/// A coding with every field set, none to its default; `n` varies the values.
FileSessions::Coded full(int n) {
  const std::string k = std::to_string(n);
  FileSessions::Coded c;
  c.data.file = "dir/S" + k + "_coderA.eaf";
  c.data.session = "S" + k;
  c.data.coder = "coderA" + k;
  c.data.events.push_back({"W2", "withdrawal", true, 1000 + n, 2000 + n, where("3RS_W", 10 + n)});
  c.data.events.push_back({"x\0y"s, "", false, -5, 1LL << 40, where("3RS_R", 11)});
  check::CodedSegment seg;
  seg.label = "1";
  seg.start_ms = 0;
  seg.end_ms = 300000 + n;
  seg.ratings["SEG_WSIG"] = {3 + n, false};
  seg.ratings["SEG_RES"] = {std::nullopt, true};
  seg.ratings["SEG_X"] = {-2, true};
  seg.where = where("3RS_SEG", 20 + n);
  c.data.segments.push_back(seg);
  c.data.segments.push_back({"2", 300000, 600000, {}, where("3RS_SEG", 21)});
  c.data.session_ratings["SES_RES"] = {4 + n, false};
  c.data.session_ratings["SES_NA"] = {std::nullopt, true};
  c.data.stages.push_back({"S1", 1000, 1500 + n, where("3RS_STAGE", 30 + n)});
  c.participants.patient = "P" + k;
  c.participants.therapist = "T" + k;
  return c;
}

void same(const check::SourceLocation& a, const check::SourceLocation& b) {
  CHECK(a.tier == b.tier);
  CHECK(a.line == b.line);
  CHECK(a.column == b.column);
}

void same(const check::Ratings& a, const check::Ratings& b) {
  REQUIRE(a.size() == b.size());
  for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y) {
    CHECK(x->first == y->first);
    CHECK(x->second.value == y->second.value);
    CHECK(x->second.na == y->second.na);
  }
}

void same(const check::CodedEvent& x, const check::CodedEvent& y) {
  CHECK(x.code == y.code);
  CHECK(x.family == y.family);
  CHECK(x.known == y.known);
  CHECK(x.start_ms == y.start_ms);
  CHECK(x.end_ms == y.end_ms);
  same(x.where, y.where);
}

void same(const check::CodedSegment& x, const check::CodedSegment& y) {
  CHECK(x.label == y.label);
  CHECK(x.start_ms == y.start_ms);
  CHECK(x.end_ms == y.end_ms);
  same(x.ratings, y.ratings);
  same(x.where, y.where);
}

void same(const check::StageMark& x, const check::StageMark& y) {
  CHECK(x.stage == y.stage);
  CHECK(x.start_ms == y.start_ms);
  CHECK(x.end_ms == y.end_ms);
  same(x.where, y.where);
}

template <class T>
void same(const std::vector<T>& a, const std::vector<T>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) same(a[i], b[i]);
}

void same(const FileSessions::Coded& a, const FileSessions::Coded& b) {
  CHECK(a.data.file == b.data.file);
  CHECK(a.data.session == b.data.session);
  CHECK(a.data.coder == b.data.coder);
  same(a.data.events, b.data.events);
  same(a.data.segments, b.data.segments);
  same(a.data.session_ratings, b.data.session_ratings);
  same(a.data.stages, b.data.stages);
  CHECK(a.participants.patient == b.participants.patient);
  CHECK(a.participants.therapist == b.participants.therapist);
}

}  // namespace

TEST_CASE("a coding reads back from the spool field for field", "[stages][spool]") {
  for (const Spool where_to : {Spool::memory, Spool::temporary_file}) {
    INFO("spool " << (where_to == Spool::memory ? "memory" : "temporary file"));
    detail::CodedSpool spool(where_to);
    REQUIRE(spool.error().empty());
    FileSessions::Coded empty;
    FileSessions::Coded one_participant = full(2);
    one_participant.participants.therapist.reset();
    const auto r1 = spool.put(full(1));
    const auto r2 = spool.put(empty);
    // Read between writes: the next write goes after the last record, not where the read ended.
    same(spool.get(r1), full(1));
    const auto r3 = spool.put(one_participant);
    same(spool.get(r3), one_participant);
    same(spool.get(r2), empty);
    same(spool.get(r1), full(1));
    CHECK(r2.offset == r1.offset + r1.size);
    CHECK(r3.offset == r2.offset + r2.size);
    CHECK(spool.error().empty());
  }
}

TEST_CASE("the spool's temporary file is in TMPDIR and has no name there", "[stages][spool]") {
  namespace fs = std::filesystem;
  const rapport::test::TempDir folder("spool-test");
  const fs::path& dir = folder.path();
  {
    const TmpdirSet tmpdir(dir.string());
    detail::CodedSpool spool(Spool::temporary_file);
    REQUIRE(spool.in_file());
    const auto ref = spool.put(full(1));
    same(spool.get(ref), full(1));
    // Open in TMPDIR, but already unlinked: nothing is left there even if the process is killed.
    const auto open = open_files_in(dir);
    REQUIRE(open.size() == 1);
    CHECK(open[0].target.starts_with((dir / "rapport-stages-").string()));
    CHECK(open[0].target.ends_with(" (deleted)"));
    CHECK(fs::is_empty(dir));
  }
  CHECK(open_files_in(dir).empty());
}

TEST_CASE("without a usable temporary folder the spool keeps the codings in memory", "[stages][spool]") {
  const TmpdirSet tmpdir("/nonexistent/rapport-no-such-folder");
  detail::CodedSpool spool(Spool::temporary_file);
  CHECK_FALSE(spool.in_file());
  const auto r1 = spool.put(full(1));
  const auto r2 = spool.put(full(2));
  same(spool.get(r2), full(2));
  same(spool.get(r1), full(1));
  CHECK(spool.error().empty());
}

TEST_CASE("a temporary file that cannot grow moves to memory and loses nothing", "[stages][spool]") {
  // A full disk, as fault_injection_test.cpp makes one: a file-size limit on this process, with
  // SIGXFSZ ignored so that a write past it fails (EFBIG) instead of ending the process.
  const std::size_t record = detail::CodedSpool(Spool::memory).put(full(1)).size;
  rlimit old{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = static_cast<rlim_t>(record * 5 / 2);  // room for two records and part of a third
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  {
    detail::CodedSpool spool(Spool::temporary_file);
    REQUIRE(spool.in_file());
    std::vector<detail::CodedSpool::Ref> refs;
    for (int n = 1; n <= 6; ++n) {
      refs.push_back(spool.put(full(n)));
      // The third record does not fit: from then on the spool is in memory.
      CHECK(spool.in_file() == (n < 3));
    }
    REQUIRE(spool.error().empty());
    for (int n = 6; n >= 1; --n) same(spool.get(refs[static_cast<std::size_t>(n - 1)]), full(n));
    CHECK(spool.error().empty());
  }
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &old) == 0);
  std::signal(SIGXFSZ, old_handler);
}

TEST_CASE("a spool file cut short from outside says so, instead of an error that is no error", "[stages][spool]") {
  // A short read sets no errno: the message once read "...: Success". Here the unnamed file is
  // emptied through this process's own descriptor of it, as another program holding it could.
  const rapport::test::TempDir folder("spool-cut");
  {
    const TmpdirSet tmpdir(folder.path().string());
    detail::CodedSpool spool(Spool::temporary_file);
    REQUIRE(spool.in_file());
    const auto ref = spool.put(full(1));
    const auto open = open_files_in(folder.path());
    REQUIRE(open.size() == 1);
    REQUIRE(::ftruncate(open[0].fd, 0) == 0);
    same(spool.get(ref), FileSessions::Coded{});
    // The record starts at 0 and is ref.size bytes long; the file now ends at 0.
    CHECK(spool.error() == "cannot read the temporary file of the stages analysis: it ends after 0 of " +
                               std::to_string(ref.size) + " bytes (cut short from outside?)");
  }
}
