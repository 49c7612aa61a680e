#include "checks/performance/load_budgets.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "load/option_text.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kExpectKeys = {"tps",        "p50",     "p95",  "p99",    "max",        "errors",
                                              "deadlocks",  "serialization_failures", "late", "skipped", "connect_p95",
                                              "cl_waiting", "maxwait"};
const std::vector<std::string> kDurationBudgets = {"p50", "p95", "p99", "max", "connect_p95", "maxwait"};

std::string show_ms(double ns) { return fmt::format("{:.3g}ms", ns / 1e6); }

}  // namespace

void LoadBudgets::read_expect(const plan::Node& expect, bool via_pgbouncer, bool latency_limit) {
  expect.require_map("expect: {tps, p50, p95, p99, max, errors, deadlocks, serialization_failures, late, skipped, connect_p95, …}");
  expect.check_keys(kExpectKeys);
  for (const auto& [key_node, value] : expect.entries()) {
    const std::string key = key_node.as_string();
    if ((key == "cl_waiting" || key == "maxwait") && !via_pgbouncer)
      throw key_node.error("'" + key + "' is read from PgBouncer's SHOW POOLS: it needs 'via: pgbouncer'");
    plan::Threshold t = value.as_threshold();
    const bool latency = std::find(kDurationBudgets.begin(), kDurationBudgets.end(), key) != kDurationBudgets.end();
    if (latency && t.unit != plan::ThresholdUnit::kDuration) throw value.error("'" + key + "' is a duration budget, e.g. 100ms");
    if (!latency && t.unit == plan::ThresholdUnit::kDuration) throw value.error("'" + key + "' is a number, not a duration");
    // A bare tps is a floor ("tps: 500" means at least 500), unlike the other budgets.
    if (key == "tps" && value.as_string().find_first_of("<>=!") == std::string::npos)
      t = *plan::parse_threshold(">= " + value.as_string());
    if (key == "tps" && t.unit == plan::ThresholdUnit::kPercent) throw value.error("'tps' is a number of transactions per second");
    if (key == "cl_waiting" && t.unit == plan::ThresholdUnit::kPercent) throw value.error("'cl_waiting' is a number of clients");
    if ((key == "late" || key == "skipped") && !latency_limit)
      throw value.error("'" + key + "' counts transactions against 'latency_limit', which this load does not set");
    budgets_.emplace_back(key, t);
  }
}

void LoadBudgets::read_regression(const plan::Node* regression) {
  if (!regression) {
    tolerances_ = {{"tps", 10.0}, {"p95", 20.0}};  // documented defaults
    return;
  }
  regression->require_map("regression: {tps: 10%, p95: 20%, p99: 20%}");
  regression->check_keys(load::regression_metrics());
  for (const auto& [key, value] : regression->entries()) {
    try {
      tolerances_.emplace_back(key.as_string(), load::parse_percent(value.as_string("a tolerance in percent, e.g. 10%")));
    } catch (const Error& e) {
      if (e.kind != ErrorKind::kUsage) throw;
      throw value.error(e.what());
    }
  }
}

const plan::Threshold* LoadBudgets::budget(const std::string& key) const {
  for (const auto& [k, t] : budgets_)
    if (k == key) return &t;
  return nullptr;
}

void LoadBudgets::compare(Outcome& out, const std::string& baseline_file, const load::Figures& measured) const {
  const load::Figures base = load::read_baseline(baseline_file);
  std::string regressed;
  for (const auto& [metric, tolerance] : tolerances_) {
    const load::Comparison c = load::compare(metric, base, measured, tolerance);
    out.measurements.push_back({metric + " vs baseline", fmt::format("{:+.1f}%", c.change_percent),
                                fmt::format("{} {}%", metric == "tps" ? ">= -" : "<= +", tolerance)});
    if (c.regressed) regressed += (regressed.empty() ? "" : "; ") + c.describe();
  }
  if (regressed.empty()) {
    out.message += "; within tolerance of baseline " + baseline_file;
    return;
  }
  if (out.status != Status::kPass) return;  // a missed budget already says what failed
  out.status = Status::kFail;
  out.message = "regression against baseline " + baseline_file + ": " + regressed;
}

