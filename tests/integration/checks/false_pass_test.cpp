// Issue 27: databases that violate what a check certifies, each of which must FAIL (or error
// with the reason), never pass. The cases are data, in tests/plans/false_pass/<case>/, and
// the shared plan-case runner (plans/plan_case_test.cpp) runs them as
// PlanCase/PlanCaseTest.ReportMatchesExpectedJson/false_pass_<case>. What a report compared
// with expected.json cannot show stays here: the same plan run as another role.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

fs::path cases_dir() { return fs::path(source_dir()) / "tests/plans/false_pass"; }

/// Issue 27 #9: connected as a role that row-level security shows none of the rows, a data
/// check must not pass on "0 of 0 rows": it is an error that says what is hidden.
class FalsePassRls : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    sql("DROP ROLE IF EXISTS fp_hidden_reader");
    apply_file(cases_dir() / "rls_hidden_rows/fixture.sql");
  }
  void TearDown() override {
    sql("DROP OWNED BY fp_hidden_reader; DROP ROLE fp_hidden_reader");
    DatabaseTest::TearDown();
  }
};

TEST_F(FalsePassRls, DataChecksErrorOnRowsHiddenByRowLevelSecurity) {
  const fs::path report = work_dir_ / "report.json";
  const Completed run = run_pgcertify({"run", (cases_dir() / "rls_hidden_rows/plan.yaml").string(), "--dsn",
                                       dsn() + " user=fp_hidden_reader", "--report", "json=" + report.string()});
  ASSERT_TRUE(fs::exists(report)) << run.out << run.err;
  const json results = json::parse(read_text(report))["results"];
  ASSERT_EQ(results.size(), 5u) << results.dump(2);
  for (const auto& r : results) {
    EXPECT_EQ(r["status"], "error") << r.dump(2);
    EXPECT_EQ(r["message"],
              "user fp_hidden_reader sees 0 of about 3 rows of contacts because of row-level security (policy mine); "
              "connect as a role with BYPASSRLS or the table's owner")
        << r.dump(2);
  }
  EXPECT_EQ(run.exit_code, 1);
}

}  // namespace
}  // namespace pgcertify::testing
