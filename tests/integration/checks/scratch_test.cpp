// Scratch databases (design.md, safety model): a `load` that writes, against a --dsn target,
// runs only with --allow-scratch, in a copy of the database that is dropped afterwards, also
// when the run is interrupted; the target's rows are untouched either way.

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class ScratchTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    sql("CREATE TABLE counters (id int PRIMARY KEY, n bigint NOT NULL);"
        "INSERT INTO counters SELECT g, 0 FROM generate_series(1, 100) g;"
        "CREATE TABLE events (id bigserial PRIMARY KEY, counter int REFERENCES counters, at timestamptz DEFAULT now());");
    write_text(work_dir_ / "writes.sql",
               "\\set c random(1, 100)\n"
               "BEGIN;\n"
               "UPDATE counters SET n = n + 1 WHERE id = :c;\n"
               "INSERT INTO events (counter) VALUES (:c);\n"
               "END;\n");
  }

  fs::path plan(const std::string& duration_or_transactions) {
    write_text(work_dir_ / "plan.yaml",
               "suites:\n  - name: load\n    checks:\n"
               "      - name: writing load\n"
               "        load:\n"
               "          script: writes.sql\n"
               "          clients: 4\n"
               "          writes: true\n" +
                   duration_or_transactions + "          expect: {errors: 0}\n");
    return work_dir_ / "plan.yaml";
  }

  int scratch_databases() {
    return std::stoi(scalar("SELECT count(*) FROM pg_database WHERE datname LIKE 'pgcertify_scratch_%'"));
  }

  nlohmann::json only_result(const fs::path& report) {
    const auto json = nlohmann::json::parse(read_text(report));
    EXPECT_EQ(json["results"].size(), 1u);
    return json["results"][0];
  }
};

TEST_F(ScratchTest, AWritingLoadAgainstADsnIsRefusedWithoutAllowScratch) {
  const auto before = table_checksums();
  const fs::path report = work_dir_ / "r.json";
  const Completed run = run_pgcertify({"run", plan("          transactions: 20\n").string(), "--dsn", dsn(), "--report",
                                       "json=" + report.string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto result = only_result(report);
  EXPECT_EQ(result["status"], "error");
  EXPECT_NE(result["message"].get<std::string>().find("--allow-scratch"), std::string::npos) << result;
  EXPECT_EQ(table_checksums(), before);
}

TEST_F(ScratchTest, WithAllowScratchTheLoadWritesACopyThatIsDroppedAndTheTargetIsUntouched) {
  const auto before = table_checksums();
  const fs::path report = work_dir_ / "r.json";
  const Completed run = run_pgcertify({"run", plan("          transactions: 25\n").string(), "--dsn", dsn(),
                                       "--allow-scratch", "--report", "json=" + report.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto result = only_result(report);
  EXPECT_EQ(result["status"], "pass") << result;
  EXPECT_NE(result["message"].get<std::string>().find("scratch database pgcertify_scratch_"), std::string::npos) << result;
  // errors: 0 held, so 4 clients x 25 transactions updated and inserted in the copy.
  EXPECT_EQ(table_checksums(), before);
  EXPECT_EQ(scalar("SELECT count(*) FROM events"), "0");
  EXPECT_EQ(scratch_databases(), 0);
}

TEST_F(ScratchTest, AnInterruptedRunStillDropsTheScratchDatabase) {
  const auto before = table_checksums();
  Background run = start_pgcertify({"run", plan("          duration: 30s\n").string(), "--dsn", dsn(), "--allow-scratch"},
                                   work_dir_);
  // Wait until the copy exists and the load is running in it.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (scratch_databases() == 0 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(scratch_databases(), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ::kill(run.pid, SIGINT);
  const Completed done = run.wait(20);
  EXPECT_EQ(done.exit_code, 1) << done.out << done.err;
  EXPECT_EQ(scratch_databases(), 0) << done.out << done.err;
  EXPECT_EQ(table_checksums(), before);
}

}  // namespace
}  // namespace pgcertify::testing
