// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <array>

namespace rapport::cli {

std::span<const Command> commands() {
  static const std::array table{
      Command{"inspect", "summarise an ELAN file (.eaf, .etf, .ecv): tiers, CVs, diagnostics", &run_inspect},
      Command{"check", "check 3RS coding in ELAN files against a codebook (text, JSON, SARIF)", &run_check},
      Command{"codebook", "validate, show or export a codebook (.ecv vocabulary, .etf template)", &run_codebook},
      Command{"agree", "inter-rater agreement: kappas, AC1, alpha, ICC with SEs and CIs", &run_agree},
      Command{"stages", "rupture episodes, resolution strategies and stages, outcomes, coder agreement", &run_stages},
      Command{"report", "the lab report of a project: report.html, report.json and CSVs in one run", &run_report},
      Command{"merge", "combine the parts of a sharded `rapport report --shard K/N` into its report", &run_merge},
  };
  return table;
}

}  // namespace rapport::cli
