// SPDX-License-Identifier: MIT
// libFuzzer target for AVATecH tier files as ELAN writes them for a recognizer (unescaped
// labels, times in seconds or milliseconds), read the way rapport-elan reads them
// (plugin/elan/recognizer_io.hpp). A bad time is a Failure (the recognizer reports it); nothing
// else may escape. Inputs up to 4 KiB are also matched with the std::regex the recognizer used
// before its hand-written scanner: both must give the same spans or the same failure.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "recognizer_io.hpp"

namespace {

using rapport::intervals::Interval;

struct Outcome {
  std::vector<Interval> spans;
  std::string failure;
};

Outcome with_regex(const std::string& text) {
  static const std::regex span(R"re(<span\s+start\s*=\s*"([^"]*)"\s+end\s*=\s*"([^"]*)"\s*>\s*<v>([\s\S]*?)</v>)re");
  Outcome out;
  const auto time = [&](const std::string& t) -> std::int64_t {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc{} || ptr != t.data() + t.size()) throw rapport::elan::Failure("bad time '" + t + "' in x");
    const double ms = t.find('.') != std::string::npos ? value * 1000.0 + (value < 0 ? -0.5 : 0.5) : value;
    if (!(std::fabs(ms) <= 9007199254740992.0)) throw rapport::elan::Failure("bad time '" + t + "' in x");
    return static_cast<std::int64_t>(ms);
  };
  try {
    for (std::sregex_iterator it(text.begin(), text.end(), span), end; it != end; ++it)
      out.spans.push_back({time((*it)[1].str()), time((*it)[2].str()), rapport::elan::xml_unescape((*it)[3].str()),
                           "span " + std::to_string(out.spans.size() + 1)});
  } catch (const rapport::elan::Failure& e) {
    out.spans.clear();
    out.failure = e.what();
  }
  std::sort(out.spans.begin(), out.spans.end(), [](const auto& a, const auto& b) {
    return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.end_ms < b.end_ms;
  });
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Outcome got;
  try {
    got.spans = rapport::elan::parse_tier_file(text, "x");
    for (std::size_t i = 1; i < got.spans.size(); ++i)
      if (got.spans[i].start_ms < got.spans[i - 1].start_ms) __builtin_trap();  // sorted by start
  } catch (const rapport::elan::Failure& e) {
    got.failure = e.what();
  }
  if (size <= 4096) {
    const Outcome want = with_regex(text);
    if (want.failure != got.failure || want.spans.size() != got.spans.size()) __builtin_trap();
    for (std::size_t i = 0; i < want.spans.size(); ++i) {
      const Interval &a = want.spans[i], &b = got.spans[i];
      if (a.start_ms != b.start_ms || a.end_ms != b.end_ms || a.category != b.category || a.ref != b.ref)
        __builtin_trap();
    }
  }
  volatile std::size_t sink = got.spans.size() + got.failure.size();
  (void)sink;
  return 0;
}
