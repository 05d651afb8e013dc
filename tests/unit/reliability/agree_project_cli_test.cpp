// SPDX-License-Identifier: MIT
// `rapport agree PATHS...` in-process: the JSON contract (../shared/DESIGN.md: a "measures" list
// with stable names, tagged with level and variable), nothing but JSON on stdout, exit codes,
// --gold, --review, and the samples (two coders) and samples/three_coders (multi-rater).
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "cli.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run agree(std::vector<std::string> args) {
  args.insert(args.begin(), "agree");
  std::ostringstream out, err;
  const int code = rapport::cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

std::string hand() { return (rapport::test::data_dir() / "reliability" / "hand").string(); }

const boost::json::object* measure(const boost::json::value& doc, std::string_view level, std::string_view variable,
                                   std::string_view name) {
  for (const auto& m : doc.at("measures").as_array())
    if (m.at("level").as_string() == level && m.at("variable").as_string() == variable &&
        m.at("name").as_string() == name)
      return &m.as_object();
  return nullptr;
}

}  // namespace

TEST_CASE("agree PATHS --format json: the hand project", "[cli][reliability]") {
  const Run r = agree({hand(), "--format", "json", "--threads", "1"});
  INFO(r.err);
  CHECK(r.code == 0);
  const auto doc = boost::json::parse(r.out);
  CHECK(doc.at("input").at("sessions").as_int64() == 3);
  CHECK(doc.at("input").at("segments").as_int64() == 9);
  CHECK(doc.at("unpaired").as_array().size() == 1);
  CHECK(doc.at("unpaired").at(0).at("session").as_string() == "S04");
  // W2: p_o = 8/9, p_e = 42/81 (hand_project_test.cpp).
  const auto* w2 = measure(doc, "segment", "W2", "cohen_kappa");
  REQUIRE(w2);
  CHECK(w2->at("value").as_double() == Approx((8.0 / 9 - 42.0 / 81) / (1 - 42.0 / 81)));
  CHECK(w2->at("n_units").as_int64() == 9);
  const auto* w1 = measure(doc, "segment", "W1", "cohen_kappa");
  REQUIRE(w1);
  CHECK(w1->at("value").is_null());
  CHECK_FALSE(w1->at("reason").as_string().empty());
  const auto* icc = measure(doc, "segment", "SEG_WSIG", "icc_2_1");
  REQUIRE(icc);
  CHECK(icc->at("mcgraw_wong").as_string() == "ICC(A,1)");
  CHECK(measure(doc, "session", "withdrawal_segments", "icc_2_1"));
  CHECK(measure(doc, "time_aligned", "withdrawal", "elan_kappa_ipf"));
  CHECK(measure(doc, "time_aligned", "withdrawal", "gamma"));
  CHECK(doc.at("disagreements").at("segments").as_array().size() == 14);
  CHECK(doc.at("drift").at("sessions").as_array().size() == 3);
  bool once = false;
  for (const auto& d : doc.at("diagnostics").as_array())
    once = once || d.at("rule").as_string() == "reliability-session-coded-once";
  CHECK(once);
}

TEST_CASE("agree PATHS --gold: certification, exit 1 when a coder fails", "[cli][reliability]") {
  const Run pass = agree({hand(), "--gold", "coderA", "--no-time-aligned", "--min-kappa", "0.5", "--min-icc", "0.5"});
  INFO(pass.err);
  CHECK(pass.out.find("Certification against coderA") != std::string::npos);
  const Run fail = agree({hand(), "--gold", "coderA", "--no-time-aligned", "--min-icc", "0.99", "--format", "json"});
  CHECK(fail.code == 1);
  const auto doc = boost::json::parse(fail.out);
  const auto& cert = doc.at("certification");
  CHECK(cert.at("gold").as_string() == "coderA");
  CHECK(cert.at("thresholds").at("source").as_string() == "command line");
  CHECK(cert.at("coders").at(0).at("coder").as_string() == "coderB");
  CHECK(cert.at("coders").at(0).at("pass").as_bool() == false);
}

TEST_CASE("agree PATHS --review DIR writes copies, never the inputs", "[cli][reliability]") {
  const fs::path out = fs::path(RAPPORT_BINARY_DIR) / "agree-project-cli-review";
  fs::remove_all(out);
  const Run r = agree({hand(), "--review", out.string(), "--format", "json"});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(fs::exists(out / "S01_review.eaf"));
  CHECK(fs::exists(out / "S03_review.eaf"));
  CHECK_FALSE(fs::exists(out / "S04_review.eaf"));
  CHECK_NOTHROW(boost::json::parse(r.out));
}

TEST_CASE("agree PATHS: usage errors exit 2", "[cli][reliability]") {
  CHECK(agree({hand(), "--elan-overlap", "40"}).code == 2);
  CHECK(agree({hand(), "--measures", "no_such_measure"}).code == 2);
  CHECK(agree({hand(), "--codebook", "no-such-codebook"}).code == 2);
  CHECK(agree({"--format", "json"}).code == 2);
}

TEST_CASE("agree samples/three_coders: multi-rater measures and the pairwise matrix", "[cli][reliability]") {
  const Run r = agree({(rapport::test::source_dir() / "samples" / "three_coders").string(), "--format", "json",
                       "--gamma-samples", "5"});
  INFO(r.err);
  CHECK(r.code == 0);
  const auto doc = boost::json::parse(r.out);
  CHECK(doc.at("input").at("coders").as_array().size() == 3);
  CHECK(measure(doc, "segment", "withdrawal", "fleiss_kappa"));
  CHECK(measure(doc, "segment", "withdrawal", "conger_kappa"));
  CHECK_FALSE(measure(doc, "segment", "withdrawal", "cohen_kappa"));
  const auto* icc = measure(doc, "segment", "SEG_WSIG", "icc_2_1");
  REQUIRE(icc);
  CHECK(icc->at("n_raters").as_int64() == 3);
  CHECK(doc.at("pairwise").as_array().size() == 3);
}

TEST_CASE("agree PATHS --offline --cache-dir: same result, no network (issue 6)", "[cli][reliability][net]") {
  const auto cache = fs::temp_directory_path() / "rapport-agree-offline-cache";
  fs::remove_all(cache);
  const Run online = agree({hand(), "--format", "json", "--threads", "1"});
  const Run offline = agree({hand(), "--format", "json", "--threads", "1", "--offline", "--cache-dir", cache.string()});
  INFO(offline.err);
  CHECK(offline.code == online.code);
  // The hand project's vocabularies are inside its files, so nothing needs fetching: the
  // measures are the same with the network forbidden.
  CHECK(boost::json::parse(offline.out).at("measures") == boost::json::parse(online.out).at("measures"));
  fs::remove_all(cache);
}
