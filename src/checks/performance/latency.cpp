// `latency`: run a statement many times and hold its client-observed latency to budgets on
// percentiles, mean and max (seed 000 §2: dashboards p95 < 100 ms, functions < 1 ms). The runs
// go through the load engine (src/load) as a one-statement workload timed around the statement
// alone; parameters come from datagen's generators.

#include <fmt/format.h>

#include "checks/performance/load_options.hpp"
#include "checks/performance/pgbouncer_route.hpp"
#include "checks/registry.hpp"
#include "checks/session.hpp"
#include "common/interrupt.hpp"
#include "datagen/param_source.hpp"
#include "load/engine.hpp"
#include "load/option_text.hpp"
#include "load/statement_workload.hpp"
#include "plan/sql_safety.hpp"
#include "stats/histogram.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"sql",     "runs",     "warmup", "mode", "concurrency", "params", "seed",
                                        "writes",  "as_role",  "settings", "via", "p50",         "p90",    "p95",
                                        "p99",     "p999",     "mean",     "max"};
const std::vector<std::pair<std::string, double>> kPercentiles = {
    {"p50", 50}, {"p90", 90}, {"p95", 95}, {"p99", 99}, {"p999", 99.9}};

/// Each client has its own connection, made read-only for the session (unless `writes`, when
/// every run is its own transaction, rolled back); the clock runs around the statement only.
class LatencyCheck final : public Check {
 public:
  explicit LatencyCheck(const plan::Node& options) {
    options.require_map("latency options (sql, runs, warmup, mode, concurrency, params, p95, …)");
    options.check_keys(kKeys);
    const plan::Node sql = options.require("sql");
    if (sql.is_sequence() && sql.items().size() > 1)
      throw sql.error("'latency' times one statement; give one (a second would not be timed), or one latency check "
                      "per statement");
    sql_ = read_statements(sql).front();
    if (auto runs = options.get("runs")) runs_ = read_positive(*runs, "runs");
    warmup_ = std::min(10LL, runs_);
    if (auto warmup = options.get("warmup")) warmup_ = warmup->as_integer("a number of runs");
    if (warmup_ < 0) throw options.require("warmup").error("'warmup' cannot be negative");
    if (auto concurrency = options.get("concurrency")) concurrency_ = read_positive(*concurrency, "concurrency");
    if (concurrency_ > 256) throw options.require("concurrency").error("'concurrency' is at most 256");
    if (auto mode = options.get("mode")) mode_ = read_query_mode(*mode);
    if (auto params = options.get("params"))
      for (const auto& p : params->items()) params_->push_back(datagen::ParamSource::read(p));
    if (mode_ == load::QueryMode::kSimple && !params_->empty())
      throw options.require("params").error("'params' needs mode extended or prepared (simple sends no parameters)");
    if (auto writes = options.get("writes")) writes_ = writes->as_bool();
    if (!writes_)
      if (auto found = plan::find_read_write_switch(sql_)) throw options.require("sql").error(found->message);
    if (auto seed = options.get("seed")) seed_ = static_cast<std::uint64_t>(seed->as_integer("an unsigned integer"));
    session_ = SessionOptions::read(options);
    via_pgbouncer_ = read_via(options);
    // Session state set on a pooled connection stays on the server connection for whoever
    // gets it next (transaction pooling), so a check via PgBouncer sets none.
    if (via_pgbouncer_ && (session_.as_role || !session_.settings.empty()))
      throw options.require("via").error("'as_role' and 'settings' change the session, which PgBouncer shares: "
                                         "they cannot be combined with 'via: pgbouncer'");
    read_budgets(options);
  }

  std::string default_name() const override { return "latency of " + abbreviate_sql(sql_, 50); }

  bool via_pgbouncer() const override { return via_pgbouncer_; }

  std::vector<Outcome> run(Context& context) const override {
    const load::Workload workload = load::statement_workload({sql_, static_cast<int>(params_->size()), writes_, draws()});
    const load::LoadResult r = load::run_load(workload, load_options(context));
    if (r.interrupted) {
      if (interrupted()) throw Error(ErrorKind::kInterrupted, "interrupted");
      Error e(ErrorKind::kTimeout, "the runs did not finish within the check's timeout");
      e.sql = sql_;
      throw e;
    }
    if (r.error_count > 0 || r.aborted_clients > 0) throw failure(r);
    return {judge(r.stats.latency)};
  }

 private:
  void read_budgets(const plan::Node& options) {
    for (const auto& key : {"p50", "p90", "p95", "p99", "p999", "mean", "max"}) {
      if (auto node = options.get(key)) {
        auto threshold = node->as_threshold();
        if (threshold.unit != plan::ThresholdUnit::kDuration)
          throw node->error(std::string("'") + key + "' is a duration budget, e.g. 50ms or \"< 1ms\"");
        budgets_.emplace_back(key, threshold);
      }
    }
  }

