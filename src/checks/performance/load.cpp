// `load`: a pgbench-style load (script, clients, duration) held to throughput, latency and
// failure budgets (seed 000 §2.3/§7.1: 100 concurrent sessions, tps targets, no deadlocks).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "checks/registry.hpp"
#include "checks/performance/pgbouncer_route.hpp"
#include "common/files.hpp"
#include "common/open_files.hpp"
#include "load/baseline.hpp"
#include "load/engine.hpp"
#include "load/pgbench_tables.hpp"
#include "load/pool_sampler.hpp"
#include "load/summary.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"script",   "builtin",       "sql",  "clients",   "threads", "duration", "transactions",
                                        "rate",     "latency_limit", "mode", "max_tries", "seed",    "define",   "writes",
                                        "connect",  "via",           "expect", "baseline", "regression"};
const std::vector<std::string> kExpectKeys = {"tps",        "p50",     "p95",  "p99",    "max",        "errors",
                                              "deadlocks",  "serialization_failures", "late", "skipped", "connect_p95",
                                              "cl_waiting", "maxwait"};
const std::vector<std::string> kDurationBudgets = {"p50", "p95", "p99", "max", "connect_p95", "maxwait"};

/// Sessions are read-only unless the plan says the script writes (safety model).
constexpr const char* kReadOnly = "-c default_transaction_read_only=on";

class LoadCheck final : public Check {
 public:
  explicit LoadCheck(const plan::Node& options) {
    options.require_map("load options (script, builtin or sql; clients, threads, duration, rate, mode, expect, …)");
    options.check_keys(kKeys);
    read_scripts(options);
    read_run(options);
    via_pgbouncer_ = read_via(options);
    if (auto expect = options.get("expect")) read_expect(*expect);
    read_baseline(options);
    workload_.validate();
    try {
      workload_.check_mode(options_.mode);
    } catch (const Error& e) {
      throw options.error(e.what());
    }
  }

  std::string default_name() const override {
    return fmt::format("load of {} with {} clients", workload_.scripts.front().name, options_.clients);
  }

  std::vector<Outcome> run(Context& context) const override {
    // What a writing load commits goes to a scratch copy, so later checks see the database
    // as it was (on the ephemeral cluster too); a DSN target is copied only when allowed.
    const bool needs_scratch = writes_;
    if (needs_scratch && !context.settings().throwaway_target && !context.settings().allow_scratch)
      return {Outcome::error("a load with 'writes: true' commits what it writes, and pgcertify never commits to a --dsn "
                             "target: run with --allow-scratch to load a scratch copy of the database (dropped "
                             "afterwards), or without --dsn on the ephemeral cluster")};
    // pgcertify's own PgBouncer routes every database name (`* =`); a user's may not.
    if (needs_scratch && via_pgbouncer_ && !context.settings().throwaway_target)
      return {Outcome::error("a writing load via pgbouncer against a --dsn target cannot reach a scratch database: "
                             "target.pgbouncer serves the databases its own configuration names; drop "
                             "'via: pgbouncer' or 'writes: true'")};
    load::LoadOptions options = options_;
    options.conninfo = context.dsn();
    std::optional<load::PoolSampler> sampler;
    if (via_pgbouncer_) {
      options.conninfo = pgbouncer_dsn_for(context, writes_);
      options.session_options.clear();  // PgBouncer refuses the 'options' startup parameter
      try {
        sampler.emplace(pg::with_database(options.conninfo, "pgbouncer"));
      } catch (const Error& e) {
        if (budget("cl_waiting") || budget("maxwait"))
          return {Outcome::error(std::string("cannot read PgBouncer's SHOW POOLS for the pool-wait budgets: ") + e.what())};
      }
    }
    ensure_open_files(static_cast<unsigned long>(options.clients) + 64, fmt::format("a load with {} clients", options.clients));
    load::Workload workload = workload_;
    if (!baseline_.empty() && !context.settings().save_baselines && !std::filesystem::exists(baseline_))
      return {Outcome::error(fmt::format("baseline {} does not exist: record it once with `pgcertify run PLAN --save-baseline`",
                                         baseline_))};
    if (workload.uses_builtin) workload.scale = load::detect_scale(context.connection());
    std::unique_ptr<ScratchDatabase> scratch;
    if (needs_scratch) {
      scratch = context.scratch_copy();
      options.conninfo = via_pgbouncer_ ? pg::with_database(options.conninfo, scratch->name()) : scratch->dsn();
    }
    load::LoadResult result = load::run_load(workload, options);
    if (sampler) result.pool = sampler->finish();
    Outcome out = judge(result);
    if (scratch) out.message += "; ran in scratch database " + scratch->name() + ", dropped afterwards";
    if (baseline_.empty() || result.interrupted) return {out};
    const nlohmann::json summary = load::summary_json({workload, options}, result);
    if (context.settings().save_baselines) {
      write_file_atomic(baseline_, summary.dump(1) + "\n");
      out.message += "; baseline written to " + baseline_;
      return {out};
    }
    compare_with_baseline(out, load::figures_of(summary, "this run"));
    return {out};
  }

