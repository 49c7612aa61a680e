#pragma once
// Running a plan end to end: `pgcertify run PLAN` against a DSN or on the plan's own ephemeral
// cluster, with every report format written, and the JSON report read back.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "support/fixture.hpp"

namespace pgcertify::testing {

/// What one `pgcertify run` did: exit code and console output, plus the reports it wrote.
struct PlanRun : Completed {
  nlohmann::json report;  // the JSON report; null when none was written (e.g. a plan error)
  std::filesystem::path json, junit, tap;

  /// The result of the check named `name`; null when the report has none.
  const nlohmann::json& result(std::string_view name) const;
  /// Everything the run wrote or printed: the three reports, stdout and stderr.
  std::string everything_written() const;
  std::string output() const { return out + err; }
};

/// Runs `pgcertify run PLAN [--dsn DSN] --report json=…,junit=…,tap=… EXTRA…` with the reports
/// in `work_dir` (report.json, report.xml, report.tap). An empty `dsn` runs the plan on its own
/// ephemeral cluster, applying its `setup:`.
PlanRun run_plan(const std::filesystem::path& plan, const std::string& dsn, const std::filesystem::path& work_dir,
                 const std::vector<std::string>& extra = {});

}  // namespace pgcertify::testing
