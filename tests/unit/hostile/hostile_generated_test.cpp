// SPDX-License-Identifier: MIT
// Hostile inputs made by the test in a temporary folder, because they are big, depend on the
// machine, or cannot live in git: truncations of a real coded file at every 1/20 of its length,
// 10,000-deep nesting, a 500 MB text node, a folder named like a file, an unreadable file (also
// as root), symlink loops, a FIFO, and network traps (a listening port on 127.0.0.1 that must
// never see a connection).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <map>

#include "child_process.hpp"
#include "input_bounds.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace rapport::test;

namespace {

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string valid_minimal() { return read_whole(data_dir() / "eaf" / "valid_minimal.eaf"); }

/// valid_minimal.eaf with its annotation value replaced by `value`.
std::string with_value(std::string_view value) {
  std::string s = valid_minimal();
  const std::string old = "<ANNOTATION_VALUE>W1</ANNOTATION_VALUE>";
  s.replace(s.find(old), old.size(), "<ANNOTATION_VALUE>" + std::string(value) + "</ANNOTATION_VALUE>");
  return s;
}

/// The diagnostics of `check --format json`, grouped by file.
std::map<std::string, std::vector<boost::json::object>> by_file(const std::string& json) {
  std::map<std::string, std::vector<boost::json::object>> out;
  boost::system::error_code ec;
  const auto doc = boost::json::parse(json, ec);
  if (ec) return out;
  for (const auto& d : doc.at("diagnostics").as_array())
    out[std::string(d.at("file").as_string())].push_back(d.as_object());
  return out;
}

std::string rule_of(const boost::json::object& d) { return std::string(d.at("rule").as_string()); }
std::string message_of(const boost::json::object& d) { return std::string(d.at("message").as_string()); }

}  // namespace

TEST_CASE("truncations of a coded file at every 1/20 of its length: one XML error each, batch goes on",
          "[hostile][generated]") {
  const TempDir dir("truncations");
  const std::string full = read_whole(source_dir() / "samples" / "S01_coderA.eaf");
  REQUIRE(full.size() > 10000);
  std::vector<std::string> names;
  for (int k = 0; k < 20; ++k) {
    char name[64];
    std::snprintf(name, sizeof name, "truncated_at_%02dpct.eaf", k * 5);
    write_file(dir / name, std::string_view(full).substr(0, full.size() * static_cast<std::size_t>(k) / 20));
    names.push_back(name);
  }
  fs::copy_file(source_dir() / "samples" / "S01_coderB.eaf", dir / "S01_coderB.eaf");
  const ChildResult r = run_rapport({"check", "--format", "json", "."}, dir.path(), input_bounds());
  check_input_bounds(r);
  CHECK(r.exit_code == 1);
  auto found = by_file(r.out);
  for (const auto& name : names) {
    INFO(name);
    const auto& diagnostics = found["./" + name];
    // Exactly one error, the XML one (nothing after the cut is reported: elan.md).
    std::vector<boost::json::object> errors;
    for (const auto& d : diagnostics)
      if (d.at("severity").as_string() == "error") errors.push_back(d);
    REQUIRE(errors.size() == 1);
    INFO(message_of(errors[0]));
    CHECK(rule_of(errors[0]) == "xml-not-well-formed");
    CHECK(errors[0].at("line").as_int64() >= 1);
    CHECK(message_of(errors[0]).ends_with("(a truncated or hand-edited file? ELAN cannot open it either)"));
  }
  // The good file beside them is read and checked: none of its diagnostics is an XML or I/O one.
  for (const auto& d : found["./S01_coderB.eaf"]) {
    CHECK_FALSE(rule_of(d).starts_with("xml-"));
    CHECK_FALSE(rule_of(d).starts_with("io-"));
  }
  boost::system::error_code ec;
  const auto doc = boost::json::parse(r.out, ec);
  REQUIRE_FALSE(ec);
  CHECK(doc.at("summary").at("files").as_int64() == 21);
}

TEST_CASE("10,000-deep element nesting is read within bounds", "[hostile][generated]") {
  const TempDir dir("deep");
  std::string open, close;
  for (int i = 0; i < 10000; ++i) {
    open += "<x>";
    close += "</x>";
  }
  write_file(dir / "deep_nesting_in_value.eaf", with_value(open + close));
  // The same depth as children of the root, where tiers belong.
  std::string s = valid_minimal();
  s.insert(s.find("<TIME_ORDER>"), open + close + "\n");
  write_file(dir / "deep_nesting_under_root.eaf", s);
  for (const char* file : {"deep_nesting_in_value.eaf", "deep_nesting_under_root.eaf"}) {
    INFO(file);
    const ChildResult r = run_rapport({"check", file}, dir.path(), input_bounds());
    check_input_bounds(r);
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    CHECK(r.out.find("checked 1 file against 3rs-2015") != std::string::npos);
  }
}

