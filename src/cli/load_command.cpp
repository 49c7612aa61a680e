// `pgcertify load [pgbench options] [DBNAME]`: pgbench's command line, pgcertify's engine.

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "cli/commands.hpp"
#include "common/files.hpp"
#include "load/option_text.hpp"
#include "load/run_request.hpp"
#include "load/summary.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::cli {
namespace {
struct LoadCommandOptions {
  std::vector<std::pair<char, std::string>> scripts;  // ('f', file) or ('b', builtin), in order
  std::vector<std::string> defines;
  std::vector<std::string> files, builtins;  // bound for CLI11; the order is kept in `scripts`
  std::string dbname, host, port, user;
  int clients = 1, threads = 1;
  std::optional<int> duration, progress;
  std::optional<std::int64_t> transactions, scale;
  std::optional<double> rate, latency_limit;
  std::string mode = "simple";
  int max_tries = 1;
  bool per_statement = false, no_vacuum = false, initialize = false, connect = false;
  std::optional<std::string> pgbouncer_admin;
  std::string random_seed = "time";
  std::optional<std::string> json, baseline, shard;
};

/// Everything from the command line, checked, before any connection.
load::LoadRequest read_request(const LoadCommandOptions& o) {
  load::LoadRequest r;
  load::LoadOptions& options = r.options;
  options.conninfo = pg::dsn_from({o.dbname, o.host, o.port, o.user});
  options.clients = o.clients;
  options.threads = o.threads;
  if (o.duration) options.duration = std::chrono::seconds(*o.duration);
  options.transactions = o.transactions;
  options.rate = o.rate;
  if (o.latency_limit)
    options.latency_limit = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double, std::milli>(*o.latency_limit));
  options.mode = load::parse_query_mode(o.mode);
  options.max_tries = o.max_tries;
  options.progress_seconds = o.progress;
  options.per_statement = o.per_statement;
  options.connect_per_transaction = o.connect;
  options.random_seed = load::parse_seed(o.random_seed);
  if (o.shard) {
    const load::Shard shard = load::parse_shard(*o.shard);
    options.shard = shard.index;
    options.shards = shard.count;
  }
  options.validate();
  for (const auto& [kind, spec] : o.scripts) {
    if (kind == 'f') r.workload.add_file(spec);
    else r.workload.add_builtin(spec);
  }
  if (r.workload.scripts.empty()) r.workload.add_builtin("tpcb-like");
  for (const auto& d : o.defines) {
    const auto [name, value] = load::parse_define(d);
    r.workload.define(name, value);
  }
  r.scale = o.scale;
  r.vacuum = !o.no_vacuum;
  r.pool_console = o.pgbouncer_admin;
  r.pool_required = true;
  r.clients_flag = fmt::format("-c {}", o.clients);
  r.workload.validate();
  r.workload.check_mode(options.mode);
  return r;
}

void say(const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); }

ExitStatus run_load_command(const LoadCommandOptions& o) {
  load::LoadRequest request = read_request(o);
  if (o.json) check_writable_destination(*o.json, "--json");
  if (o.baseline) check_writable_destination(*o.baseline, "--save-baseline");
  if (o.initialize) {
    load::initialize(request.options.conninfo, o.scale.value_or(1), say);
    return ExitStatus::kSuccess;
  }
  auto header = [](int version) {
    fmt::print("pgcertify load (server {}.{})\n", version / 10000, version % 10000);
    std::fflush(stdout);
  };
  const load::LoadResult result = load::run_request(request, {header, say});
  const load::RunDescription run{request.workload, request.options};
  fmt::print("{}", load::format_summary(run, result));
  for (const auto& e : result.errors) std::fprintf(stderr, "error: %s\n", e.c_str());
  const std::string json = load::summary_json(run, result).dump(1) + "\n";
  if (o.json) write_file_atomic(*o.json, json);
  if (o.baseline && !result.interrupted) write_file_atomic(*o.baseline, json);
  if (result.interrupted) {
    std::fprintf(stderr, "pgcertify: interrupted; the results above cover the run until then\n");
    return ExitStatus::kChecksFailed;
  }
  if (result.aborted_clients > 0 || result.stats.other_failures > 0) {
    std::fprintf(stderr, "pgcertify: %d client(s) aborted, %llu transaction(s) failed with errors other than serialization or deadlock\n",
                 result.aborted_clients, static_cast<unsigned long long>(result.stats.other_failures));
    return ExitStatus::kChecksFailed;
  }
  return ExitStatus::kSuccess;
}
}  // namespace

