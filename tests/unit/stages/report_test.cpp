// SPDX-License-Identifier: MIT
// `rapport stages` writers: the DESIGN.md JSON keys, RFC 4180 CSV, clock times.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <sstream>

#include "rapport/eaf/reader.hpp"
#include "rapport/report/stages_report.hpp"
#include "stages_fixture.hpp"

using namespace rapport;

namespace {

stages::StagesResult vignette() {
  stages::StagesRun run(test::rrs());
  for (const char* coder : {"coderA", "coderB"})
    run.add(eaf::read_eaf_file(test::source_dir() / "samples" / "vignette" / (std::string("V01_") + coder + ".eaf")));
  return run.finish();
}

}  // namespace

TEST_CASE("csv fields are quoted per RFC 4180", "[stages][report]") {
  CHECK(report::csv_field("S01") == "S01");
  CHECK(report::csv_field("a,b") == "\"a,b\"");
  CHECK(report::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(report::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(report::csv_field("") == "");
}

TEST_CASE("clock times read like ELAN's", "[stages][report]") {
  CHECK(report::clock_time(95000) == "1:35.0");
  CHECK(report::clock_time(3723450) == "1:02:03.4");
  CHECK(report::clock_time(0) == "0:00.0");
}

TEST_CASE("the JSON document has the DESIGN.md shape", "[stages][report]") {
  const boost::json::object doc = report::stages_to_json(vignette());
  const auto& sessions = doc.at("sessions").as_array();
  REQUIRE(sessions.size() == 2);
  const auto& s = sessions[0].as_object();
  CHECK(s.at("session") == "V01");
  CHECK(s.at("coder") == "coderA");
  CHECK(s.contains("summary"));
  const auto& e = s.at("episodes").as_array().at(0).as_object();
  for (const char* key : {"id", "type", "start_ms", "end_ms", "markers", "strategies", "stage_model", "stages",
                          "highest_stage", "outcome"})
    CHECK(e.contains(key));
  CHECK(e.at("type") == "withdrawal");
  CHECK(e.at("start_ms") == 95000);
  CHECK(e.at("stage_model") == "SM-W");
  CHECK(e.at("highest_stage") == "S5");
  CHECK(e.at("outcome") == "resolved");
  CHECK(e.at("stages").as_array().size() == 5);
  CHECK(e.at("latency_first_strategy_ms") == 15000);
  CHECK(s.at("summary").as_object().at("resolution_rate").as_double() == Approx(1.0));
  CHECK(doc.at("agreement").as_object().at("sessions").as_array().size() == 1);
  CHECK(doc.at("aggregates").as_object().at("by_patient").as_array().at(0).as_object().at("patient") == "P-V01");
}

TEST_CASE("the CSV has one row per episode under a header", "[stages][report]") {
  std::ostringstream os;
  report::write_stages_csv(os, vignette());
  const std::string csv = os.str();
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);  // header + 2 episodes
  CHECK(csv.find("\r\n") != std::string::npos);
  CHECK(csv.rfind("session,coder,file,patient,therapist,episode,type,start_ms,end_ms", 0) == 0);
  CHECK(csv.find("V01,coderA,") != std::string::npos);
  CHECK(csv.find(",R3 R4 R6 R5,1,3,1,0,0,3,0,0,SM-W,S1 S2 S3 S4 "
                 "S5,annotated,S5,5,,,S5,,MR3,15000,175000,3,1,4,1,resolved\r\n") != std::string::npos);
}
