// Tests as data: every case folder under tests/plans/ (plan.yaml, its SQL, expected.json),
// each variant its own test. A case gets a fresh database on this binary's cluster, its steps
// applied, and `pgcertify run --dsn` against it; or, with "target": "ephemeral", the plan's
// own cluster and setup. The JSON report is then compared with expected.json.

#include "support/plan_case.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace pgcertify::testing {
namespace {

class PlanCaseTest : public DatabaseTest, public ::testing::WithParamInterface<PlanCase> {};

TEST_P(PlanCaseTest, ReportMatchesExpectedJson) {
  const PlanCase& c = GetParam();
  ASSERT_EQ(c.problem, "") << "tests/plans/" << c.folder;
  const auto started = std::chrono::steady_clock::now();
  if (apply_steps(admin(), c, c.steps)) {
    const std::vector<std::string> extra = c.expect.value("args", std::vector<std::string>{});
    const PlanRun run = run_plan(c.dir / "plan.yaml", c.ephemeral ? "" : dsn(), work_dir_, extra);
    int compared = 0;
    const std::vector<std::string> diff = differences(c, run, compared);
    std::string listing;
    for (const auto& line : diff) listing += "  " + line + "\n";
    EXPECT_TRUE(diff.empty()) << "tests/plans/" << c.folder << "/expected.json"
                              << (c.variant.empty() ? "" : " (variant " + c.variant + ")") << ": " << diff.size()
                              << " of " << compared << " expectations not met:\n"
                              << listing << "pgcertify exited " << run.exit_code << "; its output:\n"
                              << run.output();
    std::printf("%s: %d expectations, %.1f s\n", c.test_name().c_str(), compared,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  apply_steps(admin(), c, c.after);
}

INSTANTIATE_TEST_SUITE_P(PlanCase, PlanCaseTest, ::testing::ValuesIn(discover_plan_cases()),
                         [](const ::testing::TestParamInfo<PlanCase>& info) { return info.param.test_name(); });

}  // namespace
}  // namespace pgcertify::testing
