// SPDX-License-Identifier: MIT
// Documents that nest elements of another namespace deep inside a schema-validated root: the input
// that made Xerces-C 3.2.4 write past its per-depth state arrays (xml::DepthLimitedContentHandler).
#pragma once

#include <string>

namespace rapport::test {

/// Line 1 the XML declaration, line 2 `root_open` (nesting level 1), then `foreign` nested <o:a>
/// elements of the namespace urn:other, one start tag per line: the one at level L is on line
/// L + 1. Line 3, `<o:a xmlns:o="urn:other">`, is 25 characters, so Xerces places its start tag at
/// column 26; every later `<o:a>` (5 characters) at column 6. Then `inner` on its own line, at
/// level foreign + 2, and the closing tags.
inline std::string nested_in_foreign_namespace(const std::string& root_open, const std::string& root_close, int foreign,
                                               const std::string& inner) {
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root_open + "\n";
  for (int i = 0; i < foreign; ++i) s += i == 0 ? "<o:a xmlns:o=\"urn:other\">\n" : "<o:a>\n";
  s += inner + "\n";
  for (int i = 0; i < foreign; ++i) s += "</o:a>";
  return s + "\n" + root_close + "\n";
}

}  // namespace rapport::test
