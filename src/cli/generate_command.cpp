// `pgcertify generate PLAN [--dsn URL] [--table T] [--rows N] [--dry-run] [--allow-write]`:
// only the data part of a plan (setup.data), against the ephemeral cluster or a database.

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "checks/registry.hpp"
#include "cli/commands.hpp"
#include "datagen/describe.hpp"
#include "datagen/fill.hpp"
#include "pg/connection.hpp"
#include "plan/loader.hpp"
#include "runner/setup.hpp"
#include "runner/target.hpp"

namespace pgcertify::cli {
namespace {
struct GenerateOptions {
  std::string plan;
  std::optional<std::string> dsn;
  std::optional<std::string> table;
  std::optional<long long> rows;
  bool dry_run = false;
  bool allow_write = false;
  bool defer_indexes = false;
};

ExitStatus run_generate(const GenerateOptions& options) {
  const plan::Plan plan = plan::load_plan(options.plan, checks::kind_keys());
  if (options.rows && *options.rows < 0) throw Error(ErrorKind::kUsage, "--rows must be >= 0");
  if (!plan.setup.data && !options.rows)
    throw Error(ErrorKind::kUsage, fmt::format("{} has no setup.data; add it, or give --rows N to fill every table", options.plan));
  const plan::DataSetup data = plan.setup.data.value_or(plan::DataSetup{});
  const bool external = options.dsn || plan.target.dsn;
  if (external && !options.dry_run && !options.allow_write)
    throw Error(ErrorKind::kUsage, "generate writes rows into the target database: add --allow-write (or --dry-run to only print the plan)");
  if (external && data.skip_triggers && !options.dry_run)
    throw Error(ErrorKind::kUsage,
                "setup.data.triggers: skip disables the tables' insert triggers while they load, which pgcertify does only on "
                "an ephemeral cluster or a scratch database (pgcertify run); remove it to generate into a --dsn database");

  std::unique_ptr<runner::Target> target;
  try {
    target = runner::Target::open(plan, options.dsn);
  } catch (Error& e) {
    if (e.kind == ErrorKind::kConnection || e.kind == ErrorKind::kSql) e.kind = ErrorKind::kTarget;
    throw;
  }
  pg::Connection connection(target->dsn());
  if (target->ephemeral()) {
    plan::Setup schema_only = plan.setup;
    schema_only.data.reset();
    runner::apply_setup(connection, schema_only);
  }
  const datagen::DataPlan data_plan = datagen::prepare(connection, data, {options.table, options.rows});
  if (options.dry_run) {
    std::fputs(datagen::describe_plan(data_plan).c_str(), stdout);
    return ExitStatus::kSuccess;
  }
  fmt::print("pgcertify generate: {} ({}); seed {}; filling in this order: {}\n", target->display(),
             target->ephemeral() ? "discarded at exit" : "rows are added to the database", data_plan.seed,
             datagen::load_order(data_plan));
  std::fflush(stdout);
  // The ephemeral cluster is scratch; a --dsn database is only when the user says so.
  const datagen::LoadOptions load{target->ephemeral() || options.defer_indexes, datagen::terminal_or_null(stdout)};
  datagen::load_data(connection, data_plan, load, [](const datagen::TableLoad& l) { datagen::print_load(stdout, l); });
  return ExitStatus::kSuccess;
}
}  // namespace

void setup_generate(CLI::App& app, Action& action) {
  auto options = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand("generate", "Fill tables with synthetic rows that satisfy their constraints (setup.data)");
  cmd->add_option("plan", options->plan, "The plan file (YAML)")->required();
  cmd->add_option("--dsn", options->dsn, "Fill this database instead of an ephemeral cluster (needs --allow-write)");
  cmd->add_option("--table", options->table, "Fill only this table (its parents must already have rows)");
  cmd->add_option("--rows", options->rows, "Rows per table (overrides the plan; fills every table when the plan lists none)");
  cmd->add_flag("--dry-run", options->dry_run, "Print the load order and each column's generator and why; write nothing");
  cmd->add_flag("--allow-write", options->allow_write, "Allow writing into a --dsn target");
  cmd->add_flag("--defer-indexes", options->defer_indexes,
                "Scratch databases: load empty tables before their secondary indexes and foreign keys, then rebuild "
                "them (always on for the ephemeral cluster)");
  cmd->callback([&action, options] { action = [options] { return run_generate(*options); }; });
}

}  // namespace pgcertify::cli
