// Security and privacy kinds against a multi-tenant fixture with planted faults: each fault
// caught with evidence; the repaired fixture passes; and a run leaves no trace (table
// checksums, roles, settings, prepared statements) and no full PII value in any report.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/fixture.hpp"

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

  std::map<std::string, nlohmann::json> run_plan() {
    const fs::path json = work_dir_ / "security.json";
    const Completed run = run_pgcertify({"run", dir() + "plan.yaml", "--dsn", dsn(), "--report",
                                         "json=" + json.string() + ",junit=" + (work_dir_ / "security.xml").string()});
    output_ = run.out + run.err;
    report_text_ = read_text(json) + read_text(work_dir_ / "security.xml") + output_;
    std::map<std::string, nlohmann::json> out;
    const auto report = nlohmann::json::parse(read_text(json));
    for (const auto& r : report["results"]) out[r["name"].get<std::string>()] = r;
    return out;
  }
  static std::string evidence(const nlohmann::json& r) {
    std::string all;
    for (const auto& e : r["evidence"]) all += e.get<std::string>() + "\n";
    return all;
  }
  std::string output_, report_text_;
};

TEST_F(SecurityTest, EveryPlantedFaultIsCaughtWithEvidence) {
  auto r = run_plan();
  const auto& leak = r["teachers see only their classes' progress"];
  EXPECT_EQ(leak["status"], "fail") << output_;
  EXPECT_NE(evidence(leak).find("tenant 1 sees 5 rows it must not: 201, 202, 203, … (5 in all)"), std::string::npos)
      << evidence(leak);
  EXPECT_NE(evidence(leak).find("row-level security is not forced on progress, so its owner postgres bypasses it"),
            std::string::npos);
  EXPECT_NE(evidence(leak).find("policies on progress: teacher_progress (all)"), std::string::npos);
  EXPECT_EQ(r["teachers see only their classes"]["status"], "pass");

  EXPECT_EQ(r["readonly role cannot write (catalog)"]["message"],
            "sec_readonly INSERT on progress: expected denied, the catalog grants it");
  const auto& attempt = r["readonly role cannot write (attempt)"];
  EXPECT_NE(evidence(attempt).find("sec_readonly INSERT on progress: expected denied, the attempt was allowed"),
            std::string::npos) << evidence(attempt);

  const std::string pii = evidence(r["no personal data in the analyst view or the anonymous table"]);
  EXPECT_NE(pii.find("class_overview.teacher_email: the column name matches 'email'"), std::string::npos) << pii;
  EXPECT_NE(pii.find("progress.note: email in 1 of 18 values read, e.g. \"parent asked to be mailed at m***@home.example\""),
            std::string::npos) << pii;

  const auto& k = r["groups of at least 5 students"];
  EXPECT_EQ(k["status"], "fail");
  EXPECT_EQ(k["evidence"][0], R"({"class_id":30,"grade":6,"subjects":3})");

  EXPECT_EQ(r["definer functions pin their search_path"]["message"],
            "SECURITY DEFINER function public.class_count() has no pinned search_path");

  // No full personal value anywhere in what pgcertify wrote or printed.
  for (const char* value : {"mum.of.kid@home.example", "ada@school.example", "grace@school.example"})
    EXPECT_EQ(report_text_.find(value), std::string::npos) << value;
}

TEST_F(SecurityTest, TheRepairedFixturePasses) {
  sql(read_text(dir() + "clean.sql"));
  for (const auto& [name, result] : run_plan()) EXPECT_EQ(result["status"], "pass") << name << "\n" << output_;
}

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
  run_plan();
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
  const fs::path json = work_dir_ / "v.json";
  run_pgcertify({"run", (work_dir_ / "vacuous.yaml").string(), "--dsn", dsn(), "--report", "json=" + json.string()});
  const auto report = nlohmann::json::parse(read_text(json));
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
  const fs::path json = work_dir_ / "h.json";
  run_pgcertify({"run", (work_dir_ / "hardening.yaml").string(), "--dsn", dsn(), "--report", "json=" + json.string()});
  sql("DROP ROLE sec_md5");
  const auto report = nlohmann::json::parse(read_text(json));
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
