// Baselines (`baseline:` + `regression:` in a load check, `--save-baseline`) and sharded loads
// (`load --shard K/N`, `report merge`) against a real server.

#include <gtest/gtest.h>

#include "load/load_fixture.hpp"
#include "support/plan_run.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class BaselineTest : public LoadTest {
 protected:
  Completed run_plan_yaml(const std::vector<std::string>& extra = {}) {
    return run_plan(work_dir_ / "plan.yaml", dsn(), work_dir_, extra);
  }
  nlohmann::json result() { return nlohmann::json::parse(read_text(report()))["results"][0]; }
  fs::path report() const { return work_dir_ / "report.json"; }  // where run_plan writes it
};

TEST_F(BaselineTest, ALoadCheckComparesWithItsSavedBaseline) {
  write_text(work_dir_ / "plan.yaml", R"(suites:
  - name: load
    checks:
      - name: no regression
        load: {sql: "SELECT 1;", clients: 2, transactions: 200, baseline: base.json, regression: {tps: 90%, p95: 400%}}
)");
  Completed run = run_plan_yaml();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(result()["status"], "error");
  EXPECT_NE(result()["message"].get<std::string>().find("baseline " + (work_dir_ / "base.json").string() +
                                                        " does not exist: record it once with `pgcertify run PLAN --save-baseline`"),
            std::string::npos)
      << result();

  run = run_plan_yaml({"--save-baseline"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(result()["message"].get<std::string>().find("baseline written to"), std::string::npos) << result();
  auto base = nlohmann::json::parse(read_text(work_dir_ / "base.json"));
  EXPECT_EQ(base["transactions"], 400);

  // Two real runs of a sub-millisecond statement differ by more than any tolerance on a loaded
  // machine, so the comparisons below use baselines doctored far to either side of this run.
  // Within tolerance: a baseline 100 times slower than the recorded one.
  const nlohmann::json recorded = base;
  base["tps"] = recorded["tps"].get<double>() / 100;
  for (const char* p : {"p50", "p95", "p99", "max"}) base["latency_ms"][p] = recorded["latency_ms"][p].get<double>() * 100;
  write_text(work_dir_ / "base.json", base.dump());
  run = run_plan_yaml();
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(result()["message"].get<std::string>().find("within tolerance of baseline"), std::string::npos) << result();

  // A baseline a hundred times faster than the recorded one: tps fell by ~99 %.
  base = recorded;
  base["tps"] = recorded["tps"].get<double>() * 100;
  write_text(work_dir_ / "base.json", base.dump());
  run = run_plan_yaml();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(result()["status"], "fail");
  const std::string message = result()["message"];
  EXPECT_NE(message.find("regression against baseline"), std::string::npos) << message;
  EXPECT_NE(message.find("tps "), std::string::npos) << message;
  EXPECT_NE(message.find("tolerance 90%"), std::string::npos) << message;

  // `pgcertify load --save-baseline` writes the same format.
  load({"-c", "2", "-t", "50", "--save-baseline", (work_dir_ / "base.json").string(), "-f", script("one.sql", "SELECT 1;\n").string()});
  base = nlohmann::json::parse(read_text(work_dir_ / "base.json"));
  EXPECT_EQ(base["transactions"], 100);
  base["tps"] = base["tps"].get<double>() / 100;  // read as a baseline, far on the safe side
  for (const char* p : {"p50", "p95", "p99", "max"}) base["latency_ms"][p] = base["latency_ms"][p].get<double>() * 100;
  write_text(work_dir_ / "base.json", base.dump());
  run = run_plan_yaml();
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err << result();
  write_text(work_dir_ / "base.json", "{\"tps\": 5}");
  run = run_plan_yaml();
  EXPECT_EQ(result()["status"], "error");
  EXPECT_NE(result()["message"].get<std::string>().find("not a pgcertify load summary (no number at 'transactions')"), std::string::npos)
      << result();
}

TEST_F(BaselineTest, RegressionWithoutBaselineIsAPlanError) {
  write_text(work_dir_ / "plan.yaml", R"(suites:
  - name: load
    checks:
      - load: {sql: "SELECT 1;", regression: {tps: 10%}}
)");
  Completed run = run_plan_yaml();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("'regression' compares with a 'baseline' file"), std::string::npos) << run.err;
  write_text(work_dir_ / "plan.yaml", R"(suites:
  - name: load
    checks:
      - load: {sql: "SELECT 1;", baseline: b.json, regression: {p95: fast}}
)");
  run = run_plan_yaml();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("a tolerance is a percentage, e.g. 10%, not 'fast'"), std::string::npos) << run.err;
}

TEST_F(LoadTest, ShardsRunDistinctClientsAndMergeIntoOneRun) {
  sql("CREATE TABLE ids (client int, v int)");
  const auto file = script("ids.sql", "\\set v random(1, 1000000)\nINSERT INTO ids VALUES (:client_id, :v);\n");
  std::vector<std::string> jsons;
  for (const std::string k : {"1", "2"}) {
    load({"-c", "2", "-j", "2", "-t", "30", "-M", "prepared", "--random-seed", "5", "--shard", k + "/2", "-f", file.string()});
    fs::copy_file(work_dir_ / "load.json", work_dir_ / ("shard" + k + ".json"));
    jsons.push_back((work_dir_ / ("shard" + k + ".json")).string());
  }
  EXPECT_EQ(scalar("SELECT string_agg(client || 'x' || n, ',' ORDER BY client) FROM (SELECT client, count(*) n FROM ids GROUP BY 1) g"),
            "0x30,1x30,2x30,3x30");
  const std::string sharded_values = scalar("SELECT string_agg(v::text, ',' ORDER BY client, v) FROM ids");
  // One run of four clients with the same seed draws the same values for the same client ids.
  sql("TRUNCATE ids");
  load({"-c", "4", "-j", "2", "-t", "30", "-M", "prepared", "--random-seed", "5", "-f", file.string()});
  EXPECT_EQ(scalar("SELECT string_agg(v::text, ',' ORDER BY client, v) FROM ids"), sharded_values);

  const fs::path merged = work_dir_ / "merged.json";
  Completed m = run_pgcertify({"report", "merge", jsons[0], jsons[1], "--json", merged.string()});
  ASSERT_EQ(m.exit_code, 0) << m.out << m.err;
  EXPECT_NE(m.out.find("number of clients: 4\n"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("number of transactions actually processed: 120/120\n"), std::string::npos) << m.out;
  const auto j = nlohmann::json::parse(read_text(merged));
  EXPECT_EQ(j["histogram"]["count"], 120);

  m = run_pgcertify({"report", "merge", jsons[0], jsons[0]});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("shard 1/2 again"), std::string::npos) << m.err;
  m = run_pgcertify({"report", "merge", jsons[0]});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("shard 2/2 is missing"), std::string::npos) << m.err;
  write_text(work_dir_ / "junk.json", "{not json");
  m = run_pgcertify({"report", "merge", (work_dir_ / "junk.json").string()});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("junk.json: not JSON"), std::string::npos) << m.err;
  const Completed bad = run_pgcertify({"load", "--shard", "3/2", "-f", file.string(), dsn()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid shard 3/2"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace pgcertify::testing
