// pgcertify: certify a PostgreSQL database against a written plan.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "common/error.hpp"
#include "common/interrupt.hpp"
#include "common/strings.hpp"

namespace {
using pgcertify::cli::ExitStatus;

/// An unknown subcommand gets a suggestion instead of CLI11's generic complaint.
bool reject_unknown_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  const std::string word = argv[1];
  for (const auto& n : names)
    if (n == word) return false;
  std::fprintf(stderr, "pgcertify: unknown command '%s'%s\nRun 'pgcertify --help' for the list of commands.\n",
               word.c_str(), pgcertify::did_you_mean(word, names).c_str());
  return true;
}
}  // namespace

int main(int argc, char** argv) {
  pgcertify::install_interrupt_handlers();
  CLI::App app{"pgcertify: certify a PostgreSQL database against a written plan", "pgcertify"};
  app.set_version_flag("--version", pgcertify::cli::version_text());
  app.require_subcommand(1);
  pgcertify::cli::Action action;
  pgcertify::cli::setup_run(app, action);
  pgcertify::cli::setup_init(app, action);
  pgcertify::cli::setup_load(app, action);
  pgcertify::cli::setup_generate(app, action);
  pgcertify::cli::setup_cluster(app, action);
  pgcertify::cli::setup_report(app, action);
  pgcertify::cli::setup_migrate(app, action);
  pgcertify::cli::setup_kinds(app, action);

  if (reject_unknown_subcommand(app, argc, argv)) return static_cast<int>(ExitStatus::kInvalid);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitStatus::kInvalid);
  }
  try {
    return static_cast<int>(action());
  } catch (const pgcertify::Error& e) {
    pgcertify::cli::print_error(e);
    return static_cast<int>(pgcertify::cli::exit_status_for(e));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pgcertify: internal error: %s\n", e.what());
    return static_cast<int>(ExitStatus::kChecksFailed);
  }
}
