// Security and privacy kinds against a multi-tenant fixture with planted faults: a run leaves
// no trace (table checksums, roles, settings, prepared statements). What the checks report is
// data: the cases tests/plans/security/ (each planted fault caught with evidence, no full PII
// value in any report, the repaired fixture passes), security_hardening/ and
// security_vacuous_isolation/.

#include <gtest/gtest.h>

#include "support/plan_run.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class SecurityTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    // Roles are cluster-wide: drop what an earlier test in this binary left.
    sql("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'sec_teacher') THEN "
        "DROP OWNED BY sec_teacher, sec_readonly, sec_app; DROP ROLE sec_teacher, sec_readonly, sec_app; END IF; END $$");
    sql(read_text(dir() + "fixture.sql"));
  }
  void TearDown() override {
    sql("DROP OWNED BY sec_teacher, sec_readonly, sec_app; DROP ROLE sec_teacher, sec_readonly, sec_app");
    DatabaseTest::TearDown();
  }
  std::string dir() { return source_dir() + "/tests/plans/security/"; }

  PlanRun run() { return run_plan(dir() + "plan.yaml", dsn(), work_dir_); }
};

TEST_F(SecurityTest, ARunLeavesNoTrace) {
  auto state = [&] {
    return scalar("SELECT string_agg(rolname || ':' || rolsuper || rolbypassrls, ',' ORDER BY rolname) FROM pg_roles") + "|" +
           scalar("SELECT string_agg(name || '=' || setting, ',' ORDER BY name) FROM pg_db_role_setting s, "
                  "LATERAL unnest(s.setconfig) c, LATERAL (SELECT split_part(c, '=', 1) AS name, split_part(c, '=', 2) AS setting) x") +
           "|" + scalar("SELECT count(*) FROM pg_prepared_xacts") + "|" +
           scalar("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname LIKE 'pgcertify%'");
  };
  const auto tables_before = table_checksums();
  const std::string state_before = state();
  run();
  EXPECT_EQ(table_checksums(), tables_before);
  EXPECT_EQ(state(), state_before);
  // The attempts ran EXPLAIN, not the statements: no sequence or row moved, nothing is locked.
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'progress'"),
            "0");
}

}  // namespace
}  // namespace pgcertify::testing