TEST_CASE("reader: 10,000-deep nesting inside a value or under the root is diagnosed", "[hostile]") {
  // Both files were read without a word (unknown elements skipped silently). Now: one error
  // eaf-element-in-value at the value (line 11 of valid_minimal.eaf), and one warning
  // eaf-unknown-element at the first <x> under the root (line 4, where TIME_ORDER was): once per
  // value or unknown subtree, not once per nested element.
  const TempDir dir("deep-diag");
  std::string open, close;
  for (int i = 0; i < 10000; ++i) {
    open += "<x>";
    close += "</x>";
  }
  write_file(dir / "deep_nesting_in_value.eaf", with_value(open + close));
  std::string s = valid_minimal();
  s.insert(s.find("<TIME_ORDER>"), open + close + "\n");
  write_file(dir / "deep_nesting_under_root.eaf", s);
  const ChildResult r =
      run_rapport({"check", "--format", "json", "deep_nesting_in_value.eaf", "deep_nesting_under_root.eaf"}, dir.path(),
                  input_bounds());
  check_input_bounds(r);
  CHECK(r.exit_code == 1);  // the element in the value is an error
  auto found = by_file(r.out);
  std::map<std::string, std::vector<std::int64_t>> in_value, under_root;
  for (const auto& d : found["deep_nesting_in_value.eaf"]) in_value[rule_of(d)].push_back(d.at("line").as_int64());
  for (const auto& d : found["deep_nesting_under_root.eaf"]) under_root[rule_of(d)].push_back(d.at("line").as_int64());
  CHECK(in_value["eaf-element-in-value"] == std::vector<std::int64_t>{11});
  CHECK(in_value.count("eaf-unknown-element") == 0);
  CHECK(under_root["eaf-unknown-element"] == std::vector<std::int64_t>{4});
}

TEST_CASE("reader: a 500 MB text node is refused in bounded memory", "[hostile][slow]") {
  // Was (release, 2026-11-22): exit 0 with no diagnostic; peak RSS 546 MB before the text arena
  // (f400b27), 1,048 MB after it (twice the text). Now the reader stops keeping text at
  // ReadOptions::max_text_bytes (16 MiB) and refuses the file: error eaf-text-too-long at the
  // value (line 11 of valid_minimal.eaf), exit 1, under check_input_bounds' 200 MB.
  const TempDir dir("huge-text");
  {
    const std::string doc = with_value("@@");
    const auto at = doc.find("@@");
    std::ofstream out(dir / "text_node_500mb.eaf", std::ios::binary);
    out << doc.substr(0, at);
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 500; ++i) out << chunk;
    out << doc.substr(at + 2);
  }
  Limits l = input_bounds();
  l.cpu_seconds = 60;
  l.wall_seconds = 180;
  const ChildResult r = run_rapport({"check", "--format", "json", "text_node_500mb.eaf"}, dir.path(), l);
  check_input_bounds(r);
  CHECK(r.exit_code == 1);
  const auto found = by_file(r.out);
  REQUIRE(found.count("text_node_500mb.eaf") == 1);
  bool refused = false;
  for (const auto& d : found.at("text_node_500mb.eaf"))
    refused = refused || (rule_of(d) == "eaf-text-too-long" && d.at("line").as_int64() == 11);
  CHECK(refused);
}

