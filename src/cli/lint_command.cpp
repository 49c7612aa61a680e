// `pgcertify migrate lint DIR|FILE… [--dsn URL] [--format text|json|github|sarif] [--ignore RULE]…`:
// unsafe DDL found with PostgreSQL's own parser; with --dsn, sized against the live tables.

#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "migrate/lint_output.hpp"
#include "migrate/linter.hpp"
#include "pg/connection.hpp"

namespace pgcertify::cli {
namespace {
struct LintCommandOptions {
  std::vector<std::string> paths;
  std::string dsn;
  std::string format = "text";
  std::vector<std::string> ignore;
};

ExitStatus run_lint(const LintCommandOptions& o) {
  if (o.format != "text" && o.format != "json" && o.format != "github" && o.format != "sarif")
    throw Error(ErrorKind::kUsage, "--format: expected text, json, github or sarif, not '" + o.format + "'");
  std::unique_ptr<pg::Connection> connection;
  if (!o.dsn.empty()) {
    try {
      connection = std::make_unique<pg::Connection>(o.dsn);
    } catch (Error& e) {
      if (e.kind == ErrorKind::kConnection) e.kind = ErrorKind::kTarget;
      throw;
    }
  }
  migrate::LintOptions options;
  options.ignore = o.ignore;
  if (connection) options.server_version = connection->server_version();
  std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
  auto findings = migrate::lint_paths(paths, options);
  if (connection) migrate::apply_table_stats(findings, *connection);
  else migrate::drop_folder_table_findings(findings);
  const std::string text = o.format == "json"     ? migrate::format_findings_json(findings)
                           : o.format == "github" ? migrate::format_findings_github(findings)
                           : o.format == "sarif"  ? migrate::format_findings_sarif(findings, version_number())
                                                  : migrate::format_findings_text(findings);
  std::fputs(text.c_str(), stdout);
  for (const auto& f : findings)
    if (f.severity == migrate::LintSeverity::kError) return ExitStatus::kChecksFailed;
  return ExitStatus::kSuccess;
}
}  // namespace

void setup_migrate_lint(CLI::App& migrate, Action& action) {
  auto options = std::make_shared<LintCommandOptions>();
  CLI::App* lint = migrate.add_subcommand("lint", "Find DDL that blocks reads or writes (squawk's rule names)");
  lint->add_option("PATH", options->paths, "Migrations folders or SQL files, in the order they run")->required();
  lint->add_option("--dsn", options->dsn, "Read live table sizes from this database");
  lint->add_option("--format", options->format, "text (default), json, github or sarif");
  lint->add_option("--ignore", options->ignore, "A rule never to report (repeatable)");
  lint->callback([&action, options] { action = [options] { return run_lint(*options); }; });
}

}  // namespace pgcertify::cli
