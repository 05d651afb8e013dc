// SPDX-License-Identifier: MIT
#include "rapport/report/timestamp.hpp"

#include <ctime>

namespace rapport::report {

std::string utc_timestamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace rapport::report