  bool via_pgbouncer() const override { return via_pgbouncer_; }

 private:
  void read_scripts(const plan::Node& options) {
    int given = 0;
    if (auto script = options.get("script")) {
      ++given;
      for (const auto& spec : script->as_string_list("a script file (FILE or FILE@WEIGHT) or a list of them")) {
        const std::filesystem::path plan_file = script->source()->path;
        try {
          workload_.add_file((plan_file.parent_path() / spec).string());
        } catch (Error& e) {
          if (e.where.empty()) throw script->error(e.what());
          throw;
        }
      }
    }
    if (auto builtin = options.get("builtin")) {
      ++given;
      try {
        for (const auto& spec : builtin->as_string_list()) workload_.add_builtin(spec);
      } catch (const Error& e) {
        throw builtin->error(e.what());
      }
    }
    if (auto sql = options.get("sql")) {
      ++given;
      const plan::Node& node = *sql;
      try {
        workload_.add(load::parse_script(node.as_string("a pgbench script"), node.location().to_string(), workload_.names));
      } catch (const Error& e) {
        if (e.where.line == 0) throw;
        throw node.error_in_value(e.where.line, e.where.column, e.what());
      }
    }
    if (given == 0) throw options.error("load needs 'script' (pgbench script files), 'builtin' or 'sql' (an inline script)");
  }

  void read_run(const plan::Node& options) {
    auto positive = [](const plan::Node& n, const char* what) {
      const long long v = n.as_integer("a positive number");
      if (v < 1) throw n.error(fmt::format("'{}' must be at least 1", what));
      return v;
    };
    if (auto n = options.get("clients")) options_.clients = static_cast<int>(positive(*n, "clients"));
    if (auto n = options.get("threads")) options_.threads = static_cast<int>(positive(*n, "threads"));
    else options_.threads = std::min(options_.clients, 2);
    if (auto n = options.get("transactions")) options_.transactions = positive(*n, "transactions");
    if (auto d = options.get("duration")) {
      const double seconds = std::ceil(static_cast<double>(d->as_duration().count()) / 1e6);
      options_.duration = std::chrono::seconds(std::max(1LL, static_cast<long long>(seconds)));
    }
    if (!options_.duration && !options_.transactions) options_.duration = std::chrono::seconds(10);
    if (auto r = options.get("rate")) options_.rate = r->as_number("transactions per second");
    if (auto l = options.get("latency_limit")) options_.latency_limit_ms = static_cast<double>(l->as_duration().count()) / 1000.0;
    if (auto m = options.get("mode")) {
      const std::string mode = m->as_string();
      if (mode == "simple") options_.mode = load::QueryMode::kSimple;
      else if (mode == "extended") options_.mode = load::QueryMode::kExtended;
      else if (mode == "prepared") options_.mode = load::QueryMode::kPrepared;
      else throw m->error("invalid mode '" + mode + "' (expected simple, extended or prepared, as pgbench's -M)");
    } else {
      options_.mode = load::QueryMode::kPrepared;
    }
    if (auto n = options.get("max_tries")) options_.max_tries = static_cast<int>(positive(*n, "max_tries"));
    if (auto n = options.get("seed")) options_.random_seed = static_cast<std::uint64_t>(n->as_integer("an unsigned integer"));
    if (auto defines = options.get("define")) {
      defines->require_map("variables: {name: value}");
      for (const auto& [k, v] : defines->entries()) workload_.define(k.as_string(), v.as_string());
    }
    writes_ = options.get("writes") && options.get("writes")->as_bool();
    options_.connect_per_transaction = options.get("connect") && options.get("connect")->as_bool();
    if (!writes_) options_.session_options = kReadOnly;
    try {
      options_.validate();
    } catch (const Error& e) {
      throw options.error(e.what());
    }
  }

