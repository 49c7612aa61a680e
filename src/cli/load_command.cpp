// `pgcertify load [pgbench options] [DBNAME]`: pgbench's command line, pgcertify's engine.

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "cli/commands.hpp"
#include "common/files.hpp"
#include "common/strings.hpp"
#include "common/interrupt.hpp"
#include "common/open_files.hpp"
#include "load/engine.hpp"
#include "load/pgbench_tables.hpp"
#include "load/pool_sampler.hpp"
#include "load/summary.hpp"
#include "pg/connection.hpp"

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

std::string quote_conninfo(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

/// A connection string from -h -p -U and DBNAME (which may itself be a connection string, as
/// for pgbench); unset parts come from libpq's PG* environment variables.
std::string conninfo(const LoadCommandOptions& o) {
  const bool dbname_is_conninfo = o.dbname.find('=') != std::string::npos || o.dbname.rfind("postgres://", 0) == 0 || o.dbname.rfind("postgresql://", 0) == 0;
  std::string out = dbname_is_conninfo ? o.dbname : (o.dbname.empty() ? "" : "dbname=" + quote_conninfo(o.dbname));
  if (dbname_is_conninfo && o.dbname.find("://") != std::string::npos && (!o.host.empty() || !o.port.empty() || !o.user.empty()))
    throw Error(ErrorKind::kUsage, "-h, -p and -U cannot be combined with a URI database name; put them in the URI");
  for (const auto& [key, value] : {std::pair{"host", o.host}, {"port", o.port}, {"user", o.user}})
    if (!value.empty()) out += fmt::format("{}{}={}", out.empty() ? "" : " ", key, quote_conninfo(value));
  return out;
}

std::uint64_t seed_of(const std::string& text) {
  if (text == "time") return static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  if (text == "rand") return (static_cast<std::uint64_t>(std::random_device{}()) << 32) | std::random_device{}();
  try {
    size_t used = 0;
    const std::uint64_t seed = std::stoull(text, &used);
    if (used == text.size() && text[0] != '-') return seed;
  } catch (const std::exception&) {
  }
  throw Error(ErrorKind::kUsage, fmt::format("unrecognized random seed option \"{}\" (expected time, rand or an unsigned integer)", text));
}

load::QueryMode mode_of(const std::string& m) {
  if (m == "simple") return load::QueryMode::kSimple;
  if (m == "extended") return load::QueryMode::kExtended;
  if (m == "prepared") return load::QueryMode::kPrepared;
  throw Error(ErrorKind::kUsage, fmt::format("invalid query mode (-M): \"{}\" (expected simple, extended or prepared)", m));
}

/// Everything from the command line, checked, before any connection.
std::pair<load::Workload, load::LoadOptions> read_options(const LoadCommandOptions& o) {
  load::LoadOptions options;
  options.conninfo = conninfo(o);
  options.clients = o.clients;
  options.threads = o.threads;
  if (o.duration) options.duration = std::chrono::seconds(*o.duration);
  options.transactions = o.transactions;
  options.rate = o.rate;
  options.latency_limit_ms = o.latency_limit;
  options.mode = mode_of(o.mode);
  options.max_tries = o.max_tries;
  options.progress_seconds = o.progress;
  options.per_statement = o.per_statement;
  options.connect_per_transaction = o.connect;
  options.random_seed = seed_of(o.random_seed);
  if (o.shard) {
    const auto parts = split(*o.shard, '/');
    try {
      if (parts.size() != 2) throw std::invalid_argument("K/N");
      options.shard = std::stoi(parts[0]);
      options.shards = std::stoi(parts[1]);
    } catch (const std::exception&) {
      throw Error(ErrorKind::kUsage, fmt::format("invalid --shard \"{}\" (expected K/N, e.g. 2/4)", *o.shard));
    }
  }
  options.validate();
  load::Workload workload;
  for (const auto& [kind, spec] : o.scripts) {
    if (kind == 'f') workload.add_file(spec);
    else workload.add_builtin(spec);
  }
  if (workload.scripts.empty()) workload.add_builtin("tpcb-like");
  for (const auto& d : o.defines) {
    const size_t eq = d.find('=');
    if (eq == std::string::npos || eq == 0) throw Error(ErrorKind::kUsage, fmt::format("invalid variable definition: \"{}\" (expected NAME=VALUE)", d));
    workload.define(d.substr(0, eq), d.substr(eq + 1));
  }
  workload.validate();
  workload.check_mode(options.mode);
  return {std::move(workload), options};
}

ExitStatus run_load_command(const LoadCommandOptions& o) {
  auto [workload, options] = read_options(o);
  if (o.json) check_writable_destination(*o.json, "--json");
  if (o.baseline) check_writable_destination(*o.baseline, "--save-baseline");
  auto say = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  {
    pg::Connection c(options.conninfo);
    if (o.initialize) {
      load::initialize_tables(c, o.scale.value_or(1), say);
      return ExitStatus::kSuccess;
    }
    workload.scale = workload.uses_builtin ? load::detect_scale(c) : o.scale.value_or(1);
    if (workload.uses_builtin && o.scale && *o.scale != workload.scale)
      say("scale option ignored, using count from pgbench_branches table (" + std::to_string(workload.scale) + ")");
    fmt::print("pgcertify load (server {}.{})\n", c.server_version() / 10000, c.server_version() % 10000);
    if (workload.uses_builtin && !o.no_vacuum) {
      std::fputs("starting vacuum...", stderr);
      load::vacuum_tables(c);
      std::fputs("end.\n", stderr);
    }
  }
  // One descriptor per client socket, and a margin for epoll, the terminal and the console.
  ensure_open_files(static_cast<unsigned long>(options.clients) + 64, fmt::format("-c {}", options.clients));
  std::optional<load::PoolSampler> sampler;
  if (o.pgbouncer_admin) sampler.emplace(*o.pgbouncer_admin);
  std::fflush(stdout);
  load::LoadResult result = load::run_load(workload, options, say);
  if (sampler) result.pool = sampler->finish();
  const load::RunDescription run{workload, options};
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
