// The reference databases under examples/: their migrations apply, repeat where they promise
// to, undo exactly, and their plans pass (and fail when the database is broken).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "cluster/postgres_install.hpp"
#include "support/plan_run.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

struct MigrationFiles {
  fs::path up, down;
};

std::vector<MigrationFiles> migrations_of(const std::string& example) {
  std::vector<MigrationFiles> out;
  const fs::path dir = source_dir() + "/examples/" + example + "/migrations";
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.ends_with(".down.sql")) continue;
    fs::path down = e.path();
    down.replace_extension(".down.sql");
    out.push_back({e.path(), down});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.up < b.up; });
  return out;
}

class ReferenceTest : public DatabaseTest {
 protected:
  void apply(const fs::path& file) { apply_file(file); }

  /// The schema as pg_dump prints it, plus the cluster's roles (migrations create roles).
  std::string catalog() {
    const fs::path out = work_dir_ / "schema.sql";
    const std::string command = (cluster::find_postgres_bin() / "pg_dump").string() + " --schema-only --no-comments '" +
                                dsn() + "' > " + out.string();
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    // pg_dump 15.14+ brackets its output with \restrict and \unrestrict and a random key.
    static const std::regex restrict_lines(R"(\\(un)?restrict [^\n]*\n)");
    return std::regex_replace(read_text(out), restrict_lines, "") +
           scalar("SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles");
  }

  nlohmann::json run_example_plan(const std::string& example, const std::string& target_dsn = "",
                                  const std::vector<std::string>& extra = {}) {
    const PlanRun run = run_plan(source_dir() + "/examples/" + example + "/plan.yaml", target_dsn, work_dir_, extra);
    last_output_ = run.output();
    return run.report;
  }

  std::string last_output_;
};

TEST_F(ReferenceTest, EveryHeroesDownMigrationRestoresTheCatalog) {
  for (const auto& m : migrations_of("heroes")) {
    SCOPED_TRACE(m.up.filename().string());
    const std::string before = catalog();
    apply(m.up);
    ASSERT_NE(catalog(), before) << "the migration changed nothing";
    apply(m.down);
    EXPECT_EQ(catalog(), before);
    apply(m.up);
  }
}

TEST_F(ReferenceTest, EveryYtempireDownMigrationRestoresTheCatalog) {
  for (const auto& m : migrations_of("ytempire")) {
    SCOPED_TRACE(m.up.filename().string());
    const std::string before = catalog();
    apply(m.up);
    apply(m.down);
    EXPECT_EQ(catalog(), before);
    apply(m.up);
  }
}

TEST_F(ReferenceTest, IdempotentHeroesMigrationsCanBeAppliedTwice) {
  apply_example("heroes");
  const std::string once = catalog();
  for (const char* file : {"001_extensions.sql", "010_roles.sql", "011_privileges.sql"})
    apply(source_dir() + "/examples/heroes/migrations/" + file);
  EXPECT_EQ(catalog(), once);
}

TEST_F(ReferenceTest, HeroesPlanPassesOnTheReferenceDatabase) {
  const auto report = run_example_plan("heroes");
  EXPECT_EQ(report["counts"]["fail"], 0) << last_output_;
  EXPECT_EQ(report["counts"]["error"], 0) << last_output_;
  EXPECT_GE(report["counts"]["pass"].get<int>(), 30);
}

TEST_F(ReferenceTest, YtempirePlanPassesOnTheReferenceDatabase) {
  const auto report = run_example_plan("ytempire");
  EXPECT_EQ(report["counts"]["fail"], 0) << last_output_;
  EXPECT_EQ(report["counts"]["error"], 0) << last_output_;
  EXPECT_GE(report["counts"]["pass"].get<int>(), 24);
}

TEST_F(ReferenceTest, HeroesRowLevelSecurityChecksCatchAPolicyThatLeaks) {
  apply_example("heroes");
  // A policy that lets every facilitator see every row: the isolation checks must fail.
  sql("CREATE POLICY leak_everything ON behavioral_analytics FOR SELECT TO facilitator_role USING (true)");
  const auto report = run_example_plan("heroes", dsn(), {"--only", "4.1 Row-level security"});
  std::map<std::string, std::string> status;
  for (const auto& r : report["results"]) status[r["name"]] = r["status"];
  EXPECT_EQ(status["4.1 facilitator A sees only A's 13 analytics rows"], "fail") << last_output_;
  EXPECT_EQ(status["4.1 facilitator B sees only B's 10 analytics rows"], "fail");
  EXPECT_EQ(status["4.1 without a facilitator id nothing is visible"], "fail");
  EXPECT_EQ(status["4.1 analytics role reads every analytics row"], "pass");
}

TEST_F(ReferenceTest, HeroesRetentionAndTriggerChecksCatchBrokenBehaviour) {
  apply_example("heroes");
  sql("ALTER TABLE behavioral_analytics DISABLE TRIGGER USER");
  sql("CREATE OR REPLACE FUNCTION cleanup_old_analytics_data() RETURNS integer LANGUAGE sql AS 'SELECT 0'");
  const auto report = run_example_plan("heroes", dsn());
  std::map<std::string, std::string> status;
  for (const auto& r : report["results"]) status[r["name"]] = r["status"];
  EXPECT_EQ(status["3.2 cleanup removes analytics older than 2 years"], "fail") << last_output_;
  EXPECT_EQ(status["5.1 an analytics insert updates lesson_effectiveness for the day"], "fail");
  EXPECT_EQ(status["5.1 an analytics insert invalidates the engagement cache"], "fail");
}

}  // namespace
}  // namespace pgcertify::testing

namespace pgcertify::testing {
namespace {

TEST_F(ReferenceTest, HeroesVolumePlanPassesOnGeneratedData) {
  const fs::path json = work_dir_ / "stress.json";
  ::setenv("VOLUME", "20000", 1);  // the plan's ${VOLUME:-100000}; small enough for a test
  const Completed run = run_pgcertify({"run", source_dir() + "/examples/heroes/stress.yaml", "--report", "json=" + json.string()});
  ::unsetenv("VOLUME");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto stress = nlohmann::json::parse(read_text(json));
  EXPECT_EQ(stress["counts"]["pass"], 8) << run.out;  // 7.2 checks and the 3.1 full pii_scan
  EXPECT_NE(run.out.find("public.behavioral_analytics (20000 rows)"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace pgcertify::testing