Outcome LoadBudgets::judge(const load::LoadResult& r, int clients, bool latency_limit) const {
  const load::LoadStats& s = r.stats;
  const double tps = r.duration_s > 0 ? static_cast<double>(s.transactions) / r.duration_s : 0.0;
  const std::uint64_t all = s.transactions + s.failed() + s.skipped;
  struct Measured {
    std::string key, shown;
    double value;          // in the threshold's unit: µs for durations, count or percent
    std::uint64_t count;   // failures, for percent budgets
    std::uint64_t whole;   // what a percent budget is a share of
  };
  auto latency = [&](const std::string& key, std::int64_t ns) {
    return Measured{key, show_ms(static_cast<double>(ns)), static_cast<double>(ns) / 1000.0, 0, 0};
  };
  auto failures = [&](const std::string& key, std::uint64_t n, std::uint64_t whole) {
    return Measured{key, std::to_string(n), static_cast<double>(n), n, whole};
  };
  std::vector<Measured> measured = {
      {"tps", fmt::format("{:.1f}", tps), tps, 0, 0},
      latency("p50", s.latency.percentile_ns(50)),
      latency("p95", s.latency.percentile_ns(95)),
      latency("p99", s.latency.percentile_ns(99)),
      latency("max", s.latency.max_ns()),
      failures("errors", s.failed() + static_cast<std::uint64_t>(r.aborted_clients), all),
      failures("deadlocks", s.deadlock_failures, all),
      failures("serialization_failures", s.serialization_failures, all),
      failures("late", s.late, s.transactions),  // as pgbench: a share of the successful ones
      failures("skipped", s.skipped, all),
      latency("connect_p95", s.connect.percentile_ns(95))};
  if (r.pool) {
    measured.push_back(failures("cl_waiting", static_cast<std::uint64_t>(r.pool->peak_cl_waiting), 0));
    measured.push_back(latency("maxwait", static_cast<std::int64_t>(r.pool->max_wait_s * 1e9)));
  }
  Outcome out;
  std::string missed;
  for (const auto& m : measured) {
    if ((m.key == "late" || m.key == "skipped") && !latency_limit) continue;
    const plan::Threshold* budget = this->budget(m.key);
    double value = m.value;
    std::string shown = m.shown;
    if (budget && budget->unit == plan::ThresholdUnit::kPercent) {
      value = m.whole ? 100.0 * static_cast<double>(m.count) / static_cast<double>(m.whole) : 0.0;
      shown = fmt::format("{} ({:.3f}%)", m.count, value);
    }
    out.measurements.push_back({m.key, shown, budget ? budget->describe() : ""});
    if (budget && !budget->holds(value) && missed.empty()) missed = fmt::format("{} {} is not {}", m.key, shown, budget->describe());
  }
  const std::string what = fmt::format("{} transactions, {} clients, {:.2f}s", s.transactions, clients, r.duration_s);
  for (const auto& e : r.errors) {
    if (out.evidence.size() >= kMaxEvidence) break;
    out.evidence.push_back(e);
  }
  if (r.interrupted) return Outcome::error("interrupted after " + what);
  // A latency budget over no successful transaction measured nothing: an empty histogram reads
  // 0 ms, which would pass any bound.
  if (missed.empty() && s.transactions == 0)
    for (const char* key : {"p50", "p95", "p99", "max"})
      if (this->budget(key)) {
        missed = fmt::format("no transaction succeeded ({} failed), so the {} budget {} measured nothing", s.failed(),
                             key, this->budget(key)->describe());
        break;
      }
  if (!missed.empty()) {
    out.status = Status::kFail;
    out.message = missed + " (" + what + ")";
    return out;
  }
  out.message = fmt::format("{:.1f} tps, p95 {}, {} errors, connect p95 {}", tps,
                            show_ms(static_cast<double>(s.latency.percentile_ns(95))), s.failed(),
                            show_ms(static_cast<double>(s.connect.percentile_ns(95))));
  if (r.pool) out.message += fmt::format(", peak cl_waiting {}, maxwait {}", r.pool->peak_cl_waiting, show_ms(r.pool->max_wait_s * 1e9));
  out.message += " (" + what + ")";
  return out;
}

}  // namespace pgcertify::checks
