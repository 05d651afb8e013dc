// SPDX-License-Identifier: MIT
// The bounds one hostile input must stay within, shared by the corpus and the generated cases.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "child_process.hpp"

namespace rapport::test {

/// Generous for a sanitizer build (ASan is 2-5x slower); the memory bound is checked from
/// ru_maxrss in release only (RLIMIT_AS does not work under ASan).
inline Limits input_bounds() {
  Limits l;
  l.cpu_seconds = 20;
  l.wall_seconds = 60;
  l.as_bytes = std::uint64_t{2} << 30;
  return l;
}

/// A clean exit in time, under 200 MB peak RSS (release): the largest hostile input is a few
/// hundred KB, so anything near this is a blowup. Nothing read from a local file may reach the
/// output (the XXE files point at /etc/passwd).
inline void check_input_bounds(const ChildResult& r) {
  INFO("stderr: " << r.err.substr(0, 2000));
  CHECK_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exited_normally());
  if (!under_sanitizer) CHECK(r.max_rss_kb < 200 * 1024);
  CHECK(r.out.find("root:x:0:") == std::string::npos);
  CHECK(r.err.find("root:x:0:") == std::string::npos);
  CHECK(r.out.find("/bin/bash") == std::string::npos);
}

}  // namespace rapport::test