  /// One stream per client, drawn before the clock starts (seed + client · golden ratio).
  std::function<load::ParameterDraw(int)> draws() const {
    if (params_->empty()) return {};
    return [params = params_, seed = seed_](int client) -> load::ParameterDraw {
      auto rng = std::make_shared<Prng>(seed + static_cast<std::uint64_t>(client) * 0x9E3779B97F4A7C15ULL);
      return [params, rng](std::int64_t run, std::vector<std::optional<std::string>>& values) {
        for (size_t p = 0; p < params->size(); ++p) values[p] = (*params)[p].draw(*rng, run);
      };
    };
  }

  /// No server-side statement_timeout here: it arms a timer around every statement, a few
  /// microseconds that would be measured too. The check's deadline stops the run instead.
  load::LoadOptions load_options(const Context& context) const {
    load::LoadOptions o;
    o.conninfo = via_pgbouncer_ ? pgbouncer_dsn_for(context, writes_) : context.dsn();
    o.clients = o.threads = static_cast<int>(concurrency_);  // a thread each: no client waits for another's result
    o.transactions = runs_;
    o.transactions_in_total = true;
    o.warmup_transactions = warmup_;
    o.mode = mode_;
    o.stop_at = context.limits().deadline;
    if (!writes_ && !via_pgbouncer_) o.session_setup.push_back({"SET default_transaction_read_only = on", {}});
    for (const auto& [name, value] : session_.settings) o.session_setup.push_back({"SELECT set_config($1, $2, false)", {name, value}});
    if (session_.as_role) o.session_setup.push_back({"SELECT set_config('role', $1, false)", {*session_.as_role}});
    return o;
  }

  Error failure(const load::LoadResult& r) const {
    const std::string first = r.errors.empty() ? "the statement failed" : r.errors.front();
    Error e(ErrorKind::kSql, fmt::format("{} ({} of {} runs failed)", first, r.error_count, runs_ + warmup_ * concurrency_));
    e.sql = sql_;
    if (first.find("read-only transaction") != std::string::npos)
      e.hint = "the statement writes: add 'writes: true' to time it in transactions that are rolled back";
    return e;
  }

  Outcome judge(const stats::Histogram& h) const {
    // Sub-millisecond values keep three significant digits: 25.3us, not 25us.
    auto show = [](std::int64_t ns) {
      return ns < 1'000'000 ? fmt::format("{:.3g}us", static_cast<double>(ns) / 1000.0)
                            : plan::format_duration(plan::Duration(ns / 1000));
    };
    auto budget_of = [this](const std::string& key) -> const plan::Threshold* {
      for (const auto& [k, t] : budgets_)
        if (k == key) return &t;
      return nullptr;
    };
    Outcome out;
    std::string missed;
    auto measure = [&](const std::string& key, std::int64_t ns) {
      const plan::Threshold* budget = budget_of(key);
      const double us = static_cast<double>(ns) / 1000.0;
      out.measurements.push_back({key, show(ns), budget ? budget->describe() : ""});
      if (budget && !budget->holds(us) && missed.empty())
        missed = fmt::format("{} {} is not {}", key, show(ns), budget->describe());
    };
    for (const auto& [key, p] : kPercentiles)
      if (key == "p50" || key == "p95" || key == "p99" || budget_of(key)) measure(key, h.percentile_ns(p));
    measure("mean", static_cast<std::int64_t>(h.mean_ns()));
    measure("max", h.max_ns());
    const std::string runs = fmt::format("{} runs{}", h.count(), concurrency_ > 1 ? fmt::format(" on {} connections", concurrency_) : "");
    if (!missed.empty()) {
      out.status = Status::kFail;
      out.message = missed + " (" + runs + ")";
    } else {
      out.message = fmt::format("p50 {}, p95 {}, p99 {}, max {} ({})", show(h.percentile_ns(50)), show(h.percentile_ns(95)),
                                show(h.percentile_ns(99)), show(h.max_ns()), runs);
    }
    return out;
  }

  std::string sql_;
  long long runs_ = 100;
  long long warmup_ = 10;
  long long concurrency_ = 1;
  load::QueryMode mode_ = load::QueryMode::kPrepared;
  std::shared_ptr<std::vector<datagen::ParamSource>> params_ = std::make_shared<std::vector<datagen::ParamSource>>();
  std::uint64_t seed_ = 1;
  bool writes_ = false;
  bool via_pgbouncer_ = false;
  SessionOptions session_;
  std::vector<std::pair<std::string, plan::Threshold>> budgets_;
};
}  // namespace

CheckKind latency_kind() {
  return kind_of<LatencyCheck>("latency",
                               "client-observed latency of a statement over many runs against percentile, mean and max budgets");
}

}  // namespace pgcertify::checks
