// A server restart in the middle of a load (issue 8's acceptance, shortened from -T 30 to -T 8):
// the run reports the failed transactions by kind, its clients reconnect and work again, and it
// exits non-zero within a bound instead of hanging.

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "cluster/ephemeral.hpp"
#include "cluster/process.hpp"
#include "load/load_fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

/// pg_ctl on a cluster of our own (the shared one stays untouched), as the server's account.
int pg_ctl(const cluster::EphemeralCluster& c, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/lib/postgresql/15/bin/pg_ctl", "-D", c.data_dir().string(), "-w", "-t", "30"};
  argv.insert(argv.end(), args.begin(), args.end());
  cluster::SpawnOptions options;
  options.run_as = cluster::RunAs::for_server();
  options.log = c.dir() / "pg_ctl.log";
  options.die_with_parent = false;  // the restarted server is pg_ctl's, stopped below
  return cluster::run_to_completion(argv, options);
}

TEST_F(LoadTest, AServerRestartFailsTransactionsThenClientsReconnectAndFinish) {
  auto own = cluster::EphemeralCluster::start({});
  const auto file = script("work.sql", "SELECT pg_sleep(0.005);\n");
  const auto json = work_dir_ / "restart.json";
  const auto started = std::chrono::steady_clock::now();
  Background run = start_pgcertify({"load", "-c", "4", "-j", "2", "-T", "8", "-P", "1", "-f", file.string(), "--json", json.string(),
                                    own->dsn()},
                                   work_dir_);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const int restarted = pg_ctl(*own, {"restart", "-m", "fast", "-l", (own->dir() / "restarted.log").string()});
  const Completed done = run.wait(30);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  pg_ctl(*own, {"stop", "-m", "fast"});
  ASSERT_EQ(restarted, 0) << read_text(own->dir() / "pg_ctl.log");

  EXPECT_EQ(done.exit_code, 1) << done.out << done.err;
  EXPECT_LT(took, 20.0) << "the run must end soon after -T 8";
  ASSERT_TRUE(fs::exists(json)) << done.err;
  const auto r = nlohmann::json::parse(read_text(json));
  EXPECT_GT(r["other_failures"].get<int>(), 0) << "the transactions in flight at the restart failed";
  EXPECT_LE(r["other_failures"].get<int>(), 8);
  EXPECT_EQ(r["aborted_clients"], 0) << done.err;
  EXPECT_EQ(r["reconnects"], 4) << "every client reconnected\n" << done.err;
  EXPECT_NE(done.out.find("number of other failures: "), std::string::npos) << done.out;
  EXPECT_NE(done.out.find("number of reconnections: 4\n"), std::string::npos) << done.out;
  EXPECT_NE(done.err.find("connection lost"), std::string::npos) << done.err;
  // -P lines from the last seconds show work done on the restarted server.
  std::smatch m;
  std::string rest = done.err;
  double late_tps = 0;
  while (std::regex_search(rest, m, std::regex(R"(progress: (\d+\.\d) s, (\d+\.\d) tps)"))) {
    if (std::stod(m[1].str()) >= 6.0) late_tps = std::max(late_tps, std::stod(m[2].str()));
    rest = m.suffix();
  }
  EXPECT_GT(late_tps, 10.0) << done.err;
}

}  // namespace
}  // namespace pgcertify::testing
