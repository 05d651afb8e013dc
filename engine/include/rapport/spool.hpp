// SPDX-License-Identifier: MIT
// Where an analysis keeps what it has reduced from each file until it runs over all of them.
#pragma once

namespace rapport {

enum class Spool {
  memory,          ///< compact, in memory: a few files (`rapport stages`, `rapport agree`, the plugins)
  temporary_file,  ///< an unnamed temporary file in TMPDIR (else /tmp): a whole project (the lab report)
};

}  // namespace rapport
