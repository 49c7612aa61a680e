#pragma once
// Runs planned checks in order against one target. One failing, erroring or hanging check
// never stops the run; an interrupt (SIGINT/SIGTERM) marks the rest as not run.

#include <string>
#include <vector>

#include "checks/result.hpp"
#include "plan/model.hpp"
#include "runner/compile.hpp"

namespace pgcertify::runner {

using checks::ResultSink;
using checks::RunSettings;

checks::RunSummary run_checks(const std::vector<PlannedCheck>& planned, const std::string& dsn, const RunSettings& settings,
                              const plan::Defaults& defaults, ResultSink* sink);

}  // namespace pgcertify::runner
