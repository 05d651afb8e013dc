// SPDX-License-Identifier: MIT
// The stream the EAF reader parses a file through (engine/src/eaf/utf8_checked_input.hpp): it
// hands the parser exactly the file's bytes up to the first one that is not UTF-8, whatever the
// sizes the parser asks for, and the reader's diagnostics for a file equal those for the same
// bytes in memory (which are checked whole before the parse).
#include <catch2/catch.hpp>
#include <xercesc/util/BinInputStream.hpp>
#include <xercesc/util/PlatformUtils.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "eaf/utf8_checked_input.hpp"
#include "rapport/eaf/reader.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using rapport::eaf::detail::first_invalid_utf8_in_file;
using rapport::eaf::detail::OpenFile;
using rapport::eaf::detail::Utf8CheckedFileSource;
using rapport::eaf::detail::Utf8CheckState;

namespace {

/// Valid UTF-8 of every length: 1 byte (a), 2 (U+00E4), 3 (U+20AC), 4 (U+1F600), in a random
/// order with a fixed seed, `count` characters.
std::string mixed_utf8(std::size_t count, unsigned seed) {
  const char* const forms[] = {"a", "\xC3\xA4", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
  std::mt19937 engine(seed);
  std::string s;
  for (std::size_t i = 0; i < count; ++i) s += forms[engine() % 4];
  return s;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("rapport-utf8-stream-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary | std::ios::trunc) << bytes;
    return path / name;
  }
};

/// Everything the stream hands on, asked for `request` bytes at a time.
std::string read_through(const fs::path& file, std::size_t request, Utf8CheckState& state) {
  xercesc::XMLPlatformUtils::Initialize();  // counted: the reader's own Initialize calls stay balanced
  std::string out;
  {
    OpenFile opened(file);
    REQUIRE(opened);
    Utf8CheckedFileSource source(opened, file, nullptr, state);
    std::unique_ptr<xercesc::BinInputStream> stream(source.makeStream());
    REQUIRE(stream);
    std::vector<XMLByte> buffer(request);
    for (XMLSize_t n; (n = stream->readBytes(buffer.data(), request)) > 0;) {
      REQUIRE(n <= request);
      out.append(reinterpret_cast<const char*>(buffer.data()), n);
      CHECK(stream->curPos() == out.size());
    }
  }
  xercesc::XMLPlatformUtils::Terminate();
  return out;
}

std::string valid_minimal() {
  std::ifstream in(rapport::test::data_dir() / "eaf" / "valid_minimal.eaf", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("the checked stream hands on every byte of valid UTF-8, whatever the request size", "[eaf][encoding]") {
  const TempDir dir;
  // 5,000 characters of 1-4 bytes: sequences fall across every request boundary below.
  const std::string content = mixed_utf8(5000, 7);
  const fs::path file = dir.write("valid.txt", content);
  for (const std::size_t request : {4, 5, 7, 13, 4096, 48 * 1024}) {
    INFO("request " << request);
    Utf8CheckState state;
    CHECK(read_through(file, request, state) == content);
    CHECK(state.at_end);
    CHECK_FALSE(state.invalid_at);
    CHECK(state.read_error == 0);
    CHECK(state.delivered == content.size());
  }
}

TEST_CASE("the checked stream stops just before the first byte that is not UTF-8", "[eaf][encoding]") {
  const TempDir dir;
  const std::string valid = mixed_utf8(3000, 11);
  // An FF (never UTF-8) at offsets around request boundaries, and a 4-byte form missing its last
  // byte (F0 9F 98 then "a") in the middle: each is found at its own offset.
  for (const std::string& bad : {std::string("\xFF"), std::string("\xF0\x9F\x98") + "a"}) {
    for (const std::size_t at : {std::size_t{0}, std::size_t{6}, std::size_t{7}, std::size_t{1001}}) {
      // Cut the valid text at a character boundary at or after `at`.
      std::size_t cut = at;
      while (cut < valid.size() && (static_cast<unsigned char>(valid[cut]) & 0xC0) == 0x80) ++cut;
      const std::string content = valid.substr(0, cut) + bad + valid.substr(cut);
      const fs::path file = dir.write("bad.txt", content);
      for (const std::size_t request : {4, 7, 4096}) {
        INFO("bad byte at " << cut << ", request " << request);
        Utf8CheckState state;
        CHECK(read_through(file, request, state) == content.substr(0, cut));
        REQUIRE(state.invalid_at);
        CHECK(*state.invalid_at == cut);
        CHECK(state.delivered == cut);
        CHECK(first_invalid_utf8_in_file(file, 0) == cut);
      }
    }
  }
}

TEST_CASE("a sequence cut off by the end of the file is handed on for the parser to call a truncation",
          "[eaf][encoding]") {
  const TempDir dir;
  const std::string content = "abc\xF0\x9F\x98";  // U+1F600 without its last byte
  const fs::path file = dir.write("cut.txt", content);
  Utf8CheckState state;
  CHECK(read_through(file, 4096, state) == content);
  CHECK_FALSE(state.invalid_at);
  CHECK_FALSE(first_invalid_utf8_in_file(file, 0));
}

TEST_CASE("a sequence cut off by the end is found by the last bytes alone", "[eaf][encoding]") {
  using rapport::eaf::detail::cut_utf8_sequence_at_end;
  const TempDir dir;
  struct Case {
    std::string bytes;
    std::optional<std::size_t> cut;
  };
  const std::vector<Case> cases = {
      {"abc\xF0\x9F\x98", 3},              // U+1F600 without its last byte
      {"abc\xC3", 3},                      // a lone lead byte at the end
      {"abc\xC3\xA4", std::nullopt},       // complete
      {"\xF0\x9F\x98\x80xyz\xE2\x82", 7},  // the last 7 bytes start inside a sequence
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(c.bytes.size() << " bytes");
    CHECK(cut_utf8_sequence_at_end(std::string_view(c.bytes)) == c.cut);
    CHECK(cut_utf8_sequence_at_end(dir.write("tail.txt", c.bytes)) == c.cut);
  }
}

TEST_CASE("the rest of a file is checked from an offset, in blocks, across block boundaries", "[eaf][encoding]") {
  const TempDir dir;
  // 40,000 characters of 1-4 bytes (about 100 KB): the 64 KiB block boundary splits whatever
  // sequence is there; an FF after them is the only bad byte.
  const std::string valid = mixed_utf8(40000, 3);
  REQUIRE(valid.size() > 65536 + 4);
  const fs::path file = dir.write("rest.txt", valid + "\xFF" + "z");
  CHECK(first_invalid_utf8_in_file(file, 0) == valid.size());
  CHECK(first_invalid_utf8_in_file(file, 10) == valid.size());
  CHECK(first_invalid_utf8_in_file(file, valid.size()) == valid.size());
  CHECK_FALSE(first_invalid_utf8_in_file(file, valid.size() + 1));
}

TEST_CASE("a file and the same bytes in memory give the same xml-bad-encoding, wherever the byte is",
          "[eaf][encoding][hostile]") {
  const TempDir dir;
  const std::string base = valid_minimal();
  const std::string value = "<ANNOTATION_VALUE>W1</ANNOTATION_VALUE>";
  struct Case {
    const char* what;
    std::string bytes;
    std::size_t offset;  // of the bad byte
    std::int64_t line, column;
  };
  std::vector<Case> cases;
  {
    // In the value, after "W": offset 476, line 11, column 20 (untrusted_input_test.cpp).
    std::string s = base;
    s.replace(s.find(value), value.size(), "<ANNOTATION_VALUE>W\xF5\x80\x80\x80X</ANNOTATION_VALUE>");
    cases.push_back({"F5 in a value", s, 476, 11, 20});
  }
  {
    // After the root element, in a comment on a line of its own: the parser has finished the
    // document when the stream meets the byte. "<!-- " is 5 bytes, so the FF is at column 6.
    std::string s = base + "<!-- \xFF -->\n";
    const std::size_t offset = base.size() + 5;
    const auto line = static_cast<std::int64_t>(std::count(base.begin(), base.end(), '\n') + 1);
    cases.push_back({"FF in a comment after the root element", s, offset, line, 6});
  }
  {
    // A tag that is never closed on line 2 stops the parse long before the byte, which is at
    // the end of the file after a 100,000-byte value (past the parser's first 48 KiB read):
    // still only the encoding is reported, as when the whole file is checked first.
    std::string s = base;
    s.insert(s.find('\n') + 1, "<ANNOTATION_DOCUMENT_BROKEN");
    const std::string filler(100000, 'x');
    s.replace(s.find(value), value.size(), "<ANNOTATION_VALUE>" + filler + "\xC0\xAF</ANNOTATION_VALUE>");
    const std::size_t offset = s.find('\xC0');
    const std::string before = s.substr(0, offset);
    const auto line = static_cast<std::int64_t>(std::count(before.begin(), before.end(), '\n') + 1);
    const auto column = static_cast<std::int64_t>(offset - (before.rfind('\n') + 1) + 1);
    cases.push_back({"an overlong after a syntax error", s, offset, line, column});
  }
  for (const Case& c : cases) {
    INFO(c.what);
    const fs::path file = dir.write("bad.eaf", c.bytes);
    const auto from_file = rapport::eaf::read_eaf_file(file);
    const auto from_memory = rapport::eaf::read_eaf_memory(c.bytes, file.string());
    for (const auto* doc : {&from_file, &from_memory}) {
      REQUIRE(doc->diagnostics.size() == 1);
      const auto& d = doc->diagnostics[0];
      CHECK(d.rule == "xml-bad-encoding");
      CHECK(d.line == c.line);
      CHECK(d.column == c.column);
      CHECK(d.message.find("at offset " + std::to_string(c.offset) + ")") != std::string::npos);
      CHECK(doc->tiers.empty());
      CHECK_FALSE(doc->complete);
    }
    CHECK(from_file.diagnostics[0].message == from_memory.diagnostics[0].message);
  }
}

TEST_CASE("the file is opened once: its head is peeked at without moving the stream's position", "[eaf][utf8]") {
  const TempDir dir;
  const std::string bytes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + mixed_utf8(3000, 11);
  const fs::path file = dir.write("head.eaf", bytes);
  xercesc::XMLPlatformUtils::Initialize();
  {
    OpenFile opened(file);
    REQUIRE(opened);
    CHECK(opened.head(10) == bytes.substr(0, 10));
    CHECK(opened.head(10) == bytes.substr(0, 10));    // pread: the position stays at 0
    CHECK(opened.head(bytes.size() + 100) == bytes);  // a short file gives what it has
    Utf8CheckState state;
    Utf8CheckedFileSource source(opened, file, nullptr, state);
    std::string read;
    for (int pass = 0; pass < 2; ++pass) {
      // The first stream takes the open descriptor (the file is then no longer open in `opened`);
      // a second stream, which Xerces does not ask for in one parse, opens the path again.
      std::unique_ptr<xercesc::BinInputStream> stream(source.makeStream());
      REQUIRE(stream);
      CHECK_FALSE(opened);
      std::vector<XMLByte> buffer(1 << 14);
      read.clear();
      for (XMLSize_t n; (n = stream->readBytes(buffer.data(), buffer.size())) > 0;)
        read.append(reinterpret_cast<const char*>(buffer.data()), n);
      CHECK(read == bytes);
      state = {};
    }
  }
  xercesc::XMLPlatformUtils::Terminate();

  const OpenFile missing(dir.path / "no_such.eaf");
  CHECK_FALSE(missing);
  CHECK(missing.error() == ENOENT);
  CHECK(missing.head(10).empty());
}
