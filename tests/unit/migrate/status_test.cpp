#include "migrate/status.hpp"

#include <gtest/gtest.h>

namespace pgcertify::migrate {
namespace {

MigrationFiles file(const std::string& version, const std::string& name) {
  return {parse_version(version), name, version + "_" + name + ".sql", std::nullopt, version + "_" + name + ".sql"};
}

HistoryRow row(const std::string& version, const std::string& script, const std::string& checksum, bool success = true,
               const std::string& type = "SQL") {
  HistoryRow r;
  r.version = version;
  r.script = script;
  r.checksum = checksum;
  r.success = success;
  r.type = type;
  r.description = script;
  return r;
}

TEST(Status, SortsEveryMigrationIntoItsState) {
  Folder folder;
  folder.versioned = {file("001", "a"), file("002", "b"), file("003", "c"), file("004", "d")};
  const std::map<std::string, std::string> checksums = {
      {"001_a.sql", "c1"}, {"002_b.sql", "c2-edited"}, {"003_c.sql", "c3"}, {"004_d.sql", "c4"}};
  const std::vector<HistoryRow> history = {row("001", "001_a.sql", "c1"), row("2", "002_b.sql", "c2"),
                                           row("003", "003_c.sql", "c3", false), row("000", "000_gone.sql", "c0")};
  const Status s = compute_status(folder, checksums, history);
  ASSERT_EQ(s.entries.size(), 5u);
  EXPECT_EQ(s.entries[0].state, State::kMissingFile);
  EXPECT_EQ(s.entries[1].state, State::kApplied);
  EXPECT_EQ(s.entries[2].state, State::kChecksumChanged);
  EXPECT_EQ(s.entries[3].state, State::kFailed);
  EXPECT_EQ(s.entries[4].state, State::kPending);
  EXPECT_EQ(s.applied, 1);
  EXPECT_EQ(s.pending, 1);
  EXPECT_EQ(s.failed, 1);
  EXPECT_EQ(s.drift, 2);
}

TEST(Status, MigrationsAtOrBelowABaselineCountAsApplied) {
  Folder folder;
  folder.versioned = {file("1", "a"), file("2", "b"), file("3", "c")};
  const std::map<std::string, std::string> checksums = {{"1_a.sql", "x"}, {"2_b.sql", "y"}, {"3_c.sql", "z"}};
  const Status s = compute_status(folder, checksums, {row("2", "<< baseline >>", "", true, "BASELINE")});
  EXPECT_EQ(s.entries[0].state, State::kBelowBaseline);
  EXPECT_EQ(s.entries[1].state, State::kBaseline);
  EXPECT_EQ(s.entries[2].state, State::kPending);
  EXPECT_EQ(s.pending, 1);
}

}  // namespace
}  // namespace pgcertify::migrate
