// `latency`: run a statement many times and hold its client-observed latency to budgets on
// percentiles, mean and max (seed 000 §2: dashboards p95 < 100 ms, functions < 1 ms).

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <thread>

#include "checks/performance/pgbouncer_route.hpp"
#include "checks/registry.hpp"
#include "checks/session.hpp"
#include "datagen/column_generator.hpp"
#include "datagen/column_type.hpp"
#include "datagen/generator_spec.hpp"
#include "common/random.hpp"
#include "stats/histogram.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"sql",     "runs",     "warmup", "mode", "concurrency", "params", "seed",
                                        "writes",  "as_role",  "settings", "via", "p50",         "p90",    "p95",
                                        "p99",     "p999",     "mean",     "max"};
const std::vector<std::pair<std::string, double>> kPercentiles = {
    {"p50", 50}, {"p90", 90}, {"p95", 95}, {"p99", 99}, {"p999", 99.9}};

enum class Mode { kSimple, kExtended, kPrepared };

/// A statement parameter: a fixed value, or a data generator drawn again for every run
/// (`{uniform: [1, 100000], type: integer}`; `type` is the SQL type the value is shaped for).
struct ParamSource {
  pg::Param fixed;
  std::shared_ptr<const datagen::ColumnGenerator> generator;

  static ParamSource read(const plan::Node& node) {
    if (!node.is_map()) return {node.is_null() ? pg::Param{} : pg::Param{node.as_string()}, nullptr};
    YAML::Node spec = YAML::Clone(node.raw());
    std::string type = "text";
    if (spec["type"]) {
      type = spec["type"].as<std::string>();
      spec.remove("type");
    }
    const auto parsed = datagen::parse_generator(plan::Node(spec, node.source()));
    const double now = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count());
    try {
      return {{}, std::make_shared<const datagen::ColumnGenerator>(parsed, datagen::column_type(type), now)};
    } catch (const std::invalid_argument& e) {
      throw node.error(std::string("this generator cannot make a ") + type + " parameter: " + e.what());
    }
  }

  pg::Param draw(Prng& rng, long long run) const {
    if (!generator) return fixed;
    datagen::Datum d;
    generator->next(rng, run, d);
    switch (d.kind) {
      case datagen::Datum::Kind::kNull:
      case datagen::Datum::Kind::kUnknown: return std::nullopt;
      case datagen::Datum::Kind::kBool: return std::string(d.boolean ? "t" : "f");
      case datagen::Datum::Kind::kText: return d.text;
      case datagen::Datum::Kind::kNumber: {
        std::string out;
        datagen::format_number(generator->type(), d.number, out);
        return out;
      }
    }
    return std::nullopt;
  }
};

/// Each worker has its own connection, made read-only for the session (unless `writes`, when
/// every run is its own transaction, rolled back); the clock runs around the statement only.
class LatencyCheck final : public Check {
 public:
  explicit LatencyCheck(const plan::Node& options) {
    options.require_map("latency options (sql, runs, warmup, mode, concurrency, params, p95, …)");
    options.check_keys(kKeys);
    sql_ = read_statements(options.require("sql")).front();
    if (auto runs = options.get("runs")) runs_ = positive(*runs, "runs");
    warmup_ = std::min(10LL, runs_);
    if (auto warmup = options.get("warmup")) warmup_ = warmup->as_integer("a number of runs");
    if (warmup_ < 0) throw options.require("warmup").error("'warmup' cannot be negative");
    if (auto concurrency = options.get("concurrency")) concurrency_ = positive(*concurrency, "concurrency");
    if (concurrency_ > 256) throw options.require("concurrency").error("'concurrency' is at most 256");
    if (auto mode = options.get("mode")) mode_ = read_mode(*mode);
    if (auto params = options.get("params"))
      for (const auto& p : params->items()) params_.push_back(ParamSource::read(p));
    if (mode_ == Mode::kSimple && !params_.empty())
      throw options.require("params").error("'params' needs mode extended or prepared (simple sends no parameters)");
    if (auto writes = options.get("writes")) writes_ = writes->as_bool();
    if (auto seed = options.get("seed")) seed_ = static_cast<std::uint64_t>(seed->as_integer("an unsigned integer"));
    session_ = SessionOptions::read(options);
    via_pgbouncer_ = read_via(options);
    // Session state set on a pooled connection stays on the server connection for whoever
    // gets it next (transaction pooling), so a check via PgBouncer sets none.
    if (via_pgbouncer_ && (session_.as_role || !session_.settings.empty()))
      throw options.require("via").error("'as_role' and 'settings' change the session, which PgBouncer shares: "
                                         "they cannot be combined with 'via: pgbouncer'");
    for (const auto& key : {"p50", "p90", "p95", "p99", "p999", "mean", "max"}) {
      if (auto node = options.get(key)) {
        auto threshold = node->as_threshold();
        if (threshold.unit != plan::ThresholdUnit::kDuration)
          throw node->error(std::string("'") + key + "' is a duration budget, e.g. 50ms or \"< 1ms\"");
        budgets_.emplace_back(key, threshold);
      }
    }
  }