  void read_expect(const plan::Node& expect) {
    expect.require_map("expect: {tps, p50, p95, p99, max, errors, deadlocks, serialization_failures, late, skipped, connect_p95, …}");
    expect.check_keys(kExpectKeys);
    for (const auto& [key_node, value] : expect.entries()) {
      const std::string key = key_node.as_string();
      if ((key == "cl_waiting" || key == "maxwait") && !via_pgbouncer_)
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
      if ((key == "late" || key == "skipped") && !options_.latency_limit_ms)
        throw value.error("'" + key + "' counts transactions against 'latency_limit', which this load does not set");
      budgets_.emplace_back(key, t);
    }
  }

  /// `baseline: FILE` (relative to the plan) and `regression: {tps: 10%, p95: 20%, …}`.
  void read_baseline(const plan::Node& options) {
    const auto regression = options.get("regression");
    const auto baseline = options.get("baseline");
    if (regression && !baseline) throw regression->error("'regression' compares with a 'baseline' file, which this load does not name");
    if (!baseline) return;
    baseline_ = (std::filesystem::path(baseline->source()->path).parent_path() / baseline->as_string("a JSON file")).string();
    if (!regression) {
      tolerances_ = {{"tps", 10.0}, {"p95", 20.0}};  // documented defaults
      return;
    }
    regression->require_map("regression: {tps: 10%, p95: 20%, p99: 20%}");
    regression->check_keys(load::regression_metrics());
    for (const auto& [key, value] : regression->entries()) {
      const std::string text = value.as_string("a tolerance in percent, e.g. 10%");
      double percent = -1;
      try {
        size_t used = 0;
        percent = std::stod(text, &used);
        if (text.substr(used) != "%") percent = -1;
      } catch (const std::exception&) {
      }
      if (percent < 0) throw value.error("a tolerance is a percentage, e.g. 10%, not '" + text + "'");
      tolerances_.emplace_back(key.as_string(), percent);
    }
  }

  void compare_with_baseline(Outcome& out, const load::Figures& measured) const {
    const load::Figures base = load::read_baseline(baseline_);
    std::string regressed;
    for (const auto& [metric, tolerance] : tolerances_) {
      const load::Comparison c = load::compare(metric, base, measured, tolerance);
      out.measurements.push_back({metric + " vs baseline", fmt::format("{:+.1f}%", c.change_percent),
                                  fmt::format("{} {}%", metric == "tps" ? ">= -" : "<= +", tolerance)});
      if (c.regressed) regressed += (regressed.empty() ? "" : "; ") + c.describe();
    }
    if (regressed.empty()) {
      out.message += "; within tolerance of baseline " + baseline_;
      return;
    }
    if (out.status != Status::kPass) return;  // a missed budget already says what failed
    out.status = Status::kFail;
    out.message = "regression against baseline " + baseline_ + ": " + regressed;
  }

  Outcome judge(const load::LoadResult& r) const;

  const plan::Threshold* budget(const std::string& key) const {
    for (const auto& [k, t] : budgets_)
      if (k == key) return &t;
    return nullptr;
  }

  load::Workload workload_;
  load::LoadOptions options_;
  std::vector<std::pair<std::string, plan::Threshold>> budgets_;
  bool writes_ = false;
  bool via_pgbouncer_ = false;
  std::string baseline_;
  std::vector<std::pair<std::string, double>> tolerances_;
};

std::string show_ms(double ns) { return fmt::format("{:.3g}ms", ns / 1e6); }

Outcome LoadCheck::judge(const load::LoadResult& r) const {
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
    if ((m.key == "late" || m.key == "skipped") && !options_.latency_limit_ms) continue;
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
  const std::string what = fmt::format("{} transactions, {} clients, {:.2f}s", s.transactions, options_.clients, r.duration_s);
  for (const auto& e : r.errors) {
    if (out.evidence.size() >= kMaxEvidence) break;
    out.evidence.push_back(e);
  }
  if (r.interrupted) return Outcome::error("interrupted after " + what);
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
}  // namespace

CheckKind load_kind() {
  return kind_of<LoadCheck>("load", "a pgbench-compatible load (scripts, clients, duration, rate) against tps, latency and failure budgets");
}

}  // namespace pgcertify::checks
