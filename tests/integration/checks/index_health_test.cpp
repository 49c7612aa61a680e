// index_health: bad options at their position, and no state left behind. The planted faults
// (one of each finding kind, named), counts, `allow` and the repaired schema are the case
// tests/plans/index_health/ (plan_case_test.cpp).

#include <gtest/gtest.h>

#include "support/plan_case.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class IndexHealthTest : public DatabaseTest {
 protected:
  /// The planted faults, as the case tests/plans/index_health/ plants them.
  void plant() {
    const PlanCase planted = plan_case("index_health", "planted");
    ASSERT_TRUE(apply_steps(admin(), planted, planted.steps));
  }
};

TEST_F(IndexHealthTest, LeavesNoStateBehind) {
  plant();
  const auto before = table_checksums();
  const std::string indexes =
      "SELECT string_agg(indexrelid::regclass::text || ':' || indisvalid, ',' ORDER BY 1) FROM pg_index";
  const std::string indexes_before = scalar(indexes);
  run_plan(source_dir() + "/tests/plans/index_health/plan.yaml", dsn(), work_dir_);
  EXPECT_EQ(table_checksums(), before);
  EXPECT_EQ(scalar(indexes), indexes_before);
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_prepared_xacts"), "0");
  EXPECT_EQ(
      scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"),
      "0");
}

TEST_F(IndexHealthTest, BadOptionsAreErrorsAtTheirPosition) {
  const fs::path plan = work_dir_ / "bad.yaml";
  auto first_error_line = [&](const std::string& check) {
    write_text(plan, "suites:\n  - name: s\n    checks:\n      - " + check + "\n");
    const Completed run = run_pgcertify({"run", plan.string(), "--list"});
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    return run.err.substr(0, run.err.find('\n'));
  };
  auto at = [&](const std::string& check, const std::string& token) {
    return plan.string() + ":4:" + std::to_string(9 + check.find(token)) + ": ";
  };
  std::string check = "index_health: {report: [unused, bloaty]}";
  EXPECT_EQ(first_error_line(check),
            at(check, "bloaty") +
                "unknown finding kind 'bloaty' (did you mean 'bloat'?) (expected unused, duplicate, "
                "redundant, fk_without_index, bloat, index_ratio or invalid)");
  check = "index_health: {max_index_bloat: lots}";
  EXPECT_EQ(first_error_line(check),
            at(check, "lots") + "invalid 'max_index_bloat' 'lots' (expected a percentage such as \"20%\")");
  check = "index_health: {max_dead_tuples: '> 5%'}";
  EXPECT_EQ(first_error_line(check),
            at(check, "'> 5%'") + "invalid 'max_dead_tuples' '> 5%' (expected a percentage such as \"20%\")");
  check = "index_health: {report: index_ratio}";
  EXPECT_EQ(first_error_line(check),
            at(check, "index_ratio") + "'report' lists index_ratio but no 'max_index_ratio' is given (e.g. \"300%\")");
  check = "index_health: {tabels: [a]}";
  EXPECT_EQ(first_error_line(check), at(check, "tabels") + "unknown key 'tabels' (did you mean 'tables'?)");
  check = "index_health: {min_size: huge}";
  EXPECT_EQ(first_error_line(check),
            at(check, "huge") + "invalid 'min_size' 'huge' (expected a size such as 0, 512kB or 8MB)");
}

}  // namespace
}  // namespace pgcertify::testing
