// `pgcertify init --dsn URL [--schema S]… [--exclude-schema S]… [--roles mentioned|all]
// [--out plan.yaml]`: write a plan that pins the database's current schema and security posture.

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "catalog/load.hpp"
#include "cli/commands.hpp"
#include "common/files.hpp"
#include "init/plan_writer.hpp"
#include "pg/connection.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::cli {
namespace {
struct InitOptions {
  std::string dsn;
  std::vector<std::string> schemas;
  std::vector<std::string> excluded;
  std::string roles = "mentioned";
  std::string out;
};

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

ExitStatus run_init(const InitOptions& options) {
  std::unique_ptr<pg::Connection> connection;
  try {
    connection = std::make_unique<pg::Connection>(options.dsn);
  } catch (Error& e) {
    e.kind = ErrorKind::kTarget;
    throw;
  }
  const catalog::Catalog catalog = catalog::load_catalog(*connection, {});
  for (const auto& s : options.schemas)
    if (!catalog.has_schema(s)) throw Error(ErrorKind::kUsage, "--schema: the database has no schema '" + s + "'");
  for (const auto& s : options.excluded)
    if (!catalog.has_schema(s)) throw Error(ErrorKind::kUsage, "--exclude-schema: the database has no schema '" + s + "'");
  init::PlanOptions plan_options;
  plan_options.source = pg::mask_password(options.dsn);
  const std::vector<std::string> user = init::default_schemas(catalog);
  for (const auto& s : options.schemas.empty() ? user : options.schemas)
    if (!contains(options.excluded, s)) plan_options.schemas.push_back(s);
  for (const auto& s : user)
    if (!contains(plan_options.schemas, s)) plan_options.unpinned_schemas.push_back(s);
  plan_options.all_roles = options.roles == "all";
  const std::string database(connection->exec("SELECT current_database()").value(0, 0));
  plan_options.title = "Schema of " + database;
  const std::string plan = init::write_plan(catalog, plan_options);
  if (options.out.empty() || options.out == "-") {
    std::fputs(plan.c_str(), stdout);
  } else {
    write_file_atomic(options.out, plan);
    std::fprintf(stderr, "pgcertify: wrote %s\n", options.out.c_str());
  }
  return ExitStatus::kSuccess;
}
}  // namespace

void setup_init(CLI::App& app, Action& action) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* init = app.add_subcommand("init", "Write a plan that pins a database's current schema (drift detection)");
  init->add_option("--dsn", options->dsn, "The database to read (URI or keyword DSN)")->required();
  init->add_option("--schema", options->schemas,
                   "A schema to pin (repeatable; default: every user schema but those extensions created)");
  init->add_option("--exclude-schema", options->excluded, "A schema to leave out (repeatable)");
  init->add_option("--roles", options->roles,
                   "Which roles to pin: 'mentioned' (owners, grantees, policy roles and their memberships) or 'all'")
      ->check(CLI::IsMember({"mentioned", "all"}));
  init->add_option("--out", options->out, "Write the plan here instead of to standard output");
  init->callback([&action, options] { action = [options] { return run_init(*options); }; });
}

}  // namespace pgcertify::cli
