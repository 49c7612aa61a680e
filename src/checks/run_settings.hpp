#pragma once
// What a run gives every check beyond the target: one struct, set by `run`'s flags and the
// target, read by checks through Context::settings().

#include <memory>
#include <optional>
#include <string>

#include "pg/connection.hpp"

namespace pgcertify::checks {

struct RunSettings {
  /// The target is pgcertify's ephemeral cluster: the only target a check may commit to.
  bool throwaway_target = false;
  /// Where checks `via: pgbouncer` connect (setup.pgbouncer or target.pgbouncer); absent when
  /// the run has no PgBouncer.
  std::optional<std::string> pgbouncer_dsn;
  /// `run --save-baseline`: checks with a `baseline` write it instead of comparing with it.
  bool save_baselines = false;
  /// `run --allow-scratch`: a check that must commit may work in a scratch copy of a DSN target.
  bool allow_scratch = false;
};

/// A copy of the target database that a check may commit to (design.md, safety model). Dropped
/// by its destructor, on every way out of the check (SIGINT included).
class ScratchDatabase {
 public:
  virtual ~ScratchDatabase() = default;
  /// `pgcertify_scratch_<pid>_<n>`.
  virtual const std::string& name() const = 0;
  /// The target's DSN with the scratch database's name.
  virtual const std::string& dsn() const = 0;
};

/// Makes scratch copies of the target; the runner provides one (runner/scratch.cpp).
class ScratchFactory {
 public:
  virtual ~ScratchFactory() = default;
  /// A copy of the database `admin` is connected to, whose DSN is `dsn`. Throws Error(kTarget)
  /// naming the step that failed; what was created is dropped again first.
  virtual std::unique_ptr<ScratchDatabase> copy(pg::Connection& admin, const std::string& dsn, pg::ExecLimits limits) = 0;
  /// An empty database (from template0, nothing restored) on the same server: a `migrations`
  /// check that builds the schema from its folder. Throws Error(kTarget) like copy().
  virtual std::unique_ptr<ScratchDatabase> empty(pg::Connection& admin, const std::string& dsn,
                                                 pg::ExecLimits limits) = 0;
};

}  // namespace pgcertify::checks
