#pragma once
// What a load run executes and how: the scripts with their weights and variables (Workload),
// and pgbench's run options (LoadOptions). Both are validated before any connection is made.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "load/random.hpp"
#include "load/script.hpp"
#include "load/variables.hpp"

namespace pgcertify::load {

enum class QueryMode { kSimple, kExtended, kPrepared };
std::string_view query_mode_name(QueryMode mode);

/// Sets a client's variables before each of its transactions, outside the measured time
/// (`transaction` counts from 0, warm-up included): the latency check's generated parameters.
using TransactionDraw = std::function<void(std::int64_t transaction, Variables& variables)>;

struct Workload {
  VariableNames names;
  std::vector<Script> scripts;
  std::vector<std::pair<int, std::string>> defines;  // -D name=value
  std::int64_t scale = 1;
  bool uses_builtin = false;  // pgbench's tables are needed: read the scale, vacuum first
  /// When set, each client gets its own draw (by client id), e.g. with its own random stream.
  std::function<TransactionDraw(int client)> draws;

  /// Adds a script; its weight comes from the script (`@weight`). Throws Error (kUsage) for a
  /// zero total weight later in validate().
  void add(Script script) { scripts.push_back(std::move(script)); }
  void define(const std::string& name, const std::string& value) { defines.emplace_back(names.intern(name), value); }
  /// The script of a transaction, drawn by weight.
  int choose(Prng& rng) const;
  int total_weight() const;
  /// Throws Error (kUsage) when there is no script or every weight is zero.
  void validate() const;
  /// Throws Error (kUsage) naming the script and line of a \startpipeline in simple mode.
  void check_mode(QueryMode mode) const;
  /// -f FILE[@WEIGHT]: reads and parses a script file. Throws Error (kIo, kPlan, kUsage).
  void add_file(const std::string& spec);
  /// -b NAME[@WEIGHT]: a built-in script.
  void add_builtin(const std::string& spec);
};

/// A statement each client runs once connected, before preparing (e.g. SET ROLE, set_config),
/// with its parameters.
struct SessionStatement {
  std::string sql;
  std::vector<std::string> params;
};

struct LoadOptions {
  std::string conninfo;
  /// libpq's `options` for every client session (e.g. "-c default_transaction_read_only=on").
  std::string session_options;
  int clients = 1;
  int threads = 1;
  std::optional<std::chrono::seconds> duration;  // -T
  std::optional<std::int64_t> transactions;      // -t, per client (default 10 without -T)
  /// `transactions` is the total over all clients, split as evenly as it goes (the first
  /// clients one more): the latency check's `runs`.
  bool transactions_in_total = false;
  /// Per client, before the measured ones: run but not recorded (the latency check's warm-up).
  std::int64_t warmup_transactions = 0;
  std::vector<SessionStatement> session_setup;
  /// The run stops here, as on SIGINT (LoadResult::interrupted): a check's timeout.
  std::optional<std::chrono::steady_clock::time_point> stop_at;
  std::optional<double> rate;                    // -R, transactions per second over all clients
  /// --latency-limit: slower transactions count as late; with -R, those already later than this
  /// when they would start are skipped; retries stop once a transaction has taken longer.
  std::optional<std::chrono::nanoseconds> latency_limit;
  QueryMode mode = QueryMode::kSimple;
  int max_tries = 1;
  std::optional<int> progress_seconds;  // -P
  bool per_statement = false;           // -r
  bool connect_per_transaction = false;  // -C: a new connection for every transaction
  std::uint64_t random_seed = 0;
  /// --shard K/N: this process is shard K (1-based) of N, each running `clients` clients. Its
  /// clients are numbered from (K-1)·clients, so the N shards together draw the ids and random
  /// streams of one run of N·clients.
  int shard = 1, shards = 1;

  /// Throws Error (kUsage) naming the offending option, before anything slow happens.
  void validate() const;
  std::int64_t transactions_per_client() const { return transactions.value_or(duration ? 0 : 10); }
  int first_client_id() const { return (shard - 1) * clients; }
  /// The transactions client `id` runs, warm-up included; 0 for as many as -T allows.
  std::int64_t transactions_of(int id) const;
  std::int64_t latency_limit_ns() const { return latency_limit ? latency_limit->count() : 0; }
  /// As pgbench prints it (and the --json summary keeps it).
  double latency_limit_ms() const { return static_cast<double>(latency_limit_ns()) / 1e6; }
};

}  // namespace pgcertify::load
