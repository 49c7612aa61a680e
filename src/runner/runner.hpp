#pragma once
// Runs planned checks in order against one target. One failing, erroring or hanging check
// never stops the run; an interrupt (SIGINT/SIGTERM) marks the rest as not run.

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
/// `save_baselines`: load checks write their baseline files instead of comparing with them.
checks::RunSummary run_checks(const std::vector<PlannedCheck>& planned, const std::string& dsn, bool throwaway_target,
                              const plan::Defaults& defaults, ResultSink* sink, bool save_baselines = false);

}  // namespace pgcertify::runner
