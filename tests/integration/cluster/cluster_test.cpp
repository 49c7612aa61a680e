#include "cluster/ephemeral.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "pg/connection.hpp"
#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

TEST(EphemeralCluster, StartsWithThrowawaySettingsAndLeavesNothingBehind) {
  fs::path dir, data;
  {
    auto cluster = cluster::EphemeralCluster::start({{{"work_mem", "7MB"}}, {}, false});
    dir = cluster->dir();
    data = cluster->data_dir();
    pg::Connection c(cluster->dsn());
    EXPECT_EQ(c.exec("SHOW fsync").value(0, 0), "off");
    EXPECT_EQ(c.exec("SHOW work_mem").value(0, 0), "7MB");  // a plan's override wins
    EXPECT_EQ(c.exec("SHOW listen_addresses").value(0, 0), "127.0.0.1");
    EXPECT_FALSE(processes_matching(data.string()).empty());
  }
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_TRUE(processes_matching(data.string()).empty());
}

TEST(ClusterCommand, UpPrintsADsnAndDownStopsAndRemovesTheFolder) {
  const fs::path dir = fs::temp_directory_path() / ("pgcertify-up-" + std::to_string(::getpid()));
  const Completed up = run_pgcertify({"cluster", "up", "--dir", dir.string()});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string dsn = up.out.substr(0, up.out.find('\n'));
  {
    pg::Connection c(dsn);  // still running after pgcertify exited
    EXPECT_EQ(c.exec("SELECT 1").value(0, 0), "1");
  }
  EXPECT_EQ(cluster::read_cluster_dsn(dir), dsn);

  const Completed again = run_pgcertify({"cluster", "up", "--dir", dir.string()});
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_NE(again.err.find("already holds a cluster"), std::string::npos) << again.err;

  const Completed down = run_pgcertify({"cluster", "down", "--dir", dir.string()});
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_TRUE(processes_matching((dir / "data").string()).empty());
}

TEST(ClusterCommand, DownOnAFolderWithoutAClusterSaysSo) {
  const Completed down = run_pgcertify({"cluster", "down", "--dir", "/nonexistent/pgcertify"});
  EXPECT_EQ(down.exit_code, 3);
  EXPECT_EQ(down.err, "pgcertify: '/nonexistent/pgcertify' holds no cluster made by 'pgcertify cluster up'\n");
}

}  // namespace
}  // namespace pgcertify::testing