  std::string default_name() const override { return "latency of " + abbreviate_sql(sql_, 50); }

  bool via_pgbouncer() const override { return via_pgbouncer_; }

  std::vector<Outcome> run(Context& context) const override {
    const std::string dsn = via_pgbouncer_ ? pgbouncer_dsn_for(context, writes_) : context.dsn();
    stats::Histogram total;
    std::mutex merge;
    std::optional<Error> failure;
    std::vector<std::thread> workers;
    for (long long w = 0; w < concurrency_; ++w) {
      const long long runs = runs_ / concurrency_ + (w < runs_ % concurrency_ ? 1 : 0);
      workers.emplace_back([&, runs, w] {
        try {
          const stats::Histogram h = measure(context, dsn, runs, w);
          std::lock_guard lock(merge);
          total.merge(h);
        } catch (Error& e) {
          if (e.sqlstate == "25006")
            e.hint = "the statement writes: add 'writes: true' to time it in transactions that are rolled back";
          std::lock_guard lock(merge);
          if (!failure) failure = e;
        }
      });
    }
    for (auto& t : workers) t.join();
    if (failure) throw *failure;
    return {judge(total)};
  }

 private:
  static long long positive(const plan::Node& node, const std::string& what) {
    const long long n = node.as_integer("a positive number");
    if (n < 1) throw node.error("'" + what + "' must be at least 1");
    return n;
  }

  static Mode read_mode(const plan::Node& node) {
    const std::string m = node.as_string("simple, extended or prepared");
    if (m == "simple") return Mode::kSimple;
    if (m == "extended") return Mode::kExtended;
    if (m == "prepared") return Mode::kPrepared;
    throw node.error("invalid mode '" + m + "' (expected simple, extended or prepared, as pgbench's -M)");
  }

  /// No server-side statement_timeout here: it arms a timer around every statement, a few
  /// microseconds that would be measured too. The client-side deadline still cancels a
  /// statement on the server (PQcancel) when the check's timeout passes.
  void configure(pg::Connection& c, const Context& context) const {
    if (!writes_ && !via_pgbouncer_) c.exec_simple("SET default_transaction_read_only = on", context.limits());
    for (const auto& [name, value] : session_.settings) {
      const pg::Param params[] = {name, value};
      c.exec("SELECT set_config($1, $2, false)", params, context.limits());
    }
    if (session_.as_role) c.exec_simple("SET ROLE " + c.quote_identifier(*session_.as_role), context.limits());
    if (mode_ == Mode::kPrepared) c.prepare("pgcertify_latency", sql_, context.limits());
  }

  void execute(pg::Connection& c, const Context& context, const std::vector<pg::Param>& params) const {
    switch (mode_) {
      case Mode::kSimple: c.exec_simple(sql_, context.limits()); break;
      case Mode::kExtended: c.exec(sql_, params, context.limits()); break;
      case Mode::kPrepared: c.exec_prepared("pgcertify_latency", params, context.limits()); break;
    }
  }

  /// One worker: its own session (closed afterwards, so no setting outlives the check).
  stats::Histogram measure(const Context& context, const std::string& dsn, long long runs, long long worker) const {
    pg::Connection c(dsn);
    configure(c, context);
    stats::Histogram h;
    Prng rng(seed_ + static_cast<std::uint64_t>(worker) * 0x9E3779B97F4A7C15ULL);
    std::vector<pg::Param> params(params_.size());
    for (long long i = 0; i < warmup_ + runs; ++i) {
      for (size_t p = 0; p < params_.size(); ++p) params[p] = params_[p].draw(rng, i);  // drawn before the clock starts
      if (writes_) c.exec_simple("BEGIN", context.limits());
      const auto started = pg::Clock::now();
      execute(c, context, params);
      const auto elapsed = pg::Clock::now() - started;
      if (writes_) c.exec_simple("ROLLBACK", context.limits());
      if (i >= warmup_) h.record(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed));
    }
    return h;
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
  Mode mode_ = Mode::kPrepared;
  std::vector<ParamSource> params_;
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