void setup_load(CLI::App& app, Action& action) {
  auto o = std::make_shared<LoadCommandOptions>();
  CLI::App* load = app.add_subcommand("load", "Run a pgbench-compatible load (pgbench's flags and scripts) and summarise it");
  load->set_help_flag("--help", "Print this help and exit");
  load->add_option("dbname", o->dbname, "Database name or connection string (default: libpq's PGDATABASE / user name)");
  load->add_option("-c,--client", o->clients, "Number of concurrent clients (default 1)");
  load->add_option("-j,--jobs", o->threads, "Number of threads (default 1)");
  load->add_option("-T,--time", o->duration, "Duration of the run in seconds");
  load->add_option("-t,--transactions", o->transactions, "Transactions per client (default 10)");
  load->add_option("-R,--rate", o->rate, "Target rate in transactions per second (latency from the scheduled start)");
  load->add_option("-L,--latency-limit", o->latency_limit,
                   "Count transactions slower than this many ms as late; with -R, skip those already that late");
  load->add_option("-M,--protocol", o->mode, "Query mode: simple, extended or prepared (default simple)");
  load->add_option("-P,--progress", o->progress, "Print progress every N seconds");
  load->add_flag("-r,--report-per-command,--report-latencies", o->per_statement, "Report the average latency of each command");
  load->add_flag("-C,--connect", o->connect, "Open a new connection for each transaction (connection time is measured)");
  load->add_option("--pgbouncer-admin", o->pgbouncer_admin,
                   "PgBouncer admin console DSN (dbname=pgbouncer): sample SHOW POOLS every second, report cl_waiting and maxwait");
  load->add_option("-f,--file", o->files, "Script file, optionally weighted: FILE[@W] (repeatable)")
      ->allow_extra_args(false)  // "-f a.sql DBNAME": one value per -f, as pgbench
      ->each([o](const std::string& v) { o->scripts.emplace_back('f', v); });
  load->add_option("-b,--builtin", o->builtins, "Built-in script: tpcb-like, simple-update or select-only, optionally @W (repeatable)")
      ->allow_extra_args(false)
      ->each([o](const std::string& v) { o->scripts.emplace_back('b', v); });
  load->add_flag_callback("-S,--select-only", [o] { o->scripts.emplace_back('b', "select-only"); }, "Same as -b select-only");
  load->add_flag_callback("-N,--skip-some-updates", [o] { o->scripts.emplace_back('b', "simple-update"); }, "Same as -b simple-update");
  load->add_option("-D,--define", o->defines, "Define a script variable: NAME=VALUE (repeatable)")->allow_extra_args(false);
  load->add_option("-h,--host", o->host, "Database server host or socket directory");
  load->add_option("-p,--port", o->port, "Database server port");
  load->add_option("-U,--username", o->user, "Database user name");
  load->add_flag("-n,--no-vacuum", o->no_vacuum, "Do not vacuum pgbench's tables before the run");
  load->add_flag("-i,--initialize", o->initialize, "Create and fill pgbench's tables (with -s), then exit");
  load->add_option("-s,--scale", o->scale, "Scale factor for -i; :scale for custom scripts");
  load->add_option("--random-seed", o->random_seed, "time (default), rand, or an unsigned integer");
  load->add_option("--max-tries", o->max_tries, "Tries per transaction on serialization failures and deadlocks (default 1)");
  load->add_option("--json", o->json, "Also write the summary and the full latency histogram as JSON to this file");
  load->add_option("--shard", o->shard,
                   "Run shard K of N (K/N): client ids and random streams continue from the shards before, so N shards "
                   "merged by `pgcertify report merge` equal one run of N times the clients");
  load->add_option("--save-baseline", o->baseline,
                   "Write the JSON summary to this file as a baseline for a load check (not when interrupted)");
  load->callback([&action, o] { action = [o] { return run_load_command(*o); }; });
}

}  // namespace pgcertify::cli
