// SPDX-License-Identifier: MIT
// rapport inspect FILE [--annotations] [--format text|json] [--fail-on LEVEL]
#include <boost/program_options.hpp>
#include <iostream>

#include "commands.hpp"
#include "network_options.hpp"
#include "options.hpp"
#include "rapport/eaf/reader.hpp"
#include "rapport/report/inspect.hpp"
#include "rapport/report/json_writer.hpp"

namespace rapport::cli {

int run_inspect(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible("rapport inspect FILE [options]\n\nSummarise an ELAN file (.eaf, .etf, .ecv)");
  bool annotations = false;
  std::string format = "text";
  std::string fail_on = "error";
  visible.add_options()("help,h", "show this help")("annotations", po::bool_switch(&annotations),
                                                    "list every annotation with its resolved time")(
      "format", po::value(&format)->default_value("text"), "text or json")(
      "fail-on", po::value(&fail_on)->default_value("error"),
      "exit 1 when a diagnostic is at or above: error|warning|info");
  NetworkOptions network;
  network.add_to(visible);
  std::vector<std::string> files;
  po::variables_map vm;
  if (const int rc = parse_options(args, visible, files, vm, io); rc >= 0) return rc;
  const auto threshold = parse_severity(fail_on);
  if (format != "text" && format != "json") return usage_error(io, "inspect", "--format must be text or json");
  if (!threshold) return usage_error(io, "inspect", "--fail-on must be error, warning or info");
  if (files.size() != 1) return usage_error(io, "inspect", "give exactly one FILE");

  net::Fetcher fetcher(network.fetch_options());
  const eaf::Document doc = eaf::read_eaf_file(files.front(), read_options(fetcher));
  print_fetch_diagnostics(fetcher, io);
  report::InspectOptions options;
  options.annotations = annotations;
  if (format == "json") {
    report::write_pretty_json(io.out, report::inspect_json(doc, options));
  } else {
    report::write_inspect_text(io.out, doc, options);
  }
  if (doc.read_failed()) return exit_failure;
  return count_at_least(doc.diagnostics, *threshold) > 0 ? exit_findings : exit_ok;
}

}  // namespace rapport::cli
