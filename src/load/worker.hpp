#pragma once
// One load thread: an epoll loop over its clients' non-blocking connections plus a timer heap
// for \sleep, -R schedules and reconnects. Its statistics are its own until the run ends.

#include <atomic>
#include <barrier>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <vector>

#include "load/client.hpp"
#include "load/load_stats.hpp"

namespace pgcertify::load {

/// Counters a progress reporter may read while the thread writes them (one writer each).
struct alignas(64) ProgressCounters {
  std::atomic<std::uint64_t> transactions{0};
  std::atomic<std::uint64_t> failed{0};
  std::atomic<std::uint64_t> skipped{0};
  std::atomic<double> latency_ms{0};
  std::atomic<double> latency_ms_squared{0};
  std::atomic<double> lag_ms{0};
};

/// What the threads of one run share: two rendezvous (connected, go), the start, the stop flag.
struct SharedRun {
  explicit SharedRun(int threads) : connected(threads + 1), go(threads + 1) {}
  std::barrier<> connected;
  std::barrier<> go;
  Clock::time_point start{};  // written before `go`, read after it
  std::atomic<bool> setup_failed{false};
  std::atomic<bool> stop{false};
};

class Worker final : public ClientListener {
 public:
  Worker(std::vector<int> client_ids, const Workload& workload, const LoadOptions& options,
         const std::vector<std::vector<std::string>>& statement_names, std::uint64_t throttle_seed, SharedRun& shared);
  ~Worker() override;

  /// The thread body: connect every client, meet the other threads, run, return.
  void run() noexcept;

  const LoadStats& stats() const { return stats_; }
  const std::vector<std::string>& errors() const { return errors_; }
  std::uint64_t error_count() const { return error_count_; }
  int aborted_clients() const { return aborted_; }
  double connection_ms() const { return connection_ms_; }
  Clock::time_point finished_at() const { return finished_at_; }
  ProgressCounters& progress() { return progress_; }

  void on_transaction(const TransactionRecord& record) override;
  void on_command(int script, int command, std::int64_t ns, bool failed) override;
  void on_connect(std::int64_t ns) override;
  void on_error(int client, const std::string& message, bool fatal) override;
  void on_reconnect(int) override { ++stats_.reconnects; }

 private:
  struct Slot {
    std::unique_ptr<Client> client;
    int fd = -1;
    std::uint32_t events = 0;
    std::uint64_t timer_generation = 0;
    std::uint64_t descriptor_generation = 0;
    Wait wait = Wait::kRead;
  };
  struct Timer {
    Clock::time_point at;
    size_t slot;
    std::uint64_t generation;
    bool operator>(const Timer& o) const { return at > o.at; }
  };

  /// Runs the loop until every client is ready (setup) or done (run); false when stopped.
  bool loop(bool setup, Clock::time_point deadline);
  void step(size_t index);
  void watch(Slot& slot, size_t index, const Step& step);
  bool settled(bool setup) const;
  void open_more_connections();

  ClientEnvironment environment_;
  SharedRun& shared_;
  std::unique_ptr<Throttle> throttle_;
  std::vector<Slot> slots_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
  int epoll_fd_ = -1;
  size_t next_to_connect_ = 0;  // setup: the clients before it have started connecting
  int ready_ = 0;
  int done_ = 0;
  LoadStats stats_;
  ProgressCounters progress_;
  std::vector<std::string> errors_;
  std::uint64_t error_count_ = 0;
  int aborted_ = 0;
  double connection_ms_ = 0;
  Clock::time_point finished_at_{};
};

}  // namespace pgcertify::load
