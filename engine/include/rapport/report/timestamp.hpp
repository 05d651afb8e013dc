// SPDX-License-Identifier: MIT
// The time stamp written into outputs (report.json's generated_at, ELAN export DATE).
#pragma once

#include <string>

namespace rapport::report {

/// Now, in UTC, as ISO 8601 to the second: "2026-11-22T07:00:00Z".
std::string utc_timestamp();

}  // namespace rapport::report
