#pragma once
// Integration-test support: one throwaway cluster per test binary, a fresh database per test,
// and a way to run the pgcertify binary and read what it printed.

#include <gtest/gtest.h>
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cluster/ephemeral.hpp"
#include "pg/connection.hpp"

namespace pgcertify::testing {

/// The cluster shared by every test in this binary (started on first use, stopped at exit).
cluster::EphemeralCluster& shared_cluster();

/// A test with its own database, created empty and dropped afterwards.
class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::string dsn() const;
  pg::Connection& admin();  // connected to this test's database as superuser
  /// Runs SQL (several statements allowed) in this test's database; fails the test on error.
  void sql(const std::string& text);
  /// Applies an SQL file the way `setup` does (split by libpg_query, one transaction).
  void apply_file(const std::filesystem::path& file);
  /// Applies examples/<name>/migrations in order, then its fixture.
  void apply_example(const std::string& name);
  std::string scalar(const std::string& query);
  /// md5 of every row of every ordinary table in schema public, for before/after comparisons.
  std::map<std::string, std::string> table_checksums();

  std::string database_;
  std::unique_ptr<pg::Connection> admin_;
  std::filesystem::path work_dir_;  // a temporary folder for plans and reports
};

struct Completed {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs build/pgcertify with `args` to completion.
Completed run_pgcertify(const std::vector<std::string>& args);

/// Starts build/pgcertify in the background; output goes to files in `dir`.
struct Background {
  pid_t pid = -1;
  std::filesystem::path out, err;
  /// Waits for exit (up to `seconds`); kills it and fails the test if it hangs.
  Completed wait(int seconds = 60);
};
Background start_pgcertify(const std::vector<std::string>& args, const std::filesystem::path& dir);

/// Children of `pid` whose command line contains `needle`.
std::vector<pid_t> child_processes(pid_t pid, const std::string& needle = "");
/// Processes whose command line contains `needle` (e.g. a data directory), and `also`.
std::vector<pid_t> processes_matching(const std::string& needle, const std::string& also = "");
/// pgcertify's temporary cluster folders now present under `root` (a test gives its runs a
/// root of their own with PGCERTIFY_TMPDIR, so other runs on the machine do not count).
std::vector<std::filesystem::path> cluster_temp_dirs(const std::filesystem::path& root);

std::string source_dir();
std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);

}  // namespace pgcertify::testing
