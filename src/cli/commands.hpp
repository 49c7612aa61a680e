#pragma once
// Subcommands: each declares its flags in setup_…() and does its work in run_…().

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "cli/exit_status.hpp"
#include "common/error.hpp"

namespace pgcertify::cli {

/// What a subcommand runs once the command line is parsed.
using Action = std::function<ExitStatus()>;

/// Registers `run` on `app`; `action` is set when it is chosen.
void setup_run(CLI::App& app, Action& action);
/// Registers `init`.
void setup_init(CLI::App& app, Action& action);
/// Registers `load` (pgbench-compatible load generator).
void setup_load(CLI::App& app, Action& action);
/// Registers `generate`.
void setup_generate(CLI::App& app, Action& action);
/// Registers `report merge` (combines the shards of a load).
void setup_report(CLI::App& app, Action& action);
/// Registers `cluster up|down`.
void setup_cluster(CLI::App& app, Action& action);
/// Registers `migrate up|down|status|validate|repair|baseline|lint`.
void setup_migrate(CLI::App& app, Action& action);
/// Registers `migrate lint` under `migrate`.
void setup_migrate_lint(CLI::App& migrate, Action& action);
/// Registers `kinds` (the check kinds with their summaries).
void setup_kinds(CLI::App& app, Action& action);
/// The kinds with their summaries, one per line (`kinds`, and the footer of `run --help`).
std::string kinds_listing();

/// Prints an Error the way every command does: "pgcertify: …" on stderr.
void print_error(const Error& e);
ExitStatus exit_status_for(const Error& e);

}  // namespace pgcertify::cli
