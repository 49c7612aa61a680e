#pragma once
// One simulated client: a small state machine over one non-blocking libpq connection. It never
// blocks and never sleeps: advance() runs until it must wait for the socket or a time, and says
// which. What it measured goes to a ClientListener; statistics live outside it.

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "load/load_stats.hpp"
#include "load/shell.hpp"
#include "load/workload.hpp"

namespace pgcertify::load {

using Clock = std::chrono::steady_clock;

enum class Wait { kRead, kWrite, kTimer, kReady, kDone };

struct Step {
  Wait wait = Wait::kDone;
  Clock::time_point until{};  // kTimer
};

/// Where a client's results go (the worker thread's statistics and error log).
class ClientListener {
 public:
  virtual ~ClientListener() = default;
  virtual void on_transaction(const TransactionRecord& record) = 0;
  virtual void on_command(int script, int command, std::int64_t ns, bool failed) = 0;
  /// A connection became ready, `ns` after PQconnectStart.
  virtual void on_connect(std::int64_t ns) = 0;
  /// `fatal`: the client stops (it could not connect, or its script cannot run).
  virtual void on_error(int client, const std::string& message, bool fatal) = 0;
  /// The client connected again after losing its connection during the run.
  virtual void on_reconnect(int client) = 0;
};

/// The Poisson schedule of -R, one per thread: each transaction takes the next slot.
class Throttle {
 public:
  Throttle(double rate_per_second, std::uint64_t seed) : rng_(seed), mean_ns_(1e9 / rate_per_second) {}
  void start(Clock::time_point t) { next_ = t; }
  Clock::time_point next();

 private:
  Prng rng_;
  double mean_ns_;
  Clock::time_point next_{};
};

/// Shared by the clients of one thread; read-only but for the throttle.
struct ClientEnvironment {
  const Workload& workload;
  const LoadOptions& options;
  const std::vector<std::vector<std::string>>& statement_names;  // prepared mode: [script][command]
  ClientListener& listener;
  Throttle* throttle = nullptr;
  Clock::time_point end{};  // -T: no transaction starts after this
};

class Client {
 public:
  Client(int id, ClientEnvironment& env);
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// Runs until the client must wait; call again when the socket is ready or the time came.
  Step advance(Clock::time_point now);
  /// Starts the measured run (after every client of every thread is connected).
  void begin();
  /// What the client waits on: a running shell command's descriptor, else the connection's
  /// socket; -1 when there is neither.
  int socket() const { return shell_ ? shell_->fd() : conn_ ? PQsocket(conn_.get()) : -1; }
  int id() const { return id_; }
  /// Changes whenever socket() may name a new descriptor, even one reusing a closed one's
  /// number (a reconnect, -C's new connection per transaction, a connection attempt's next address, a new shell command): the
  /// worker must then register it with epoll afresh.
  std::uint64_t descriptor_generation() const { return descriptor_generation_; }

 private:
  enum class State { kConnect, kConnecting, kPrepare, kPrepareWait, kReady, kIdle, kThrottled, kRun, kWaitResult,
                     kSleep, kShell, kRollback, kReconnectWait, kDone };
  struct PGconnCloser {
    void operator()(PGconn* c) const { PQfinish(c); }
  };

  std::optional<Step> connect();
  std::optional<Step> poll_connect();
  std::optional<Step> prepare();
  std::optional<Step> send_setup(const SessionStatement& statement);
  std::optional<Step> start_transaction(Clock::time_point now);
  void skip_late_slots(Clock::time_point now);
  std::optional<Step> run_commands(Clock::time_point now);
  std::optional<Step> send_sql(const Command& c);
  std::optional<Step> end_pipeline();
  void start_shell(const Command& c);
  std::optional<Step> poll_shell();
  std::optional<Step> await_results();
  std::optional<Step> collect_results();
  void capture(const SqlCommand& sql, const PGresult* result);
  void command_finished();
  void jump_to_branch(int target);
  void finish_transaction(FailureKind failure);
  State connected_state();
  State run_or_connect();
  void end_failed_transaction();
  std::optional<Step> connection_lost(const std::string& why);
  void abort(const std::string& why);
  bool more_transactions(Clock::time_point now) const;
  std::string where() const;

  int id_;
  ClientEnvironment& env_;
  State state_ = State::kConnect;
  std::unique_ptr<PGconn, PGconnCloser> conn_;
  bool running_ = false;  // begin() was called: failures are counted, not fatal
  Prng rng_;
  Prng rng_at_start_;
  Variables variables_;
  // The current transaction.
  int script_ = 0;
  size_t pc_ = 0;
  int tries_ = 1;
  std::int64_t done_ = 0;
  Clock::time_point scheduled_{}, started_{}, command_started_{}, wake_{};
  bool throttled_ = false;
  bool flush_pending_ = false;
  std::string error_sqlstate_, error_message_;
  bool failed_ = false;
  size_t prepare_next_ = 0;
  int reconnect_attempts_ = 0;
  Clock::time_point connect_started_{};
  bool connect_for_transaction_ = false;  // -C: the chosen transaction runs once connected
  std::string text_;                 // simple protocol: the statement with variables substituted
  std::vector<const char*> params_;  // extended/prepared: parameter values
  std::unique_ptr<ShellCommand> shell_;  // the running \shell or \setshell
  std::uint64_t descriptor_generation_ = 0;
  TransactionDraw draw_;         // the workload's per-client draws, if any
  std::int64_t timed_ns_ = 0;    // the script's timed command, this transaction
};

}  // namespace pgcertify::load