TEST_CASE("a folder where a file should be", "[hostile][generated]") {
  const TempDir dir("folder-as-file");
  fs::create_directory(dir / "some_dir.eaf");
  fs::copy_file(source_dir() / "samples" / "S01_coderA.eaf", dir / "S01_coderA.eaf");
  SECTION("inspect names it") {
    const ChildResult r = run_rapport({"inspect", "some_dir.eaf"}, dir.path(), input_bounds());
    check_input_bounds(r);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("  some_dir.eaf: error[io-is-directory]: this is a folder, not an ELAN file\n") !=
          std::string::npos);
  }
  SECTION("check some_dir.eaf/ is a folder with no files: an error, not a clean run") {
    // A mistyped path to an empty folder must not pass a lab's CI as "checked 0 files".
    for (const std::string command : {"check", "stages", "agree"}) {
      const ChildResult r = run_rapport({command, "some_dir.eaf/"}, dir.path(), input_bounds());
      check_input_bounds(r);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err == "rapport " + command + ": no .eaf file in some_dir.eaf/\n");
    }
    const ChildResult r = run_rapport({"report", "some_dir.eaf/", "-o", "out"}, dir.path(), input_bounds());
    CHECK(r.exit_code == 2);
    CHECK(r.err == "rapport report: no .eaf file in some_dir.eaf/\n");
    CHECK_FALSE(fs::exists(dir / "out"));
  }
  SECTION("a folder named .eaf inside a project folder does not stop the batch") {
    const ChildResult r = run_rapport({"check", "--format", "json", "."}, dir.path(), input_bounds());
    check_input_bounds(r);
    boost::system::error_code ec;
    const auto doc = boost::json::parse(r.out, ec);
    REQUIRE_FALSE(ec);
    CHECK(doc.at("summary").at("files").as_int64() == 1);
  }
}

TEST_CASE("an unreadable file is diagnosed with the reason and exit 2, also when running as root",
          "[hostile][generated]") {
  const TempDir dir("unreadable");
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  fs::copy_file(source_dir() / "samples" / "S01_coderA.eaf", dir / "S01_coderA.eaf");
  fs::copy_file(source_dir() / "samples" / "S01_coderB.eaf", dir / "S01_coderB.eaf");
  fs::permissions(dir / "S01_coderB.eaf", fs::perms::none);
  Limits l = input_bounds();
  // Root reads files whatever their mode: then the child runs as nobody, for whom mode 000 holds.
  l.drop_root = mode_bits_are_ignored(dir.path());
  if (l.drop_root && ::geteuid() != 0) {
    report_skip("file modes are ignored for this user (a capability) and it is not root, so it cannot drop it");
    return;
  }
  const ChildResult r = run_rapport({"check", "S01_coderA.eaf", "S01_coderB.eaf"}, dir.path(), l);
  check_input_bounds(r);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("S01_coderB.eaf: error[io-unreadable]: cannot open the file: Permission denied\n") !=
        std::string::npos);
  CHECK(r.out.find("checked 2 files against 3rs-2015") != std::string::npos);
}

TEST_CASE("symlink loops in a project folder end, and the good file is still checked", "[hostile][generated]") {
  const TempDir dir("symlinks");
  fs::copy_file(source_dir() / "samples" / "S01_coderA.eaf", dir / "S01_coderA.eaf");
  fs::create_directory_symlink(".", dir / "loop");            // a folder that contains itself
  fs::create_directory_symlink("../sub", dir / "sub_dummy");  // dangling
  fs::create_symlink("self.eaf", dir / "self.eaf");           // ELOOP
  fs::create_symlink("ping_B.eaf", dir / "ping_A.eaf");       // A -> B -> A
  fs::create_symlink("ping_A.eaf", dir / "ping_B.eaf");
  const ChildResult r = run_rapport({"check", "--format", "json", "."}, dir.path(), input_bounds());
  check_input_bounds(r);
  boost::system::error_code ec;
  const auto doc = boost::json::parse(r.out, ec);
  REQUIRE_FALSE(ec);
  bool good_checked = false;
  for (const auto& f : doc.at("files").as_array())
    good_checked = good_checked || f.at("file").as_string() == "./S01_coderA.eaf";
  CHECK(good_checked);
}

TEST_CASE("reader: symlink loops are diagnosed as loops, not skipped or called missing", "[hostile]") {
  // collect_eaf_files dropped a looping .eaf silently from a folder, and given by name the reader
  // said "no such file" (io-not-found) for ELOOP. Now both name it (io-symlink-loop, an I/O
  // problem: exit 2 as for an unreadable file), and the good file beside it is still checked.
  const TempDir dir("symlinks-diag");
  fs::create_symlink("self.eaf", dir / "self.eaf");
  fs::copy_file(source_dir() / "samples" / "S01_coderA.eaf", dir / "S01_coderA.eaf");
  const std::string line =
      "self.eaf: error[io-symlink-loop]: a symbolic link loop (ELOOP): the link leads back to itself and never "
      "reaches a file\n";
  const ChildResult named = run_rapport({"check", "self.eaf", "S01_coderA.eaf"}, dir.path(), input_bounds());
  check_input_bounds(named);
  CHECK(named.exit_code == 2);
  CHECK(named.out.find("io-not-found") == std::string::npos);
  CHECK(named.out.find(line) != std::string::npos);
  CHECK(named.out.find("checked 2 files against 3rs-2015") != std::string::npos);
  const ChildResult folder = run_rapport({"check", "."}, dir.path(), input_bounds());
  check_input_bounds(folder);
  CHECK(folder.exit_code == 2);
  CHECK(folder.out.find("./" + line) != std::string::npos);
  CHECK(folder.out.find("checked 2 files against 3rs-2015") != std::string::npos);
}

