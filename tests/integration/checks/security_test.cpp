// Security and privacy kinds against a multi-tenant fixture with planted faults: a run leaves
// no trace (table checksums, roles, settings, prepared statements); a vacuous isolation test is
// an error; hardening's findings. Each planted fault caught with evidence, no full PII value in
// any report, and the repaired fixture passing are the case tests/plans/security/.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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
  static std::string evidence(const nlohmann::json& r) {
    std::string all;
    for (const auto& e : r["evidence"]) all += e.get<std::string>() + "\n";
    return all;
  }
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

TEST_F(SecurityTest, ATestThatWouldPassVacuouslyIsAnError) {
  write_text(work_dir_ / "vacuous.yaml", R"(suites:
  - name: s
    checks:
      - name: as the owner
        rls_isolation: {table: progress, role: postgres, setting: app.teacher_id, tenants: SELECT 1, visible: SELECT 1}
)");
  const auto report = run_plan(work_dir_ / "vacuous.yaml", dsn(), work_dir_).report;
  EXPECT_EQ(report["results"][0]["status"], "error");
  EXPECT_EQ(report["results"][0]["message"],
            "role postgres is a superuser and bypasses row-level security: the test would pass vacuously");
}

}  // namespace
}  // namespace pgcertify::testing

namespace pgcertify::testing {
namespace {

TEST_F(SecurityTest, HardeningFindsWeakPasswordsTrustRulesAndUnpinnedDefiners) {
  sql("SET password_encryption = 'md5'; CREATE ROLE sec_md5 LOGIN PASSWORD 'weak'; RESET password_encryption");
  write_text(work_dir_ / "hardening.yaml", R"(suites:
  - name: s
    checks:
      - name: baseline
        hardening: {login_roles: [postgres]}
      - name: as this throwaway cluster is meant to be
        hardening:
          settings: {ssl: "off", log_connections: "off"}
          skip: [hba, passwords, security_definer, login_roles]
)");
  const auto report = run_plan(work_dir_ / "hardening.yaml", dsn(), work_dir_).report;
  sql("DROP ROLE sec_md5");
  const std::string found = evidence(report["results"][0]);
  EXPECT_EQ(report["results"][0]["status"], "fail");
  for (const char* expected : {"ssl is off, expected on", "log_connections is off, expected on",
                               "role sec_md5 has an MD5 password", "role sec_md5 can log in but is not in the allowed list",
                               "SECURITY DEFINER function public.class_count() has no pinned search_path",
                               "trust"})
    EXPECT_NE(found.find(expected), std::string::npos) << expected << "\n" << found;
  EXPECT_EQ(report["results"][1]["status"], "pass") << evidence(report["results"][1]);
}

}  // namespace
}  // namespace pgcertify::testing
