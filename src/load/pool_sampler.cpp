#include "load/pool_sampler.hpp"

#include <algorithm>
#include <cstdlib>

#include "common/error.hpp"
#include "pg/connection.hpp"

namespace pgcertify::load {
namespace {
/// One SHOW POOLS, summed (cl_waiting) and maximised (maxwait) over its pools but those of
/// database `pgbouncer`, the console itself.
struct PoolsSample {
  std::int64_t cl_waiting = 0;
  double max_wait_s = 0;
};

/// One SHOW POOLS: columns are found by name (PgBouncer adds columns between versions).
PoolsSample read_pools(pg::Connection& console) {
  const pg::Result r = console.exec_simple("SHOW POOLS");
  int database = -1, waiting = -1, maxwait = -1, maxwait_us = -1;
  for (int c = 0; c < r.columns(); ++c) {
    const std::string_view name = r.column_name(c);
    if (name == "database") database = c;
    if (name == "cl_waiting") waiting = c;
    if (name == "maxwait") maxwait = c;
    if (name == "maxwait_us") maxwait_us = c;
  }
  if (database < 0 || waiting < 0 || maxwait < 0)
    throw Error(ErrorKind::kConnection, "SHOW POOLS has no cl_waiting/maxwait columns: is this PgBouncer's admin console?");
  auto number = [&](int row, int column) { return column < 0 ? 0LL : std::atoll(std::string(r.value(row, column)).c_str()); };
  PoolsSample sample;
  for (int row = 0; row < r.rows(); ++row) {
    if (r.value(row, database) == "pgbouncer") continue;
    sample.cl_waiting += number(row, waiting);
    const double wait = static_cast<double>(number(row, maxwait)) + static_cast<double>(number(row, maxwait_us)) / 1e6;
    sample.max_wait_s = std::max(sample.max_wait_s, wait);
  }
  return sample;
}
}  // namespace

PoolSampler::PoolSampler(const std::string& admin_dsn, std::chrono::milliseconds interval) : dsn_(admin_dsn) {
  // The first connection and sample happen here, so a wrong DSN fails before the run starts.
  console_ = std::make_unique<pg::Connection>(dsn_, std::chrono::seconds(5));
  const PoolsSample first = read_pools(*console_);
  waits_.samples = 1;
  waits_.peak_cl_waiting = first.cl_waiting;
  waits_.max_wait_s = first.max_wait_s;
  thread_ = std::thread([this, interval] { loop(interval); });
}

PoolSampler::~PoolSampler() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

PoolWaits PoolSampler::finish() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  return waits_;
}

void PoolSampler::loop(std::chrono::milliseconds interval) {
  for (;;) {
    bool last = false;
    {
      std::unique_lock lock(mutex_);
      last = wake_.wait_for(lock, interval, [this] { return stop_; });
    }
    sample();
    if (last || !waits_.error.empty()) break;
  }
  console_.reset();
}

void PoolSampler::sample() {
  try {
    if (!console_->ok()) console_ = std::make_unique<pg::Connection>(dsn_, std::chrono::seconds(5));
    const PoolsSample s = read_pools(*console_);
    std::lock_guard lock(mutex_);
    ++waits_.samples;
    waits_.peak_cl_waiting = std::max(waits_.peak_cl_waiting, s.cl_waiting);
    waits_.max_wait_s = std::max(waits_.max_wait_s, s.max_wait_s);
  } catch (const Error& e) {
    std::lock_guard lock(mutex_);
    waits_.error = e.what();
  }
}

}  // namespace pgcertify::load
