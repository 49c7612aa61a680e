// \startpipeline/\endpipeline and \shell/\setshell, run side by side with pgbench on the same
// scripts; errors inside a pipeline fail (or retry) the transaction, never the client.

#include <gtest/gtest.h>

#include "load/load_fixture.hpp"

namespace pgcertify::testing {
namespace {

constexpr const char* kPipeline = R"(\set step 1
\startpipeline
INSERT INTO pl VALUES (:client_id, :step);
INSERT INTO pl VALUES (:client_id, :step + 1);
\sleep 1 ms
SELECT pg_sleep(0.001);
INSERT INTO pl VALUES (:client_id, :step + 2);
\endpipeline
)";

TEST_F(LoadTest, PipelinesRunTheirStatementsAsPgbenchDoes) {
  sql("CREATE TABLE pl (client int, step int)");
  const auto file = script("pipe.sql", kPipeline);
  const std::string rows = "SELECT string_agg(client || ':' || step || 'x' || n, ',' ORDER BY client, step) "
                           "FROM (SELECT client, step, count(*) AS n FROM pl GROUP BY 1, 2) g";
  const std::string expected = "0:1x5,0:2x5,0:3x5,1:1x5,1:2x5,1:3x5";
  for (const std::string mode : {"extended", "prepared"}) {
    sql("TRUNCATE pl");
    const auto r = load({"-c", "2", "-j", "2", "-t", "5", "-M", mode, "-r", "-f", file.string()});
    EXPECT_EQ(r["transactions"], 10) << mode;
    EXPECT_EQ(scalar(rows), expected) << mode;
    EXPECT_NE(last_.out.find("\\endpipeline"), std::string::npos) << "-r lists the pipeline's commands\n" << last_.out;
  }
  sql("TRUNCATE pl");
  const auto pgbench = this->pgbench({"-n", "-c", "2", "-j", "2", "-t", "5", "-M", "extended", "-f", file.string()});
  if (!pgbench) GTEST_SKIP() << "pgbench is not installed: no side-by-side comparison";
  ASSERT_EQ(pgbench->exit_code, 0) << pgbench->err;
  EXPECT_EQ(scalar(rows), expected) << "pgbench disagrees";
}

TEST_F(LoadTest, AnErrorInAPipelineFailsTheTransactionAndTheClientGoesOn) {
  sql("CREATE TABLE pl (client int, step int)");
  const auto bad = script("bad.sql", R"(\startpipeline
INSERT INTO pl VALUES (:client_id, 1);
SELECT 1 / (:client_id::int - :client_id::int);
INSERT INTO pl VALUES (:client_id, 2);
\endpipeline
INSERT INTO pl VALUES (:client_id, 3);
)");
  const auto r = load({"-c", "2", "-t", "4", "-M", "prepared", "-f", bad.string()}, 1);
  EXPECT_EQ(r["other_failures"], 8);
  EXPECT_EQ(r["aborted_clients"], 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM pl"), "0") << "the pipeline's implicit transaction is rolled back, step 3 never runs";
  EXPECT_NE(last_.err.find("division by zero"), std::string::npos) << last_.err;

  // A serialization failure inside a pipeline is retried as a whole (--max-tries).
  sql("TRUNCATE pl");
  const auto flaky = script("flaky.sql", R"(\startpipeline
INSERT INTO pl VALUES (:client_id, 1);
DO $$ BEGIN IF random() < 0.5 THEN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END IF; END $$;
\endpipeline
)");
  const auto retried = load({"-c", "2", "-t", "20", "-M", "extended", "--max-tries", "50", "-f", flaky.string()});
  EXPECT_EQ(retried["transactions"], 40);
  EXPECT_GT(retried["retries"].get<int>(), 5);
  EXPECT_EQ(scalar("SELECT count(*) FROM pl"), "40") << "a failed try left nothing behind";
}

TEST_F(LoadTest, PipelinesNeedTheExtendedProtocol) {
  const auto file = script("pipe.sql", "SELECT 1;\n\\startpipeline\nSELECT 2;\n\\endpipeline\n");
  const Completed r = run_pgcertify({"load", "-t", "1", "-f", file.string(), dsn()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("pipe.sql:2: cannot use pipeline mode with the simple query protocol (use -M extended or prepared)"),
            std::string::npos)
      << r.err;
}

TEST_F(LoadTest, ShellAndSetshellRunAsPgbenchRunsThem) {
  sql("CREATE TABLE sh (v bigint, client int)");
  const auto out = work_dir_ / "shell.out";
  const auto file = script("shell.sql", "\\set n 5\n\\setshell v expr :n + 37\n\\shell echo hi ::n :n >> " + out.string() +
                                            "\nINSERT INTO sh VALUES (:v, :client_id);\n");
  load({"-c", "2", "-t", "2", "-f", file.string()});
  const std::string rows = "SELECT string_agg(v || '/' || client, ',' ORDER BY client) FROM sh";
  EXPECT_EQ(scalar(rows), "42/0,42/0,42/1,42/1");
  EXPECT_EQ(read_text(out), "hi :n 5\nhi :n 5\nhi :n 5\nhi :n 5\n");

  sql("TRUNCATE sh");
  std::filesystem::remove(out);
  const auto pgbench = this->pgbench({"-n", "-c", "2", "-t", "2", "-f", file.string()});
  if (!pgbench) GTEST_SKIP() << "pgbench is not installed: no side-by-side comparison";
  EXPECT_EQ(scalar(rows), "42/0,42/0,42/1,42/1") << "pgbench disagrees";
  EXPECT_EQ(read_text(out), "hi :n 5\nhi :n 5\nhi :n 5\nhi :n 5\n") << "pgbench disagrees";
}

TEST_F(LoadTest, ShellCommandsDoNotStallTheOtherClientsOfTheThread) {
  // Client 0 spends the run in `sleep`; client 1, on the same thread, keeps working.
  const auto file = script("slow_shell.sql", "\\if :client_id = 0\n\\shell sleep 1\n\\else\nSELECT 1;\n\\endif\n");
  const auto r = load({"-c", "2", "-j", "1", "-T", "2", "-f", file.string()});
  EXPECT_GT(r["transactions"].get<int>(), 100) << last_.out;
}

TEST_F(LoadTest, ShellFailuresAbortTheClientWithTheReason) {
  auto r = load({"-t", "1", "-f", script("s1.sql", "\\setshell v echo abc\n").string()}, 1);
  EXPECT_EQ(r["aborted_clients"], 1);
  EXPECT_NE(last_.err.find("shell command must return an integer (not \"abc\")"), std::string::npos) << last_.err;
  r = load({"-t", "1", "-f", script("s2.sql", "\\shell false\n").string()}, 1);
  EXPECT_NE(last_.err.find("\\shell false: shell command returned non-zero exit status 1"), std::string::npos) << last_.err;
  r = load({"-t", "1", "-f", script("s3.sql", "\\shell echo :nope\n").string()}, 1);
  EXPECT_NE(last_.err.find("undefined variable \"nope\""), std::string::npos) << last_.err;
}

}  // namespace
}  // namespace pgcertify::testing
