// Each lint claim checked against a real server: for a statement on a table that has rows, what
// the linter says it costs (a rewrite, a validating scan, only a lock) and which lock it names,
// against what PostgreSQL does: the table's file node (a rewrite gives it a new one), the
// sequential scans the statement's transaction counted, and the strongest lock it holds.

#include <gtest/gtest.h>

#include <array>

#include "migrate/linter.hpp"
#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {

struct Observed {
  bool rewrite = false;
  bool scan = false;
  std::string lock;  // "ACCESS EXCLUSIVE", …, "" when none
};

struct Claim {
  const char* statement;
  Observed expected;  // what the server must show
};

// The table is created (and committed) first: 1,000 rows, every constraint below satisfied.
constexpr const char* kTable =
    "CREATE TABLE parents (id int PRIMARY KEY);"
    "INSERT INTO parents SELECT g FROM generate_series(1, 10) g;"
    "CREATE TABLE t (id int PRIMARY KEY, name varchar(50), total int, parent int, note text);"
    "INSERT INTO t SELECT g, 'n' || g, g, 1 + g % 10, 'x' FROM generate_series(1, 1000) g;"
    "ALTER TABLE t ADD CONSTRAINT note_present CHECK (note IS NOT NULL);"
    "ALTER TABLE t ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;"
    "ALTER TABLE t ADD CONSTRAINT parent_present CHECK (parent IS NOT NULL) NOT VALID;";

const std::vector<Claim> kClaims = {
    {"ALTER TABLE t ADD COLUMN active boolean NOT NULL DEFAULT true", {false, false, "ACCESS EXCLUSIVE"}},
    {"ALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid()", {true, true, "ACCESS EXCLUSIVE"}},  // a rewrite reads every row
    {"ALTER TABLE t ALTER COLUMN id TYPE bigint", {true, true, "ACCESS EXCLUSIVE"}},
    {"ALTER TABLE t ALTER COLUMN name TYPE varchar(100)", {false, false, "ACCESS EXCLUSIVE"}},
    {"ALTER TABLE t ALTER COLUMN name TYPE text", {false, false, "ACCESS EXCLUSIVE"}},
    {"ALTER TABLE t ADD CONSTRAINT c CHECK (total < 100000)", {false, true, "ACCESS EXCLUSIVE"}},
    {"ALTER TABLE t ADD CONSTRAINT c CHECK (total < 100000) NOT VALID", {false, false, "ACCESS EXCLUSIVE"}},
    {"ALTER TABLE t VALIDATE CONSTRAINT total_positive", {false, true, "SHARE UPDATE EXCLUSIVE"}},
    {"ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (parent) REFERENCES parents (id)", {false, true, "SHARE ROW EXCLUSIVE"}},
    {"ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (parent) REFERENCES parents (id) NOT VALID",
     {false, false, "SHARE ROW EXCLUSIVE"}},
    {"ALTER TABLE t ALTER COLUMN total SET NOT NULL", {false, true, "ACCESS EXCLUSIVE"}},
    {"ALTER TABLE t ALTER COLUMN note SET NOT NULL", {false, false, "ACCESS EXCLUSIVE"}},  // note_present proves it
    // A NOT VALID CHECK (parent IS NOT NULL) proves nothing: the server still scans.
    {"ALTER TABLE t ALTER COLUMN parent SET NOT NULL", {false, true, "ACCESS EXCLUSIVE"}},
    {"ALTER TABLE t ALTER COLUMN total SET STATISTICS 500", {false, false, "SHARE UPDATE EXCLUSIVE"}},
    {"ALTER TABLE t ALTER COLUMN note DROP NOT NULL", {false, false, "ACCESS EXCLUSIVE"}},
    {"CREATE INDEX t_total ON t (total)", {false, true, "SHARE"}},
};

constexpr std::array<const char*, 8> kModes = {"AccessShareLock",      "RowShareLock",
                                               "RowExclusiveLock",     "ShareUpdateExclusiveLock",
                                               "ShareLock",            "ShareRowExclusiveLock",
                                               "ExclusiveLock",        "AccessExclusiveLock"};
constexpr std::array<const char*, 8> kNames = {"ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
                                               "SHARE",        "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};

class LintClaimsTest : public DatabaseTest {
 protected:
  /// Runs `statement` in a transaction that is rolled back, and reports what it did to t.
  Observed observe(const std::string& statement) {
    const std::string node_before = scalar("SELECT pg_relation_filenode('t')");
    sql("BEGIN");
    const std::string scans_before = scalar("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 't'");
    sql(statement);
    Observed o;
    o.rewrite = scalar("SELECT pg_relation_filenode('t')") != node_before;
    o.scan = scalar("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 't'") != scans_before;
    const std::string modes = scalar(
        "SELECT string_agg(mode, ',') FROM pg_locks WHERE pid = pg_backend_pid() AND granted AND relation = 't'::regclass");
    for (size_t i = 0; i < kModes.size(); ++i)
      if (("," + modes + ",").find(std::string(",") + kModes[i] + ",") != std::string::npos) o.lock = kNames[i];
    sql("ROLLBACK");
    return o;
  }
};

TEST_F(LintClaimsTest, EachClaimMatchesWhatTheServerDoes) {
  sql(kTable);
  for (const auto& claim : kClaims) {
    SCOPED_TRACE(claim.statement);
    const Observed seen = observe(claim.statement);
    EXPECT_EQ(seen.rewrite, claim.expected.rewrite) << "rewrite";
    EXPECT_EQ(seen.scan, claim.expected.scan) << "scan";
    EXPECT_EQ(seen.lock, claim.expected.lock) << "lock";

    // The linter, reading the same history (the table's DDL as an earlier file of the folder).
    std::vector<migrate::Script> scripts = {migrate::parse_script(kTable, "001_t.sql"),
                                            migrate::parse_script(std::string(claim.statement) + ";", "002_x.sql")};
    std::vector<migrate::Finding> hazards;
    for (auto& f : migrate::lint_scripts(scripts, {}))
      if (f.file == "002_x.sql" && f.rule != "require-lock-timeout" && f.severity == migrate::LintSeverity::kError)
        hazards.push_back(f);
    if (hazards.empty()) {
      // Silent: the statement must be a catalog update (or take a lock no read or write waits for).
      EXPECT_FALSE(seen.rewrite) << "the linter is silent about a rewrite";
      EXPECT_TRUE(!seen.scan || seen.lock == "SHARE UPDATE EXCLUSIVE") << "the linter is silent about a scan under "
                                                                       << seen.lock;
      continue;
    }
    for (const auto& f : hazards) {
      SCOPED_TRACE(f.rule);
      EXPECT_EQ(f.lock, seen.lock) << "the lock the linter names";
      if (f.cost == migrate::LintCost::kRewrite) {
        EXPECT_TRUE(seen.rewrite) << "claimed a rewrite";
      } else if (f.cost == migrate::LintCost::kScan) {
        EXPECT_TRUE(seen.scan && !seen.rewrite) << "claimed a scan";
      } else if (f.cost == migrate::LintCost::kIndexBuild) {
        EXPECT_TRUE(seen.scan) << "claimed an index build";
      }
    }
  }
}

}  // namespace
}  // namespace pgcertify::testing
