#include "load/summary.hpp"

#include <fmt/format.h>

namespace pgcertify::load {
namespace {
double ms(double ns) { return ns / 1e6; }

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::string transaction_type(const Workload& w) { return w.scripts.size() == 1 ? w.scripts[0].name : "multiple scripts"; }

void failures(std::string& out, const LoadStats& s, const LoadOptions& o, std::uint64_t all) {
  out += fmt::format("number of failed transactions: {} ({:.3f}%)\n", s.failed(), percent(s.failed(), all));
  if (s.failed() > 0) {
    out += fmt::format("number of serialization failures: {} ({:.3f}%)\n", s.serialization_failures, percent(s.serialization_failures, all));
    out += fmt::format("number of deadlock failures: {} ({:.3f}%)\n", s.deadlock_failures, percent(s.deadlock_failures, all));
    out += fmt::format("number of other failures: {} ({:.3f}%)\n", s.other_failures, percent(s.other_failures, all));
  }
  if (o.max_tries != 1) {
    out += fmt::format("number of transactions retried: {} ({:.3f}%)\n", s.retried, percent(s.retried, all));
    out += fmt::format("total number of retries: {}\n", s.retries);
  }
  if (o.rate && o.latency_limit)
    out += fmt::format("number of transactions skipped: {} ({:.3f}%)\n", s.skipped, percent(s.skipped, all));
  if (o.latency_limit)
    out += fmt::format("number of transactions above the {:.1f} ms latency limit: {}/{} ({:.3f}%)\n", o.latency_limit_ms(), s.late,
                       s.transactions, percent(s.late, s.transactions));
}

/// pgcertify's lines beyond pgbench's: connection acquisition, client memory, pool waits.
void extras(std::string& out, const LoadOptions& o, const LoadResult& r) {
  const stats::Histogram& c = r.stats.connect;
  out += fmt::format("connection time p95 = {:.3f} ms (average {:.3f} ms, max {:.3f} ms, {} connections)\n",
                     ms(static_cast<double>(c.percentile_ns(95))), ms(c.mean_ns()), ms(static_cast<double>(c.max_ns())),
                     c.count());
  out += fmt::format("client peak RSS = {:.1f} MB ({:.1f} kB per client)\n", static_cast<double>(r.peak_rss_kb) / 1024.0,
                     static_cast<double>(r.peak_rss_kb) / o.clients);
  if (!r.pool) return;
  out += fmt::format("pool waits (SHOW POOLS, {} samples): peak cl_waiting = {}, maxwait = {:.6f} s\n", r.pool->samples,
                     r.pool->peak_cl_waiting, r.pool->max_wait_s);
  if (!r.pool->error.empty()) out += "pool sampling stopped early: " + r.pool->error + "\n";
}

nlohmann::json connection_json(const stats::Histogram& c) {
  return {{"count", c.count()},
          {"average", ms(c.mean_ns())},
          {"p50", ms(static_cast<double>(c.percentile_ns(50)))},
          {"p95", ms(static_cast<double>(c.percentile_ns(95)))},
          {"p99", ms(static_cast<double>(c.percentile_ns(99)))},
          {"max", ms(static_cast<double>(c.max_ns()))},
          {"histogram", c.to_json()}};
}

void per_script(std::string& out, const RunDescription& run, const LoadResult& r) {
  const int total_weight = run.workload.total_weight();
  const std::uint64_t all = r.stats.transactions;
  for (size_t i = 0; i < run.workload.scripts.size(); ++i) {
    const Script& script = run.workload.scripts[i];
    const ScriptStats& s = r.stats.scripts[i];
    if (run.workload.scripts.size() > 1) {
      out += fmt::format("SQL script {}: {}\n", i + 1, script.name);
      out += fmt::format(" - weight: {} (targets {:.1f}% of total)\n", script.weight, 100.0 * script.weight / total_weight);
      out += fmt::format(" - {} transactions ({:.1f}% of total, tps = {:.6f})\n", s.transactions, percent(s.transactions, all),
                         r.duration_s > 0 ? static_cast<double>(s.transactions) / r.duration_s : 0.0);
      out += fmt::format(" - number of failed transactions: {} ({:.3f}%)\n", s.failed, percent(s.failed, s.transactions + s.failed));
      out += fmt::format(" - latency average = {:.3f} ms\n", ms(s.latency.mean_ns()));
      out += fmt::format(" - latency stddev = {:.3f} ms\n", ms(s.latency.stddev_ns()));
    }
    if (!run.options.per_statement) continue;
    out += run.workload.scripts.size() > 1 ? " - statement latencies in milliseconds and failures:\n"
                                           : "statement latencies in milliseconds and failures:\n";
    for (size_t c = 0; c < script.commands.size(); ++c) {
      const CommandStats& cs = r.stats.commands[i][c];
      const double avg = cs.count ? cs.total_ns / static_cast<double>(cs.count) : 0.0;
      out += fmt::format("  {:>12.3f}  {:>10}  {}\n", ms(avg), cs.failures, script.commands[c].summary);
    }
  }
}
}  // namespace

std::string format_summary(const RunDescription& run, const LoadResult& r) {
  const LoadStats& s = r.stats;
  const LoadOptions& o = run.options;
  const std::uint64_t all = s.transactions + s.failed() + s.skipped;  // pgbench's denominator
  std::string out;
  out += fmt::format("transaction type: {}\n", transaction_type(run.workload));
  out += fmt::format("scaling factor: {}\n", run.workload.scale);
  out += fmt::format("query mode: {}\n", query_mode_name(o.mode));
  out += fmt::format("number of clients: {}\n", o.clients);
  out += fmt::format("number of threads: {}\n", o.threads);
  out += fmt::format("maximum number of tries: {}\n", o.max_tries);
  if (o.duration) {
    out += fmt::format("duration: {} s\n", o.duration->count());
    out += fmt::format("number of transactions actually processed: {}\n", s.transactions);
  } else {
    out += fmt::format("number of transactions per client: {}\n", o.transactions_per_client());
    out += fmt::format("number of transactions actually processed: {}/{}\n", s.transactions,
                       o.transactions_per_client() * o.clients);
  }
  failures(out, s, o, all);
  out += fmt::format("latency average = {:.3f} ms\n", ms(s.latency.mean_ns()));
  out += fmt::format("latency stddev = {:.3f} ms\n", ms(s.latency.stddev_ns()));
  if (o.rate) {
    const double lag = s.transactions ? static_cast<double>(s.lag_total_ns) / static_cast<double>(s.transactions) : 0.0;
    out += fmt::format("rate limit schedule lag: avg {:.3f} (max {:.3f}) ms\n", ms(lag), ms(static_cast<double>(s.lag_max_ns)));
  }
  if (s.reconnects > 0) out += fmt::format("number of reconnections: {}\n", s.reconnects);
  const double tps = r.duration_s > 0 ? static_cast<double>(s.transactions) / r.duration_s : 0.0;
  if (o.connect_per_transaction) {
    out += fmt::format("average connection time = {:.3f} ms\n", ms(s.connect.mean_ns()));
    out += fmt::format("tps = {:.6f} (including reconnection times)\n", tps);
  } else {
    out += fmt::format("initial connection time = {:.3f} ms\n", r.connection_ms);
    out += fmt::format("tps = {:.6f} (without initial connection time)\n", tps);
  }
  out += fmt::format("latency percentiles: p50 = {:.3f} ms, p95 = {:.3f} ms, p99 = {:.3f} ms, max = {:.3f} ms\n",
                     ms(static_cast<double>(s.latency.percentile_ns(50))), ms(static_cast<double>(s.latency.percentile_ns(95))),
                     ms(static_cast<double>(s.latency.percentile_ns(99))), ms(static_cast<double>(s.latency.max_ns())));
  extras(out, o, r);
  per_script(out, run, r);
  return out;
}

nlohmann::json summary_json(const RunDescription& run, const LoadResult& r) {
  const LoadStats& s = r.stats;
  const LoadOptions& o = run.options;
  nlohmann::json scripts = nlohmann::json::array();
  for (size_t i = 0; i < run.workload.scripts.size(); ++i)
    scripts.push_back({{"name", run.workload.scripts[i].name},
                       {"weight", run.workload.scripts[i].weight},
                       {"transactions", s.scripts[i].transactions},
                       {"failed", s.scripts[i].failed},
                       {"skipped", s.scripts[i].skipped},
                       {"histogram", s.scripts[i].latency.to_json()}});
  const double tps = r.duration_s > 0 ? static_cast<double>(s.transactions) / r.duration_s : 0.0;
  return {{"transaction_type", transaction_type(run.workload)},
          {"scaling_factor", run.workload.scale},
          {"query_mode", query_mode_name(o.mode)},
          {"clients", o.clients},
          {"threads", o.threads},
          {"max_tries", o.max_tries},
          {"random_seed", o.random_seed},
          {"shard", {{"index", o.shard}, {"count", o.shards}}},
          {"duration_option_s", o.duration ? nlohmann::json(o.duration->count()) : nlohmann::json()},
          {"transactions_per_client", o.duration ? nlohmann::json() : nlohmann::json(o.transactions_per_client())},
          {"rate", o.rate ? nlohmann::json(*o.rate) : nlohmann::json()},
          {"lag_total_ns", static_cast<double>(s.lag_total_ns)},
          {"lag_max_ns", s.lag_max_ns},
          {"duration_s", r.duration_s},
          {"transactions", s.transactions},
          {"failed", s.failed()},
          {"serialization_failures", s.serialization_failures},
          {"deadlock_failures", s.deadlock_failures},
          {"other_failures", s.other_failures},
          {"retried", s.retried},
          {"retries", s.retries},
          {"skipped", s.skipped},
          {"late", s.late},
          {"reconnects", s.reconnects},
          {"latency_limit_ms", o.latency_limit ? nlohmann::json(o.latency_limit_ms()) : nlohmann::json()},
          {"aborted_clients", r.aborted_clients},
          {"interrupted", r.interrupted},
          {"tps", tps},
          {"initial_connection_ms", r.connection_ms},
          {"latency_ms", {{"average", ms(s.latency.mean_ns())},
                          {"stddev", ms(s.latency.stddev_ns())},
                          {"p50", ms(static_cast<double>(s.latency.percentile_ns(50)))},
                          {"p95", ms(static_cast<double>(s.latency.percentile_ns(95)))},
                          {"p99", ms(static_cast<double>(s.latency.percentile_ns(99)))},
                          {"max", ms(static_cast<double>(s.latency.max_ns()))}}},
          {"histogram", s.latency.to_json()},
          {"scripts", scripts},
          {"connect_per_transaction", o.connect_per_transaction},
          {"connection_ms", connection_json(s.connect)},
          {"client_peak_rss_kb", r.peak_rss_kb},
          {"client_rss_per_connection_kb", static_cast<double>(r.peak_rss_kb) / o.clients},
          {"pool", r.pool ? nlohmann::json{{"samples", r.pool->samples},
                                           {"peak_cl_waiting", r.pool->peak_cl_waiting},
                                           {"maxwait_s", r.pool->max_wait_s},
                                           {"error", r.pool->error}}
                          : nlohmann::json()},
          {"errors", r.errors}};
}

}  // namespace pgcertify::load
