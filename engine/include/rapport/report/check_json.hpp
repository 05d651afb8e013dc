// SPDX-License-Identifier: MIT
// `rapport check` results as JSON (the DESIGN.md contract) and as SARIF 2.1.0 for
// code-scanning tools.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "rapport/check/check.hpp"

namespace rapport::report {

/// {"files": [{"file","coder","session"}], "diagnostics": [...], "summary": {"files","errors","warnings"}}
boost::json::object check_to_json(const check::CheckResult& result);

/// A SARIF 2.1.0 log with one run: the rule catalogue as tool.driver.rules, one result per
/// diagnostic. Tier and time range go into each result's properties.
boost::json::object check_to_sarif(const check::CheckResult& result, std::string_view tool_version);

}  // namespace rapport::report
