#pragma once
// Pool waits during a load through PgBouncer: its admin console's SHOW POOLS, sampled once a
// second on a thread of its own, reduced to the most clients waiting at once (cl_waiting) and
// the longest wait of a queued client (maxwait + maxwait_us).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace pgcertify::pg {
class Connection;
}

namespace pgcertify::load {

struct PoolWaits {
  int samples = 0;
  std::int64_t peak_cl_waiting = 0;  // clients queued for a server connection, summed over pools
  double max_wait_s = 0;             // the oldest queued client's wait, at its worst
  std::string error;                 // why sampling stopped early, if it did
};

class PoolSampler {
 public:
  /// Connects to the admin console (database `pgbouncer`) and takes the first sample at once.
  /// Throws Error(kConnection) when the console cannot be reached.
  explicit PoolSampler(const std::string& admin_dsn, std::chrono::milliseconds interval = std::chrono::seconds(1));
  ~PoolSampler();
  PoolSampler(const PoolSampler&) = delete;
  PoolSampler& operator=(const PoolSampler&) = delete;

  /// Takes a last sample, stops the thread and returns what was seen.
  PoolWaits finish();

 private:
  void loop(std::chrono::milliseconds interval);
  void sample();

  std::string dsn_;
  std::unique_ptr<pg::Connection> console_;  // used by the sampling thread once it runs
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  PoolWaits waits_;
  std::thread thread_;
};

}  // namespace pgcertify::load
