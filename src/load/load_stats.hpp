#pragma once
// What a load run measured: kept per thread while it runs (no sharing, no locks), merged after.

#include <cstdint>
#include <string>
#include <vector>

#include "stats/histogram.hpp"

namespace pgcertify::load {

enum class FailureKind { kNone, kSerialization, kDeadlock, kOther };

/// SQLSTATE class 40001 and 40P01 are retryable (--max-tries); anything else is kOther.
FailureKind failure_kind_of(std::string_view sqlstate);

/// One finished transaction, as a client reports it.
struct TransactionRecord {
  int script = 0;
  std::int64_t latency_ns = 0;  // from the scheduled start (-R) or the actual start
  std::int64_t lag_ns = 0;      // actual start - scheduled start (-R only)
  int tries = 1;
  FailureKind failure = FailureKind::kNone;
  bool skipped = false;  // -R with --latency-limit: too late to start, never sent
  bool late = false;     // --latency-limit: finished, but slower than the limit
};

struct CommandStats {
  std::uint64_t count = 0;
  std::uint64_t failures = 0;
  double total_ns = 0;
};

struct ScriptStats {
  std::uint64_t transactions = 0;  // successful
  std::uint64_t failed = 0;
  std::uint64_t skipped = 0;
  stats::Histogram latency;
};

struct LoadStats {
  explicit LoadStats(const std::vector<int>& commands_per_script = {});

  void record(const TransactionRecord& t);
  void record_command(int script, int command, std::int64_t ns, bool failed);
  void merge(const LoadStats& other);

  std::uint64_t failed() const { return serialization_failures + deadlock_failures + other_failures; }

  stats::Histogram latency;  // successful transactions
  stats::Histogram connect;  // each connection's PQconnectStart -> ready, initial and later (-C, reconnects)
  std::uint64_t transactions = 0;
  std::uint64_t serialization_failures = 0;
  std::uint64_t deadlock_failures = 0;
  std::uint64_t other_failures = 0;
  std::uint64_t retried = 0;  // transactions that needed more than one try
  std::uint64_t retries = 0;  // tries beyond the first, in all
  std::uint64_t skipped = 0;  // --latency-limit with -R: never started (pgbench's "skipped")
  std::uint64_t late = 0;     // --latency-limit: successful but slower than the limit
  std::uint64_t reconnects = 0;  // connections re-established after one was lost mid-run
  long double lag_total_ns = 0;
  std::int64_t lag_max_ns = 0;
  std::vector<ScriptStats> scripts;
  std::vector<std::vector<CommandStats>> commands;
};

}  // namespace pgcertify::load