TEST_CASE("a FIFO in the project folder or on the command line never hangs", "[hostile][generated]") {
  const TempDir dir("fifo");
  fs::copy_file(source_dir() / "samples" / "S01_coderA.eaf", dir / "S01_coderA.eaf");
  REQUIRE(::mkfifo((dir / "pipe.eaf").c_str(), 0644) == 0);
  Limits l = input_bounds();
  l.wall_seconds = 30;
  SECTION("in a folder: skipped, the good file checked") {
    const ChildResult r = run_rapport({"check", "."}, dir.path(), l);
    check_input_bounds(r);
    CHECK(r.out.find("checked 1 file against 3rs-2015") != std::string::npos);
  }
  SECTION("named: io-not-a-file, exit 2") {
    const ChildResult r = run_rapport({"check", "pipe.eaf", "S01_coderA.eaf"}, dir.path(), l);
    check_input_bounds(r);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("pipe.eaf: error[io-not-a-file]: not a regular file\n") != std::string::npos);
  }
  SECTION("as the codebook, the project file or a CSV, fed hostile bytes by a writer (<(...) style)") {
    // Reading a named pipe is a feature (process substitution: --ratings <(make_table)), so a
    // pipe that a writer feeds must be read to its end and diagnosed like a file. (A FIFO that
    // no process ever opens for writing blocks any reader, cat included; only the .eaf reader
    // refuses pipes, so that a project folder never waits.)
    REQUIRE(::mkfifo((dir / "pipe.xml").c_str(), 0644) == 0);
    REQUIRE(::mkfifo((dir / "pipe.csv").c_str(), 0644) == 0);
    const fs::path hostile = data_dir() / "hostile";
    struct Fed {
      std::vector<std::string> args;
      fs::path fifo, content;
      const char* expected;  // a line of the output
    };
    const std::vector<Fed> runs = {
        {{"codebook", "validate", "pipe.xml"},
         dir / "pipe.xml",
         hostile / "codebook_billion_laughs.xml",
         "pipe.xml:2:20: error[xml-doctype-refused]: the codebook has a document type declaration (<!DOCTYPE ...>); "
         "Rapport reads it against its XML schema and never uses a DTD or entities, so the file is not read: delete "
         "the declaration"},
        {{"check", "--project", "pipe.xml"},
         dir / "pipe.xml",
         hostile / "project_truncated.xml",
         "pipe.xml:3:21: error[xml-not-well-formed]: unexpected end of input"},
        {{"agree", "--ratings", "pipe.csv", "--level", "interval"},
         dir / "pipe.csv",
         hostile / "ratings_unterminated_quote.csv",
         "pipe.csv:2:1: error[ratings-csv-unterminated-quote]: unterminated quoted field (opened at line 2, column 6)"},
        {{"agree", "--intervals", "pipe.csv"},
         dir / "pipe.csv",
         hostile / "intervals_end_before_start_and_negative.csv",
         "pipe.csv:2:7: error[intervals-csv-order]: end_ms 100 is before start_ms 500"}};
    for (const Fed& f : runs) {
      INFO(f.args[0] << " " << f.args[1] << " " << f.args[2]);
      const std::string content = read_whole(f.content);
      std::atomic<bool> stop{false};
      std::thread writer([&] {
        // Opens for writing once the child has opened for reading (ENXIO until then).
        int fd = -1;
        while (fd < 0 && !stop) {
          fd = ::open(f.fifo.c_str(), O_WRONLY | O_NONBLOCK);
          if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (fd < 0) return;
        ::fcntl(fd, F_SETFL, 0);
        (void)!::write(fd, content.data(), content.size());
        ::close(fd);
      });
      const ChildResult r = run_rapport(f.args, dir.path(), l);
      stop = true;
      writer.join();
      check_input_bounds(r);
      CHECK(r.exit_code != 0);
      CHECK((r.out + r.err).find(std::string(f.expected) + "\n") != std::string::npos);
    }
  }
}

