// `pgcertify init --dsn URL [--schema S]… [--out plan.yaml]`: write a plan that pins the
// database's current schema.

#include <fmt/format.h>

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
  std::string out;
};

ExitStatus run_init(const InitOptions& options) {
  std::unique_ptr<pg::Connection> connection;
  try {
    connection = std::make_unique<pg::Connection>(options.dsn);
  } catch (Error& e) {
    e.kind = ErrorKind::kTarget;
    throw;
  }
  const std::vector<std::string> schemas = options.schemas.empty() ? std::vector<std::string>{"public"} : options.schemas;
  const catalog::Catalog catalog = catalog::load_catalog(*connection, schemas);
  for (const auto& s : schemas)
    if (!catalog.has_schema(s)) throw Error(ErrorKind::kUsage, "--schema: the database has no schema '" + s + "'");
  const std::string database(connection->exec("SELECT current_database()").value(0, 0));
  const std::string plan = init::write_plan(catalog, {"Schema of " + database, pg::mask_password(options.dsn)});
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
  init->add_option("--schema", options->schemas, "A schema to pin (repeatable; default: public)");
  init->add_option("--out", options->out, "Write the plan here instead of to standard output");
  init->callback([&action, options] { action = [options] { return run_init(*options); }; });
}

}  // namespace pgcertify::cli
