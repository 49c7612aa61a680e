#pragma once
// Tests as data: a case is a folder under tests/plans/ holding plan.yaml, the SQL it needs
// and expected.json (the report it must produce). The format is in tests/plans/README.md.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "pg/connection.hpp"
#include "support/plan_run.hpp"

namespace pgcertify::testing {

/// One variant of one case folder: what to apply, how to run, what the report must say.
struct PlanCase {
  std::string folder;   // the case's folder under tests/plans/ (`false_pass/borderline`)
  std::string variant;  // empty for a case without variants
  std::filesystem::path dir;
  bool ephemeral = false;         // "target": "ephemeral": the plan's own cluster, no --dsn
  nlohmann::ordered_json steps;   // the case's steps, then the variant's
  nlohmann::ordered_json after;   // run after the variant, whatever happened
  nlohmann::ordered_json expect;  // the variant's expectations (exit_code, checks, …)
  std::string problem;            // why expected.json cannot be used; the test fails with it

  /// The test's name: the folder, then `_variant`, `/` and all else outside [A-Za-z0-9_] as `_`.
  std::string test_name() const;
};
void PrintTo(const PlanCase& c, std::ostream* out);

/// Every case variant under tests/plans/ (each folder holding a plan.yaml, at any depth: a
/// folder without one, such as false_pass/, groups cases), in path order.
std::vector<PlanCase> discover_plan_cases();
/// One case variant by folder (and variant) name; fails the test when there is none.
PlanCase plan_case(const std::string& folder, const std::string& variant = "");

/// Applies steps (SQL files, inline SQL, migrations, waits) to `db`; false (and the test
/// failed) when one could not be applied.
bool apply_steps(pg::Connection& db, const PlanCase& c, const nlohmann::ordered_json& steps);

/// How `run` differs from the case's expectations, one line per difference (empty: none).
/// `compared` counts the expectations checked.
std::vector<std::string> differences(const PlanCase& c, const PlanRun& run, int& compared);

}  // namespace pgcertify::testing