namespace {

/// A TCP listener on 127.0.0.1 (ephemeral port) that records whether anyone connected.
class Trap {
 public:
  Trap() {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(m_fd, 16);
    socklen_t len = sizeof addr;
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
  }
  ~Trap() { ::close(m_fd); }
  Trap(const Trap&) = delete;
  Trap& operator=(const Trap&) = delete;
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }
  /// Connections waiting to be accepted (a fetch would have connected by the time the child ends).
  int connections() const {
    int n = 0;
    while (true) {
      const int c = ::accept(m_fd, nullptr, nullptr);
      if (c < 0) break;
      ::close(c);
      ++n;
    }
    return n;
  }

 private:
  int m_fd = -1;
  int m_port = 0;
};

}  // namespace

TEST_CASE("network traps: DTDs, entities and XInclude on a listening 127.0.0.1 port are never fetched",
          "[hostile][generated]") {
  const Trap trap;
  const TempDir dir("network-trap");
  const std::string head = R"(<?xml version="1.0" encoding="UTF-8"?>)";
  std::string body = valid_minimal().substr(head.size());
  write_file(dir / "dtd_http.eaf",
             head + "\n<!DOCTYPE ANNOTATION_DOCUMENT SYSTEM \"" + trap.url("/x.dtd") + "\">" + body);
  write_file(dir / "entity_http.eaf", head + "\n<!DOCTYPE ANNOTATION_DOCUMENT [<!ENTITY e SYSTEM \"" + trap.url("/e") +
                                          "\">]>" + with_value("&e;").substr(head.size()));
  write_file(dir / "parameter_entity_http.eaf",
             head + "\n<!DOCTYPE ANNOTATION_DOCUMENT [<!ENTITY % p SYSTEM \"" + trap.url("/p") + "\"> %p;]>" + body);
  write_file(dir / "xinclude_http.eaf", with_value(R"(<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href=")" +
                                                   trap.url("/xi") + R"(" parse="text"/>)"));
  write_file(
      dir / "schema_location_http.eaf",
      head +
          body.replace(
              body.find("<ANNOTATION_DOCUMENT "), 21,
              R"(<ANNOTATION_DOCUMENT xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation=")" +
                  trap.url("/EAFv3.0.xsd") + "\" "));
  const std::string codebook = read_whole(data_dir() / "codebook" / "minimal_valid.xml");
  write_file(dir / "codebook_dtd_http.xml",
             head + "\n<!DOCTYPE codebook SYSTEM \"" + trap.url("/c.dtd") + "\">" + codebook.substr(head.size()));
  write_file(
      dir / "project_entity_http.xml",
      head + "\n<!DOCTYPE project [<!ENTITY e SYSTEM \"" + trap.url("/p") +
          "\">]>\n<project xmlns=\"urn:rapport:project\" schema_version=\"1.0\"><file path=\"&e;\"/></project>\n");
  for (const auto& args : std::vector<std::vector<std::string>>{{"check", "--offline", "."},
                                                                {"check", "."},
                                                                {"inspect", "--annotations", "entity_http.eaf"},
                                                                {"codebook", "validate", "codebook_dtd_http.xml"},
                                                                {"check", "--project", "project_entity_http.xml"}}) {
    std::string text;
    for (const auto& a : args) text += a + " ";
    INFO(text);
    const ChildResult r = run_rapport(args, dir.path(), input_bounds());
    check_input_bounds(r);
    CHECK(r.exit_code != 0);
    CHECK(trap.connections() == 0);
  }
}

TEST_CASE("intervals: times of 2^63-1 ms are refused before they can overflow gamma", "[hostile]") {
  // Was UBSan: engine/src/intervals/gamma.cpp signed integer overflow (pivot shift on a continuum
  // of 0..INT64_MAX); the CSV reader now refuses times above 2^53 - 1 ms.
  const TempDir dir("intervals-int64");
  write_file(dir / "intervals_int64_max.csv",
             "rater,start_ms,end_ms,category\nA,0,9223372036854775807,x\nB,0,9223372036854775807,x\n"
             "A,9223372036854775806,9223372036854775807,y\n");
  const ChildResult r = run_rapport({"agree", "--intervals", "intervals_int64_max.csv"}, dir.path(), input_bounds());
  check_input_bounds(r);
  CHECK(r.err.find("runtime error") == std::string::npos);
  CHECK(r.err.find("intervals_int64_max.csv:2:5: error[intervals-csv-time]: end_ms 9223372036854775807 is beyond "
                   "the largest time accepted (9007199254740991 ms, about 285,000 years)") != std::string::npos);
  CHECK(r.exit_code == 2);
}
