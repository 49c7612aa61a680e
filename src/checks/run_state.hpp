#pragma once
// What checks share across one run: the catalog snapshot (read on first use) and the server's
// answers about type names and expressions. The runner owns one for the whole run.

#include <optional>
#include <string>

#include "catalog/catalog.hpp"
#include "checks/normaliser.hpp"

namespace pgcertify::checks {

struct RunState {
  std::optional<catalog::Catalog> catalog;
  Normaliser normaliser;
  /// True for an ephemeral cluster: the only target a check may commit to (safety model).
  bool throwaway_target = false;
  /// Where checks `via: pgbouncer` connect; absent when the run has no PgBouncer.
  std::optional<std::string> pgbouncer_dsn;
  /// `run --save-baseline`: load checks with a `baseline` write it instead of comparing.
  bool save_baselines = false;
  /// `run --allow-scratch`: a check that must commit may work in a scratch copy of a DSN target.
  bool allow_scratch = false;
};

}  // namespace pgcertify::checks
