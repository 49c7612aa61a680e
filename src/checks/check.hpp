#pragma once
// The check contract: a kind parses its options once (at plan load, so a bad option stops the
// run before it starts) and is then run against a Context any number of times.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/load.hpp"
#include "checks/result.hpp"
#include "checks/run_settings.hpp"
#include "pg/connection.hpp"
#include "plan/node.hpp"
#include "plan/units.hpp"

namespace pgcertify::checks {

struct RunState;
class Normaliser;

/// What a running check may use. Checks never read the plan; reports never see this.
class Context {
 public:
  /// `state` is shared by every check of a run (the runner owns it); without one the context
  /// keeps its own, so a catalog read by this check is not reused.
  Context(pg::Connection& connection, std::string dsn, plan::Duration timeout, RunState* state = nullptr);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  pg::Connection& connection() { return connection_; }
  /// For kinds that need connections of their own (concurrent readers, latency workers).
  const std::string& dsn() const { return dsn_; }
  /// The check's budget: the server's statement_timeout for each statement.
  plan::Duration timeout() const { return timeout_; }
  /// A client-side deadline a little after the server's, for a server that does not answer.
  pg::ExecLimits limits() const { return {deadline_ + std::chrono::seconds(2)}; }

  /// The run's catalog snapshot of every non-system schema, read on first use (in a READ ONLY
  /// transaction, within this check's timeout) and shared by every later check of the run.
  /// `parts` (catalog/load.hpp): what this check reads; the rest is loaded when a check asks.
  const catalog::Catalog& catalog(unsigned parts = catalog::kCatalogAll);
  /// The server's spelling of type names and expressions, cached for the run.
  Normaliser& normaliser();
  /// The run's flags and target facts (ephemeral target, PgBouncer, baselines, scratch).
  const RunSettings& settings() const;
  /// A scratch copy of the target for a check that must commit (design.md, safety model),
  /// dropped when the pointer goes. The caller checks `settings().allow_scratch` first.
  std::unique_ptr<ScratchDatabase> scratch_copy();
  /// An empty scratch database on the target's server (template0, nothing restored), dropped
  /// when the pointer goes. The same conditions as scratch_copy().
  std::unique_ptr<ScratchDatabase> empty_scratch();

 private:
  pg::Connection& connection_;
  std::string dsn_;
  plan::Duration timeout_;
  pg::Clock::time_point deadline_;
  RunState* state_;
  std::unique_ptr<RunState> own_state_;
};

class Check {
 public:
  virtual ~Check() = default;
  /// A name for reports when the plan gives none.
  virtual std::string default_name() const = 0;
  /// Runs the check. Expected misses are returned as Outcomes; an Error thrown here (lost
  /// connection, timeout, bad SQL) is turned into an `error`/`fail` result by the runner.
  virtual std::vector<Outcome> run(Context& context) const = 0;
  /// True for a check whose connections go through PgBouncer (`via: pgbouncer`): the runner
  /// then requires one before anything starts.
  virtual bool via_pgbouncer() const { return false; }
};

/// Reads a kind's options; throws Error(kPlan) at the offending node.
using CheckFactory = std::unique_ptr<Check> (*)(const plan::Node& options);

struct CheckKind {
  std::string key;      // the YAML key: "query"
  std::string summary;  // one line for --help and the docs
  CheckFactory make;
};

/// The registry entry of a kind whose class is constructed from its options node.
template <class KindCheck>
CheckKind kind_of(std::string key, std::string summary) {
  return {std::move(key), std::move(summary),
          [](const plan::Node& options) -> std::unique_ptr<Check> { return std::make_unique<KindCheck>(options); }};
}

}  // namespace pgcertify::checks
