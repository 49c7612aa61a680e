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

/// What a run adds to each check's context beyond the target.
struct RunSettings {
  /// The DSN is pgcertify's ephemeral cluster (checks may commit there).
  bool throwaway_target = false;
  /// Where checks `via: pgbouncer` connect.
  std::optional<std::string> pgbouncer_dsn;
  /// Load checks write their baseline files instead of comparing with them.
  bool save_baselines = false;
  /// `--allow-scratch`: checks that must commit may copy a DSN target into a scratch database.
  bool allow_scratch = false;
};

checks::RunSummary run_checks(const std::vector<PlannedCheck>& planned, const std::string& dsn, const RunSettings& settings,
                              const plan::Defaults& defaults, ResultSink* sink);

}  // namespace pgcertify::runner
