// A server that stops answering (postmaster and backend SIGSTOPped) must not hang pgcertify:
// the statement's deadline, then a bounded cancel request, then a clear error. Each test starts
// a cluster of its own, since it freezes the server.

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "cluster/ephemeral.hpp"
#include "common/error.hpp"
#include "pg/connection.hpp"

namespace pgcertify::testing {
namespace {
using namespace std::chrono_literals;

/// Stops `pids` after `delay`, and lets them go again when destroyed.
class Freezer {
 public:
  Freezer(std::vector<pid_t> pids, std::chrono::milliseconds delay) : pids_(std::move(pids)) {
    thread_ = std::thread([this, delay] {
      std::this_thread::sleep_for(delay);
      for (pid_t pid : pids_) ::kill(pid, SIGSTOP);
    });
  }
  ~Freezer() {
    thread_.join();
    for (pid_t pid : pids_) ::kill(pid, SIGCONT);
  }

 private:
  std::vector<pid_t> pids_;
  std::thread thread_;
};

TEST(HungServerTest, AStoppedServerEndsTheStatementWithinBoundsAndSaysItCouldNotCancel) {
  auto own = cluster::EphemeralCluster::start({});
  pg::Connection c(own->dsn());
  const auto started = pg::Clock::now();
  {
    Freezer freeze({c.backend_pid(), own->postmaster_pid()}, 300ms);
    try {
      c.exec("SELECT pg_sleep(60)", {}, {pg::Clock::now() + 1s});
      ADD_FAILURE() << "a frozen server answered";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind, ErrorKind::kTimeout);
      EXPECT_NE(std::string(e.what()).find("could not cancel the statement"), std::string::npos) << e.what();
    }
  }
  // deadline 1 s + cancel request at most 2 s (+ scheduling slack on a loaded machine)
  EXPECT_LT(pg::Clock::now() - started, 8s);
  EXPECT_FALSE(c.ok());
  own->stop();
}

TEST(HungServerTest, AFrozenBackendAloneIsNotReportedAsCancelled) {
  auto own = cluster::EphemeralCluster::start({});
  pg::Connection c(own->dsn());
  {
    Freezer freeze({c.backend_pid()}, 300ms);
    try {
      c.exec("SELECT pg_sleep(60)", {}, {pg::Clock::now() + 1s});
      ADD_FAILURE() << "a frozen backend answered";
    } catch (const Error& e) {
      // The postmaster takes the request, the stopped backend never acts on it.
      EXPECT_EQ(e.kind, ErrorKind::kTimeout);
      EXPECT_NE(std::string(e.what()).find("did not end within"), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find("was cancelled on the server"), std::string::npos) << e.what();
    }
  }
  own->stop();
}

}  // namespace
}  // namespace pgcertify::testing
