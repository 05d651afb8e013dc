// SPDX-License-Identifier: MIT
// What rapport-elan reads from ELAN (plugin/elan/recognizer_io.hpp): the parameter document and
// AVATecH tier files, in memory. The recognizer run end to end is elan_recognizer_test.cpp.
#include "recognizer_io.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

using rapport::elan::Failure;
using rapport::elan::parse_parameters;
using rapport::elan::parse_tier_file;

namespace {

std::string tier(const std::string& start, const std::string& end, const std::string& label = "x") {
  return "<TIER columns=\"t\">\n  <span start=\"" + start + "\" end=\"" + end + "\"><v>" + label +
         "</v></span>\n</TIER>\n";
}

}  // namespace

TEST_CASE("elan io: parameters are unescaped and trimmed; reading stops at </PARAM>", "[plugin][elan-io]") {
  const std::string doc =
      "<PARAM>\n<param name=\"eaf_file\">  /a &amp; b/c.eaf\n</param>\n<param name=\"x\" type=\"float\">-25.0</param>\n"
      "</PARAM>\n<param name=\"after\">1</param>\n";
  const auto all = parse_parameters(doc);
  CHECK(all.at("eaf_file") == "/a & b/c.eaf");
  CHECK(all.at("x") == "-25.0");
  std::istringstream in(doc);
  const auto read = rapport::elan::read_parameters(in);
  CHECK(read.count("after") == 0);
  CHECK(read.size() == 2);
}

TEST_CASE("elan io: tier times with '.' are seconds, without are milliseconds; labels unescaped", "[plugin][elan-io]") {
  const auto spans = parse_tier_file(tier("2", "1.5", "R & D <x> &lt;y&gt;"), "t.xml");
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].start_ms == 2);
  CHECK(spans[0].end_ms == 1500);
  CHECK(spans[0].category == "R & D <x> <y>");
  CHECK(spans[0].ref == "span 1");
  CHECK(parse_tier_file(tier("-0.25", "0.0004"), "t.xml")[0].start_ms == -250);
  CHECK_THROWS_AS(parse_tier_file(tier("1,5", "2.0"), "t.xml"), Failure);
}

// Found by tests/fuzz (elan_tier): "-1e308" seconds was cast to int64 milliseconds, which is
// undefined behaviour (tests/data/fuzz-regressions/elan_tier/). Such times are now bad times.
TEST_CASE("elan io: a time without a Millis value is a bad time, not undefined behaviour", "[plugin][elan-io]") {
  for (const char* t : {"-1e308", "1e308", "1e19", "1.0e300", "inf", "-inf", "nan", "infinity", "9007199254740994"}) {
    INFO(t);
    CHECK_THROWS_WITH(parse_tier_file(tier(t, "1.0"), "t.xml"), Catch::Contains("bad time"));
    CHECK_THROWS_AS(parse_tier_file(tier("0.0", t), "t.xml"), Failure);
  }
  // 2^53 ms either way is the largest time accepted.
  CHECK(parse_tier_file(tier("9007199254740992", "-9007199254740992"), "t.xml")[0].start_ms == 9007199254740992LL);
  CHECK(parse_tier_file(tier("9007199254740.992", "0.0"), "t.xml")[0].start_ms == 9007199254740992LL);
}

// Found by tests/fuzz (elan_tier, elan_params): std::regex recursed once per character and
// overflowed the stack on a 100 KB label or value (tests/data/fuzz-regressions/elan_*/).
TEST_CASE("elan io: long labels, values and unterminated markup are scanned without recursion", "[plugin][elan-io]") {
  const std::string long_text(4 << 20, 'a');
  const auto spans = parse_tier_file(tier("1.0", "2.0", long_text), "t.xml");
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].category.size() == long_text.size());
  CHECK(parse_tier_file("<span start=\"" + long_text, "t.xml").empty());
  CHECK(parse_tier_file("<span start=\"1\" end=\"2\"><v>" + long_text, "t.xml").empty());
  CHECK(parse_parameters("<param name=\"p\">" + long_text + "</param>").at("p").size() == long_text.size());
  CHECK(parse_parameters("<param name=\"p\">" + long_text).empty());
}

TEST_CASE("elan io: a span or param that does not match is skipped, the next one is read", "[plugin][elan-io]") {
  const auto spans =
      parse_tier_file("<span start=\"1\"><v>a</v></span><span  start = \"2\"\tend=\"3\"\n>\n<v>b</v>", "t.xml");
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].category == "b");
  CHECK(spans[0].ref == "span 1");
  const auto params = parse_parameters("<param name=\"a\"><param name=\"b\" x=\"y\">v</param>");
  CHECK(params.size() == 1);
  CHECK(params.at("a") == "<param name=\"b\" x=\"y\">v");
}
