#include "load/load_stats.hpp"

#include <algorithm>

namespace pgcertify::load {

FailureKind failure_kind_of(std::string_view sqlstate) {
  if (sqlstate == "40001") return FailureKind::kSerialization;
  if (sqlstate == "40P01") return FailureKind::kDeadlock;
  return FailureKind::kOther;
}

LoadStats::LoadStats(const std::vector<int>& commands_per_script) : scripts(commands_per_script.size()) {
  for (int n : commands_per_script) commands.emplace_back(static_cast<size_t>(n));
}

void LoadStats::record(const TransactionRecord& t) {
  ScriptStats& s = scripts[static_cast<size_t>(t.script)];
  if (t.skipped) {
    ++skipped;
    ++s.skipped;
    return;
  }
  if (t.late) ++late;
  if (t.tries > 1) {
    ++retried;
    retries += static_cast<std::uint64_t>(t.tries - 1);
  }
  switch (t.failure) {
    case FailureKind::kNone:
      ++transactions;
      ++s.transactions;
      latency.record_ns(t.latency_ns);
      s.latency.record_ns(t.latency_ns);
      lag_total_ns += t.lag_ns;
      lag_max_ns = std::max(lag_max_ns, t.lag_ns);
      return;
    case FailureKind::kSerialization: ++serialization_failures; break;
    case FailureKind::kDeadlock: ++deadlock_failures; break;
    case FailureKind::kOther: ++other_failures; break;
  }
  ++s.failed;
}

void LoadStats::record_command(int script, int command, std::int64_t ns, bool failed) {
  CommandStats& c = commands[static_cast<size_t>(script)][static_cast<size_t>(command)];
  ++c.count;
  c.failures += failed ? 1 : 0;
  c.total_ns += static_cast<double>(ns);
}

void LoadStats::merge(const LoadStats& o) {
  latency.merge(o.latency);
  connect.merge(o.connect);
  transactions += o.transactions;
  serialization_failures += o.serialization_failures;
  deadlock_failures += o.deadlock_failures;
  other_failures += o.other_failures;
  retried += o.retried;
  retries += o.retries;
  skipped += o.skipped;
  late += o.late;
  reconnects += o.reconnects;
  lag_total_ns += o.lag_total_ns;
  lag_max_ns = std::max(lag_max_ns, o.lag_max_ns);
  if (scripts.size() < o.scripts.size()) {
    scripts.resize(o.scripts.size());
    commands.resize(o.commands.size());
  }
  for (size_t i = 0; i < o.scripts.size(); ++i) {
    scripts[i].transactions += o.scripts[i].transactions;
    scripts[i].failed += o.scripts[i].failed;
    scripts[i].skipped += o.scripts[i].skipped;
    scripts[i].latency.merge(o.scripts[i].latency);
    if (commands[i].size() < o.commands[i].size()) commands[i].resize(o.commands[i].size());
    for (size_t c = 0; c < o.commands[i].size(); ++c) {
      commands[i][c].count += o.commands[i][c].count;
      commands[i][c].failures += o.commands[i][c].failures;
      commands[i][c].total_ns += o.commands[i][c].total_ns;
    }
  }
}

}  // namespace pgcertify::load
