#pragma once
// Runs planned checks in order against one target. One failing, erroring or hanging check
// never stops the run; an interrupt (SIGINT/SIGTERM) marks the rest as not run.

#include <optional>
#include <string>
#include <vector>

#include "checks/result.hpp"
#include "plan/model.hpp"
#include "runner/compile.hpp"

namespace pgcertify::runner {

/// Receives each result as soon as it is known (the console prints it).
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void on_result(const checks::CheckResult& result) = 0;
};

/// `throwaway_target`: the DSN is pgcertify's ephemeral cluster (checks may commit there).
/// `pgbouncer_dsn`: where checks `via: pgbouncer` connect.
checks::RunSummary run_checks(const std::vector<PlannedCheck>& planned, const std::string& dsn, bool throwaway_target,
                              const plan::Defaults& defaults, ResultSink* sink,
                              const std::optional<std::string>& pgbouncer_dsn = std::nullopt);

}  // namespace pgcertify::runner
