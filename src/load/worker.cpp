#include "load/worker.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/interrupt.hpp"

namespace pgcertify::load {
namespace {
constexpr auto kConnectTimeout = std::chrono::seconds(30);
constexpr auto kStopCheck = std::chrono::milliseconds(50);
constexpr size_t kKeptErrors = 5;
// Connections a thread opens at once before the run. The server (or PgBouncer) accepts them
// one after another anyway; opening all at once would only make each one wait in its queue, and
// a connection's measured time is meant to be what acquiring one costs (pgbench opens them one
// at a time per thread).
constexpr int kConnectWindow = 16;

std::vector<int> commands_per_script(const Workload& w) {
  std::vector<int> n;
  for (const auto& s : w.scripts) n.push_back(static_cast<int>(s.commands.size()));
  return n;
}

void store(std::atomic<double>& a, double add) { a.store(a.load(std::memory_order_relaxed) + add, std::memory_order_relaxed); }
}  // namespace

Worker::Worker(std::vector<int> client_ids, const Workload& workload, const LoadOptions& options,
               const std::vector<std::vector<std::string>>& statement_names, std::uint64_t throttle_seed, SharedRun& shared)
    : environment_{workload, options, statement_names, *this},
      shared_(shared),
      stats_(commands_per_script(workload)) {
  if (options.rate) {
    throttle_ = std::make_unique<Throttle>(*options.rate / options.threads, throttle_seed);
    environment_.throttle = throttle_.get();
  }
  for (int id : client_ids) slots_.push_back({std::make_unique<Client>(id, environment_)});
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
}

Worker::~Worker() {
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

void Worker::run() noexcept {
  const auto connect_start = Clock::now();
  const bool connected = epoll_fd_ >= 0 && loop(true, connect_start + kConnectTimeout);
  connection_ms_ = std::chrono::duration<double, std::milli>(Clock::now() - connect_start).count();
  if (!connected || aborted_ > 0) shared_.setup_failed = true;
  if (epoll_fd_ < 0) on_error(-1, std::string("epoll_create1: ") + std::strerror(errno), true);
  shared_.connected.arrive_and_wait();
  shared_.go.arrive_and_wait();
  if (shared_.setup_failed) return;
  environment_.end = shared_.start + environment_.options.duration.value_or(std::chrono::seconds(0));
  if (throttle_) throttle_->start(shared_.start);
  for (size_t i = 0; i < slots_.size(); ++i) {
    slots_[i].client->begin();
    step(i);
  }
  loop(false, Clock::time_point::max());
  finished_at_ = Clock::now();
}

bool Worker::settled(bool setup) const {
  const int total = static_cast<int>(slots_.size());
  return setup ? ready_ + done_ >= total : done_ >= total;
}

bool Worker::loop(bool setup, Clock::time_point deadline) {
  epoll_event events[256];
  if (setup) open_more_connections();
  while (!settled(setup)) {
    if (interrupted() || shared_.stop) return false;
    auto now = Clock::now();
    if (now >= deadline) {
      on_error(-1, "timeout expired while connecting", true);
      return false;
    }
    while (!timers_.empty() && timers_.top().at <= now) {
      const Timer t = timers_.top();
      timers_.pop();
      if (t.generation == slots_[t.slot].timer_generation && slots_[t.slot].wait == Wait::kTimer) step(t.slot);
    }
    if (settled(setup)) break;
    auto wake = std::min(now + kStopCheck, deadline);
    if (!timers_.empty()) wake = std::min(wake, timers_.top().at);
    const auto ns = std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(wake - now).count());
    const timespec timeout{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    const int n = epoll_pwait2(epoll_fd_, events, 256, &timeout, nullptr);
    for (int i = 0; i < n; ++i) step(events[i].data.u32);
    if (setup) open_more_connections();
  }
  return true;
}

/// Before the run: starts clients until kConnectWindow are connecting.
void Worker::open_more_connections() {
  while (next_to_connect_ < slots_.size() && static_cast<int>(next_to_connect_) - ready_ - done_ < kConnectWindow)
    step(next_to_connect_++);
}

void Worker::step(size_t index) {
  Slot& slot = slots_[index];
  if (slot.wait == Wait::kDone) return;
  const Wait before = slot.wait;
  const Step s = slot.client->advance(Clock::now());
  if (s.wait == Wait::kReady && before != Wait::kReady) ++ready_;
  if (s.wait != Wait::kReady && before == Wait::kReady) --ready_;
  if (s.wait == Wait::kDone) ++done_;
  watch(slot, index, s);
}

/// Keeps the epoll interest in line with what the client waits for; no syscall when unchanged
/// (the common case: a client waiting for one result after another).
void Worker::watch(Slot& slot, size_t index, const Step& step) {
  slot.wait = step.wait;
  std::uint32_t wanted = 0;
  if (step.wait == Wait::kRead) wanted = EPOLLIN;
  if (step.wait == Wait::kWrite) wanted = EPOLLOUT;
  if (step.wait == Wait::kTimer) timers_.push({step.until, index, ++slot.timer_generation});
  const int fd = slot.client->socket();
  const std::uint64_t generation = slot.client->descriptor_generation();
  if ((fd != slot.fd || generation != slot.descriptor_generation) && slot.fd >= 0) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, slot.fd, nullptr);  // may be closed already: then it is gone
    slot.events = 0;
  }
  slot.descriptor_generation = generation;
  slot.fd = fd;
  if (fd < 0 || wanted == slot.events) return;
  epoll_event ev{};
  ev.events = wanted;
  ev.data.u32 = static_cast<std::uint32_t>(index);
  if (wanted == 0) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  } else if (slot.events == 0 || epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &ev) != 0) {
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
  }
  slot.events = wanted;
}

void Worker::on_transaction(const TransactionRecord& record) {
  stats_.record(record);
  if (record.skipped) {
    progress_.skipped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (record.failure != FailureKind::kNone) {
    progress_.failed.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  const double ms = static_cast<double>(record.latency_ns) / 1e6;
  store(progress_.latency_ms, ms);
  store(progress_.latency_ms_squared, ms * ms);
  store(progress_.lag_ms, static_cast<double>(record.lag_ns) / 1e6);
  progress_.transactions.fetch_add(1, std::memory_order_relaxed);
}

void Worker::on_command(int script, int command, std::int64_t ns, bool failed) {
  stats_.record_command(script, command, ns, failed);
}

void Worker::on_connect(std::int64_t ns) { stats_.connect.record_ns(ns); }

void Worker::on_error(int, const std::string& message, bool fatal) {
  ++error_count_;
  if (fatal) ++aborted_;
  if (errors_.size() < kKeptErrors && std::find(errors_.begin(), errors_.end(), message) == errors_.end())
    errors_.push_back(message);
}

}  // namespace pgcertify::load
