// index_health against planted faults (one of each finding kind, named), the same schema
// repaired, `allow`, bad options at their position, and no state left behind.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

struct Reported {
  std::string status;
  std::string message;
  std::vector<std::string> evidence;
  std::map<std::string, std::string> measurements;
};

class IndexHealthTest : public DatabaseTest {
 protected:
  std::string dir() { return source_dir() + "/tests/plans/index_health/"; }

  /// The fixture plus what cannot run in its transaction: an index scan, a bloated index
  /// (VACUUM after deleting 90% of the rows on every page), then 30% dead tuples in events.
  void plant() {
    sql(read_text(dir() + "fixture.sql"));
    sql("SET enable_seqscan = off; SELECT count(*) FROM orders WHERE placed_at > '2026-01-05'; RESET enable_seqscan");
    sql("DELETE FROM readings WHERE id % 10 <> 0");
    flush_stats();  // so that VACUUM's report is not followed by the DELETE's
    sql("VACUUM readings");
    sql("ANALYZE");
    sql("DELETE FROM events WHERE id % 10 < 3");
    flush_stats();
    wait_for_stats("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'events'", "300");
    wait_for_stats("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'orders_placed_at_idx'", "1");
  }

  /// pgcertify's backend reads the shared statistics: push this session's pending counters.
  void flush_stats() {
    sql("SELECT pg_stat_force_next_flush()");
    sql("SELECT 1");
  }

