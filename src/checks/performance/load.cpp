// `load`: a pgbench-style load (script, clients, duration) held to throughput, latency and
// failure budgets (seed 000 §2.3/§7.1: 100 concurrent sessions, tps targets, no deadlocks).
// The YAML maps onto a load::LoadRequest; this file adds the safety policy (a writing load runs
// in a scratch copy) and the PgBouncer route; load_budgets.cpp judges.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "checks/performance/load_budgets.hpp"
#include "checks/performance/load_options.hpp"
#include "checks/performance/pgbouncer_route.hpp"
#include "checks/registry.hpp"
#include "common/files.hpp"
#include "load/option_text.hpp"
#include "load/run_request.hpp"
#include "load/summary.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"script",   "builtin",       "sql",  "clients",   "threads", "duration", "transactions",
                                        "rate",     "latency_limit", "mode", "max_tries", "seed",    "define",   "writes",
                                        "connect",  "via",           "expect", "baseline", "regression"};

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
    if (auto expect = options.get("expect")) budgets_.read_expect(*expect, via_pgbouncer_, options_().latency_limit.has_value());
    read_baseline(options);
    try {
      request_.workload.validate();
      request_.workload.check_mode(options_().mode);
    } catch (const Error& e) {
      throw options.error(e.what());
    }
    if (!writes_) refuse_read_write_switch(request_.workload, options);
  }

  std::string default_name() const override {
    return fmt::format("load of {} with {} clients", request_.workload.scripts.front().name, options_().clients);
  }

  bool via_pgbouncer() const override { return via_pgbouncer_; }

  std::vector<Outcome> run(Context& context) const override {
    if (auto refused = refusal(context)) return {*refused};
    load::LoadRequest request = request_;
    load::LoadOptions& options = request.options;
    options.conninfo = context.dsn();
    if (via_pgbouncer_) {
      options.conninfo = pgbouncer_dsn_for(context, writes_);
      options.session_options.clear();  // PgBouncer refuses the 'options' startup parameter
      request.pool_console = pg::with_database(options.conninfo, "pgbouncer");
      request.pool_required = budgets_.needs_pool();
    }
    std::unique_ptr<ScratchDatabase> scratch;
    if (writes_) {
      scratch = context.scratch_copy();
      options.conninfo = via_pgbouncer_ ? pg::with_database(options.conninfo, scratch->name()) : scratch->dsn();
    }
    const load::LoadResult result = load::run_request(request);
    Outcome out = budgets_.judge(result, options.clients, options.latency_limit.has_value());
    if (scratch) out.message += "; ran in scratch database " + scratch->name() + ", dropped afterwards";
    if (baseline_.empty() || result.interrupted) return {out};
    const nlohmann::json summary = load::summary_json({request.workload, options}, result);
    if (context.settings().save_baselines) {
      write_file_atomic(baseline_, summary.dump(1) + "\n");
      out.message += "; baseline written to " + baseline_;
      return {out};
    }
    budgets_.compare(out, baseline_, load::figures_of(summary, "this run"));
    return {out};
  }

 private:
  const load::LoadOptions& options_() const { return request_.options; }

  /// What the safety model and the route forbid, said before anything runs.
  std::optional<Outcome> refusal(const Context& context) const {
    // What a writing load commits goes to a scratch copy, so later checks see the database
    // as it was (on the ephemeral cluster too); a DSN target is copied only when allowed.
    const RunSettings& settings = context.settings();
    if (writes_ && !settings.throwaway_target && !settings.allow_scratch)
      return Outcome::error("a load with 'writes: true' commits what it writes, and pgcertify never commits to a --dsn "
                            "target: run with --allow-scratch to load a scratch copy of the database (dropped "
                            "afterwards), or without --dsn on the ephemeral cluster");
    // pgcertify's own PgBouncer routes every database name (`* =`); a user's may not.
    if (writes_ && via_pgbouncer_ && !settings.throwaway_target)
      return Outcome::error("a writing load via pgbouncer against a --dsn target cannot reach a scratch database: "
                            "target.pgbouncer serves the databases its own configuration names; drop "
                            "'via: pgbouncer' or 'writes: true'");
    if (!baseline_.empty() && !settings.save_baselines && !std::filesystem::exists(baseline_))
      return Outcome::error(fmt::format("baseline {} does not exist: record it once with `pgcertify run PLAN --save-baseline`",
                                        baseline_));
    return std::nullopt;
  }

  void read_scripts(const plan::Node& options) {
    int given = 0;
    if (auto script = options.get("script")) {
      ++given;
      for (const auto& spec : script->as_string_list("a script file (FILE or FILE@WEIGHT) or a list of them")) {
        const std::filesystem::path plan_file = script->source()->path;
        try {
          request_.workload.add_file((plan_file.parent_path() / spec).string());
        } catch (Error& e) {
          if (e.where.empty()) throw script->error(e.what());
          throw;
        }
      }
    }
    if (auto builtin = options.get("builtin")) {
      ++given;
      try {
        for (const auto& spec : builtin->as_string_list()) request_.workload.add_builtin(spec);
      } catch (const Error& e) {
        throw builtin->error(e.what());
      }
    }
    if (auto sql = options.get("sql")) {
      ++given;
      const plan::Node& node = *sql;
      try {
        request_.workload.add(load::parse_script(node.as_string("a pgbench script"), node.location().to_string(), request_.workload.names));
      } catch (const Error& e) {
        if (e.where.line == 0) throw;
        throw node.error_in_value(e.where.line, e.where.column, e.what());
      }
    }
    if (given == 0) throw options.error("load needs 'script' (pgbench script files), 'builtin' or 'sql' (an inline script)");
  }

  void read_run(const plan::Node& options) {
    load::LoadOptions& o = request_.options;
    if (auto n = options.get("clients")) o.clients = static_cast<int>(read_positive(*n, "clients"));
    if (auto n = options.get("threads")) o.threads = static_cast<int>(read_positive(*n, "threads"));
    else o.threads = std::min(o.clients, 2);
    if (auto n = options.get("transactions")) o.transactions = read_positive(*n, "transactions");
    if (auto d = options.get("duration")) {
      const double seconds = std::ceil(static_cast<double>(d->as_duration().count()) / 1e6);
      o.duration = std::chrono::seconds(std::max(1LL, static_cast<long long>(seconds)));
    }
    if (!o.duration && !o.transactions) o.duration = std::chrono::seconds(10);
    if (auto r = options.get("rate")) o.rate = r->as_number("transactions per second");
    if (auto l = options.get("latency_limit")) o.latency_limit = l->as_duration();
    o.mode = load::QueryMode::kPrepared;
    if (auto m = options.get("mode")) o.mode = read_query_mode(*m);
    if (auto n = options.get("max_tries")) o.max_tries = static_cast<int>(read_positive(*n, "max_tries"));
    if (auto n = options.get("seed")) o.random_seed = static_cast<std::uint64_t>(n->as_integer("an unsigned integer"));
    if (auto defines = options.get("define")) {
      defines->require_map("variables: {name: value}");
      for (const auto& [k, v] : defines->entries()) request_.workload.define(k.as_string(), v.as_string());
    }
    writes_ = options.get("writes") && options.get("writes")->as_bool();
    o.connect_per_transaction = options.get("connect") && options.get("connect")->as_bool();
    if (!writes_) o.session_options = kReadOnly;
    request_.clients_flag = fmt::format("a load with {} clients", o.clients);
    try {
      o.validate();
    } catch (const Error& e) {
      throw options.error(e.what());
    }
  }

  /// `baseline: FILE` (relative to the plan) and `regression: {tps: 10%, p95: 20%, …}`.
  void read_baseline(const plan::Node& options) {
    const auto regression = options.get("regression");
    const auto baseline = options.get("baseline");
    if (regression && !baseline) throw regression->error("'regression' compares with a 'baseline' file, which this load does not name");
    if (!baseline) return;
    baseline_ = (std::filesystem::path(baseline->source()->path).parent_path() / baseline->as_string("a JSON file")).string();
    budgets_.read_regression(regression ? &*regression : nullptr);
  }

  load::LoadRequest request_;
  LoadBudgets budgets_;
  bool writes_ = false;
  bool via_pgbouncer_ = false;
  std::string baseline_;
};
}  // namespace

CheckKind load_kind() {
  return kind_of<LoadCheck>("load", "a pgbench-compatible load (scripts, clients, duration, rate) against tps, latency and failure budgets");
}

}  // namespace pgcertify::checks
