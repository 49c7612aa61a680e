// `pgcertify migrate up|down|status|validate|repair|baseline DIR --dsn URL`: versioned, tracked,
// checksummed migrations (Flyway's folder names understood), and `migrate lint` (lint_command.cpp).

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "catalog/catalog.hpp"
#include "cli/commands.hpp"
#include "migrate/migrator.hpp"
#include "migrate/print.hpp"
#include "pg/connection.hpp"

namespace pgcertify::cli {
namespace {
struct MigrateCommandOptions {
  std::string dir;
  std::string dsn;
  std::string schema = "public";
  bool sequential = false;
  bool dry_run = false;
  std::string target;      // up --target
  std::string to;          // down --to
  int steps = 0;           // down --steps
  std::string version = "1";  // baseline --version
};

std::unique_ptr<pg::Connection> connect(const std::string& dsn) {
  try {
    auto connection = std::make_unique<pg::Connection>(dsn);
    connection->exec_simple("SET application_name = 'pgcertify migrate'");
    return connection;
  } catch (Error& e) {
    if (e.kind == ErrorKind::kConnection) e.kind = ErrorKind::kTarget;
    throw;
  }
}

migrate::MigrateOptions library_options(const MigrateCommandOptions& o) {
  migrate::MigrateOptions out;
  out.schema = o.schema;
  out.folder.sequential = o.sequential;
  out.dry_run = o.dry_run;
  return out;
}

ExitStatus run_migrate(const std::string& action, const MigrateCommandOptions& o) {
  auto connection = connect(o.dsn);
  migrate::Migrator migrator(*connection, o.dir, library_options(o));
  const std::string table = catalog::QualifiedName{o.schema, "pgcertify_schema_history"}.display();
  if (action == "up") {
    migrator.up(o.target.empty() ? std::nullopt : std::optional<std::string>(o.target));
  } else if (action == "down") {
    migrate::DownRange range;
    if (!o.to.empty()) range.to = o.to;
    if (o.steps != 0) range.steps = o.steps;
    migrator.down(range);
  } else if (action == "repair") {
    migrator.repair();
  } else if (action == "baseline") {
    migrator.baseline(o.version);
  } else {
    const migrate::Status status = migrator.status();
    if (action == "status") migrate::print_status(status, table, stdout);
    const std::string problems = migrate::describe_problems(status);
    if (action == "validate" && problems.empty())
      fmt::print("pgcertify: {} is valid: {} applied, {} pending\n", table, status.applied, status.pending);
    if (!problems.empty()) {
      std::fputs(problems.c_str(), stderr);
      return ExitStatus::kChecksFailed;
    }
  }
  return ExitStatus::kSuccess;
}

void add_common(CLI::App* sub, MigrateCommandOptions& o) {
  sub->add_option("DIR", o.dir, "The migrations folder")->required();
  sub->add_option("--dsn", o.dsn, "The database (URI or keyword DSN)")->required();
  sub->add_option("--schema", o.schema, "Schema of the history table pgcertify_schema_history (default public)");
  sub->add_flag("--sequential", o.sequential, "Versions must be 1, 2, 3, … with no gap");
}
}  // namespace

void setup_migrate(CLI::App& app, Action& action) {
  CLI::App* migrate = app.add_subcommand("migrate", "Apply, undo, check and lint versioned migrations");
  migrate->require_subcommand(1);
  const std::vector<std::pair<std::string, std::string>> actions = {
      {"up", "Apply pending migrations, each in its own transaction"},
      {"down", "Undo the newest applied migrations with their .down.sql / U files"},
      {"status", "List applied, pending, failed and drifted migrations"},
      {"validate", "Exit 1 when an applied file was edited or deleted, or a migration failed"},
      {"repair", "Remove failed rows and realign recorded checksums with the files"},
      {"baseline", "Start the history of an existing database at a version"},
  };
  for (const auto& [name, help] : actions) {
    auto options = std::make_shared<MigrateCommandOptions>();
    CLI::App* sub = migrate->add_subcommand(name, help);
    add_common(sub, *options);
    if (name == "up" || name == "down") sub->add_flag("--dry-run", options->dry_run, "Print what would run; change nothing");
    if (name == "up") sub->add_option("--target", options->target, "Apply up to and including this version");
    if (name == "down") {
      sub->add_option("--to", options->to, "Undo every migration newer than this version");
      sub->add_option("--steps", options->steps, "Undo this many migrations (default 1)");
    }
    if (name == "baseline") sub->add_option("--version", options->version, "The baseline version (default 1)");
    sub->callback([&action, options, name] { action = [options, name] { return run_migrate(name, *options); }; });
  }
  setup_migrate_lint(*migrate, action);
}

}  // namespace pgcertify::cli
