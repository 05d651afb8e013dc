// SPDX-License-Identifier: MIT
// rapport codebook validate FILE
// rapport codebook show [NAME|FILE] [--format text|json] [--lang L]
// rapport codebook export [NAME|FILE] --format ecv|etf -o FILE [--lang L]
#include <boost/program_options.hpp>
#include <iostream>

#include "coding_inputs.hpp"
#include "commands.hpp"
#include "network_options.hpp"
#include "options.hpp"
#include "rapport/codebook/data_dir.hpp"
#include "rapport/codebook/reader.hpp"
#include "rapport/report/codebook_report.hpp"
#include "rapport/report/json_writer.hpp"

namespace rapport::cli {
namespace {

namespace fs = std::filesystem;

int validate(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible(
      "rapport codebook validate FILE [options]\n\nValidate a codebook against its XML Schema and the "
      "codebook rules");
  std::string format = "text";
  visible.add_options()("help,h", "show this help")("format", po::value(&format)->default_value("text"),
                                                    "text or json");
  NetworkOptions network;
  network.add_to(visible);
  std::vector<std::string> files;
  po::variables_map vm;
  if (const int rc = parse_options(args, visible, files, vm, io); rc >= 0) return rc;
  if (format != "text" && format != "json")
    return usage_error(io, "codebook validate", "--format must be text or json");
  if (files.size() != 1) return usage_error(io, "codebook validate", "give exactly one FILE");

  // A URL is fetched through the cache and validated like a local file.
  net::Fetcher fetcher(network.fetch_options());
  const auto fetched = fetch_codebook(files.front(), fetcher, io, "codebook validate");
  if (!fetched && (net::is_remote_url(files.front()) || net::is_file_url(files.front()))) return exit_failure;
  const auto r = codebook::read_codebook_file(fetched ? *fetched : fs::path(files.front()));
  const bool io_problem = !r.diagnostics.empty() && r.diagnostics.front().rule == "codebook-io";
  if (format == "json") {
    boost::json::object o;
    o["file"] = files.front();
    o["valid"] = static_cast<bool>(r);
    o["id"] = r ? boost::json::value(r.codebook->id) : boost::json::value(nullptr);
    o["version"] = r ? boost::json::value(r.codebook->version) : boost::json::value(nullptr);
    o["schema_version"] = r ? boost::json::value(r.codebook->schema_version) : boost::json::value(nullptr);
    o["diagnostics"] = report::to_json(r.diagnostics);
    report::write_pretty_json(io.out, o);
  } else {
    for (const auto& d : r.diagnostics) io.out << format_diagnostic(d) << '\n';
    if (r)
      io.out << files.front() << ": valid codebook '" << r.codebook->id << "' version " << r.codebook->version
             << " (schema " << r.codebook->schema_version << ")\n";
  }
  if (io_problem) return exit_failure;
  return r ? exit_ok : exit_findings;
}

int show(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible("rapport codebook show [NAME|FILE] [options]\n\nPrint a codebook (default " +
                                  std::string(codebook::default_codebook) + ")");
  std::string format = "text";
  std::string lang;
  visible.add_options()("help,h", "show this help")("format", po::value(&format)->default_value("text"),
                                                    "text or json")(
      "lang", po::value(&lang), "label language (default: the codebook's default language)");
  NetworkOptions network;
  network.add_to(visible);
  std::vector<std::string> names;
  po::variables_map vm;
  if (const int rc = parse_options(args, visible, names, vm, io); rc >= 0) return rc;
  if (format != "text" && format != "json") return usage_error(io, "codebook show", "--format must be text or json");
  if (names.size() > 1) return usage_error(io, "codebook show", "give at most one NAME or FILE");
  net::Fetcher fetcher(network.fetch_options());
  const auto cb = load_codebook(names.empty() ? std::string(codebook::default_codebook) : names.front(), fetcher, io,
                                "codebook show");
  if (!cb) return exit_failure;
  if (format == "json")
    report::write_pretty_json(io.out, report::codebook_to_json(*cb));
  else
    report::write_codebook_text(io.out, *cb, lang.empty() ? cb->default_language : lang);
  return exit_ok;
}

int export_codebook(const std::vector<std::string>& args, Streams& io) {
  namespace po = boost::program_options;
  po::options_description visible(
      "rapport codebook export [NAME|FILE] --format ecv|etf -o FILE [options]\n\nWrite the codebook as an ELAN "
      "external controlled vocabulary (.ecv) or an ELAN template with the tier layout and CVs (.etf)");
  std::string format;
  std::string output;
  std::string coder;
  visible.add_options()("help,h", "show this help")("format", po::value(&format), "ecv or etf")(
      "output,o", po::value(&output), "file to write (written to a temporary name, then renamed)")(
      "coder", po::value(&coder), "etf: ANNOTATOR of the coded tiers (default: empty, fill in per coder)");
  NetworkOptions network;
  network.add_to(visible);
  std::vector<std::string> names;
  po::variables_map vm;
  if (const int rc = parse_options(args, visible, names, vm, io); rc >= 0) return rc;
  if (format != "ecv" && format != "etf") return usage_error(io, "codebook export", "--format must be ecv or etf");
  if (output.empty()) return usage_error(io, "codebook export", "give the output file with -o FILE");
  if (names.size() > 1) return usage_error(io, "codebook export", "give at most one NAME or FILE");
  net::Fetcher fetcher(network.fetch_options());
  const auto cb = load_codebook(names.empty() ? std::string(codebook::default_codebook) : names.front(), fetcher, io,
                                "codebook export");
  if (!cb) return exit_failure;
  report::ElanExportOptions options;
  options.annotator = coder;
  const std::string error =
      format == "ecv" ? report::write_ecv_file(*cb, output, options) : report::write_etf_file(*cb, output, options);
  if (!error.empty()) {
    io.err << "rapport codebook export: " << error << '\n';
    return exit_failure;
  }
  io.err << "wrote " << output << '\n';
  return exit_ok;
}

}  // namespace

int run_codebook(const std::vector<std::string>& args, Streams& io) {
  const std::string usage =
      "usage: rapport codebook validate FILE\n"
      "       rapport codebook show [NAME|FILE] [--format text|json] [--lang L]\n"
      "       rapport codebook export [NAME|FILE] --format ecv|etf -o FILE\n";
  if (args.empty()) {
    io.err << usage;
    return exit_failure;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args.front() == "validate") return validate(rest, io);
  if (args.front() == "show") return show(rest, io);
  if (args.front() == "export") return export_codebook(rest, io);
  if (args.front() == "--help" || args.front() == "-h") {
    io.out << usage;
    return exit_ok;
  }
  io.err << "rapport codebook: unknown subcommand '" << args.front() << "'\n" << usage;
  return exit_failure;
}

}  // namespace rapport::cli
