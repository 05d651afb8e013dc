// SPDX-License-Identifier: MIT
// `rapport inspect`: a Document as the JSON of DESIGN.md, or as a short summary for people.
#pragma once

#include <boost/json/object.hpp>
#include <iosfwd>

#include "rapport/eaf/document.hpp"

namespace rapport::report {

struct InspectOptions {
  bool annotations = false;  ///< include every annotation (DESIGN.md: only with --annotations)
};

/// {"file","format","version","media","tiers","controlled_vocabularies",["annotations"],"diagnostics"}
boost::json::object inspect_json(const eaf::Document& doc, const InspectOptions& options = {});

/// Tiers as a table, counts, time span, CVs and diagnostics.
void write_inspect_text(std::ostream& os, const eaf::Document& doc, const InspectOptions& options = {});

}  // namespace rapport::report