  void wait_for_stats(const std::string& query, const std::string& expected) {
    std::string value;
    for (int i = 0; i < 200 && value != expected; ++i) {
      scalar("SELECT pg_stat_clear_snapshot()");
      value = scalar(query);
      if (value != expected) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(value, expected) << query;
  }

  std::map<std::string, Reported> run_plan() {
    const fs::path json = work_dir_ / "ih.json";
    const Completed run =
        run_pgcertify({"run", dir() + "plan.yaml", "--dsn", dsn(), "--report", "json=" + json.string()});
    output_ = run.out + run.err;
    std::map<std::string, Reported> out;
    const auto report = nlohmann::json::parse(read_text(json));
    for (const auto& r : report["results"]) {
      Reported rep;
      rep.status = r["status"].get<std::string>();
      rep.message = r["message"].get<std::string>();
      rep.evidence = r["evidence"].get<std::vector<std::string>>();
      for (const auto& m : r["measurements"])
        rep.measurements[m["name"].get<std::string>()] = m["value"].get<std::string>();
      out[r["name"].get<std::string>()] = rep;
    }
    return out;
  }

  /// The index (or constraint, or table) each evidence line names, in order: "unused index X
  /// on …", "foreign key X on …", "dead tuples in table X (…".
  static std::vector<std::string> objects(const Reported& r) {
    std::vector<std::string> out;
    for (const auto& line : r.evidence) {
      std::istringstream words(line);
      std::string word;
      const int position = line.starts_with("dead tuples") ? 5 : 3;
      for (int i = 0; i < position; ++i) words >> word;
      out.push_back(word);
    }
    return out;
  }

  std::string output_;
};

using Names = std::vector<std::string>;

TEST_F(IndexHealthTest, EachPlantedFindingIsReportedWithItsObjectAndSize) {
  plant();
  auto r = run_plan();
  EXPECT_EQ(r["unused"].status, "fail") << output_;
  EXPECT_EQ(objects(r["unused"]), (Names{"accounts_email_idx", "accounts_region_created_idx", "accounts_region_idx",
                                         "orders_status_idx", "readings_v_idx"}));
  EXPECT_EQ(r["unused"].evidence[3],
            "unused index orders_status_idx on orders (16 kB, 0 scans since statistics began)");
  EXPECT_EQ(r["duplicate"].evidence,
            Names{"duplicate index accounts_email_idx on accounts (16 kB, same as accounts_email_key: btree (email))"});
  EXPECT_EQ(r["redundant"].evidence,
            Names{"redundant index accounts_region_idx on accounts (16 kB, btree (region) is a prefix of "
                  "accounts_region_created_idx: btree (region, created_at))"});
  EXPECT_EQ(r["fk_without_index"].evidence,
            Names{"foreign key orders_parent_id_fkey on orders (16 kB table, (parent_id) references parents: "
                  "no index leads with these columns)"});
  ASSERT_EQ(r["bloat"].evidence.size(), 3u) << output_;
  EXPECT_EQ(r["bloat"].evidence[0].rfind("bloated index readings_pkey on readings (456 kB, ~86.0% estimated bloat, "
                                         "expected about 64 kB for 2000 entries",
                                         0),
            0u)
      << r["bloat"].evidence[0];
  EXPECT_EQ(objects(r["bloat"])[1], "readings_v_idx");
  EXPECT_EQ(r["bloat"].evidence[2],
            "dead tuples in table events (80 kB, 30.0% dead: 300 of 1000 rows, never vacuumed)");
  EXPECT_EQ(r["index_ratio"].evidence,
            (Names{"large index readings_pkey on readings (456 kB, 64.0% of its table's 712 kB)",
                   "large index readings_v_idx on readings (456 kB, 64.0% of its table's 712 kB)"}));
  EXPECT_EQ(objects(r["min_size"]), Names{"readings_v_idx"});
}

TEST_F(IndexHealthTest, CountsPerKindAreMeasuredAndJudgedAgainstMax) {
  plant();
  auto r = run_plan();
  const Reported& all = r["all"];
  EXPECT_EQ(all.status, "fail") << output_;
  EXPECT_EQ(all.message,
            "11 findings on 6 tables (5 unused, 1 duplicate, 1 redundant, 1 fk_without_index, 3 bloat), expected <= 0");
  EXPECT_EQ(all.measurements.at("unused"), "5");
  EXPECT_EQ(all.measurements.at("bloat"), "3");
  EXPECT_EQ(all.measurements.at("findings"), "11");
  EXPECT_EQ(all.measurements.count("index_ratio"), 0u);  // off unless max_index_ratio is given
  ASSERT_EQ(all.evidence.size(), 10u);
  EXPECT_EQ(all.evidence[9], "… and 2 more findings");
  EXPECT_EQ(r["all within max"].status, "pass");
  EXPECT_EQ(r["all within max"].message.substr(0, 17), "11 findings on 6 ");
}

TEST_F(IndexHealthTest, AllowSuppressesAndUnknownTablesAreErrors) {
  plant();
  auto r = run_plan();
  EXPECT_EQ(r["allowed"].status, "pass") << r["allowed"].message;
  EXPECT_EQ(r["allowed"].message, "no index findings on 6 tables");
  EXPECT_EQ(r["covered tables"].status, "pass") << r["covered tables"].message;
  EXPECT_EQ(r["missing table"].status, "error");
  EXPECT_EQ(r["missing table"].message, "no table nosuch in schema public");
}

TEST_F(IndexHealthTest, RepairedSchemaPasses) {
  plant();
  sql(read_text(dir() + "clean.sql"));
  sql("VACUUM events");
  sql("ANALYZE");
  sql("SET enable_seqscan = off; SELECT count(*) FROM accounts WHERE region = 'eu' AND created_at > '2026-02-01';"
      "RESET enable_seqscan");
  flush_stats();
  wait_for_stats("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'events'", "0");
  wait_for_stats("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'accounts_region_created_idx'", "1");
  for (const auto& [name, result] : run_plan()) {
    if (name == "missing table") continue;
    EXPECT_EQ(result.status, "pass") << name << ": " << result.message << "\n" << output_;
  }
}

TEST_F(IndexHealthTest, LeavesNoStateBehind) {
  plant();
  const auto before = table_checksums();
  const std::string indexes =
      "SELECT string_agg(indexrelid::regclass::text || ':' || indisvalid, ',' ORDER BY 1) FROM pg_index";
  const std::string indexes_before = scalar(indexes);
  run_plan();
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
