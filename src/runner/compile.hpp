#pragma once
// Plan -> the list of checks to run: every kind's options parsed (so a bad option is a plan
// error before anything connects), names and stable ids assigned, filters applied.

#include <memory>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "plan/model.hpp"

namespace pgcertify::runner {

struct PlannedCheck {
  std::string suite;
  std::string name;
  std::string id;  // "suite/name", unique in the plan
  const plan::CheckSpec* spec;
  std::unique_ptr<checks::Check> check;
  std::vector<std::string> tags;  // the check's and its suite's
};

struct Selection {
  std::vector<std::string> only_suites;  // empty: all
  std::vector<std::string> tags;         // empty: all; else a check with any of them
};

/// Throws Error(kPlan) at the first invalid check option.
std::vector<PlannedCheck> compile(const plan::Plan& plan);

/// Throws Error(kPlan) at the first check `via: pgbouncer` when the ephemeral cluster would
/// have no PgBouncer (no setup.pgbouncer). Against a DSN target (`dsn_target`) setup is not
/// applied: such a check needs target.pgbouncer, and without it is an error result of its own.
void check_pgbouncer_routes(const std::vector<PlannedCheck>& checks, const plan::Plan& plan, bool dsn_target);

/// Keeps the checks the selection names. Throws Error(kUsage) for a suite that does not exist.
std::vector<PlannedCheck> select(std::vector<PlannedCheck> checks, const plan::Plan& plan, const Selection& selection);

}  // namespace pgcertify::runner
