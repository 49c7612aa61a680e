#include "load/engine.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <cmath>
#include <memory>
#include <thread>

#include "common/error.hpp"
#include "common/interrupt.hpp"
#include "load/worker.hpp"

namespace pgcertify::load {
namespace {
/// Prepared statement names, one per SQL command: P<script>_<command>.
std::vector<std::vector<std::string>> statement_names(const Workload& w) {
  std::vector<std::vector<std::string>> names;
  for (size_t s = 0; s < w.scripts.size(); ++s) {
    names.emplace_back();
    for (size_t c = 0; c < w.scripts[s].commands.size(); ++c) names.back().push_back(fmt::format("P{}_{}", s, c));
  }
  return names;
}

struct Totals {
  std::uint64_t transactions = 0, failed = 0, skipped = 0;
  double latency_ms = 0, latency_ms_squared = 0, lag_ms = 0;
};

Totals totals(const std::vector<std::unique_ptr<Worker>>& workers) {
  Totals t;
  for (const auto& w : workers) {
    ProgressCounters& p = w->progress();
    t.transactions += p.transactions.load(std::memory_order_relaxed);
    t.failed += p.failed.load(std::memory_order_relaxed);
    t.skipped += p.skipped.load(std::memory_order_relaxed);
    t.latency_ms += p.latency_ms.load(std::memory_order_relaxed);
    t.latency_ms_squared += p.latency_ms_squared.load(std::memory_order_relaxed);
    t.lag_ms += p.lag_ms.load(std::memory_order_relaxed);
  }
  return t;
}

/// pgbench's -P line for the interval between two readings.
std::string progress_line(const Totals& now, const Totals& before, double elapsed_s, double interval_s, const LoadOptions& o) {
  const auto n = static_cast<double>(now.transactions - before.transactions);
  const double mean = n > 0 ? (now.latency_ms - before.latency_ms) / n : 0;
  const double variance = n > 0 ? (now.latency_ms_squared - before.latency_ms_squared) / n - mean * mean : 0;
  std::string line = fmt::format("progress: {:.1f} s, {:.1f} tps, lat {:.3f} ms stddev {:.3f}, {} failed", elapsed_s,
                                 n / interval_s, mean, std::sqrt(std::max(0.0, variance)), now.failed - before.failed);
  if (o.rate) line += fmt::format(", lag {:.3f} ms", n > 0 ? (now.lag_ms - before.lag_ms) / n : 0.0);
  if (o.rate && o.latency_limit) line += fmt::format(", {} skipped", now.skipped - before.skipped);
  return line;
}

/// The calling thread's part: stop the workers on SIGINT, print progress every -P seconds.
void supervise(const std::vector<std::unique_ptr<Worker>>& workers, const std::vector<std::atomic<bool>>& finished,
               SharedRun& shared, const LoadOptions& options, const ProgressSink& progress) {
  const auto interval = std::chrono::seconds(options.progress_seconds.value_or(0));
  auto next = shared.start + interval;
  Totals before;
  for (;;) {
    bool all = true;
    for (const auto& f : finished) all = all && f.load();
    if (all) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (interrupted() || (options.stop_at && Clock::now() >= *options.stop_at)) shared.stop = true;
    if (!progress || interval.count() == 0 || shared.setup_failed || Clock::now() < next) continue;
    const Totals now = totals(workers);
    const double elapsed = std::chrono::duration<double>(Clock::now() - shared.start).count();
    progress(progress_line(now, before, elapsed, static_cast<double>(interval.count()), options));
    before = now;
    next += interval;
  }
}
}  // namespace

LoadResult run_load(const Workload& workload, const LoadOptions& options, const ProgressSink& progress) {
  options.validate();
  workload.validate();
  workload.check_mode(options.mode);
  const auto names = statement_names(workload);
  SharedRun shared(options.threads);
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < options.threads; ++t) {
    std::vector<int> ids;
    for (int c = t; c < options.clients; c += options.threads) ids.push_back(options.first_client_id() + c);
    const auto thread_id = static_cast<std::uint64_t>((options.shard - 1) * options.threads + t);
    workers.push_back(std::make_unique<Worker>(std::move(ids), workload, options, names,
                                               mix_seed(options.random_seed, 1'000'000 + thread_id), shared));
  }
  std::vector<std::thread> threads;
  std::vector<std::atomic<bool>> finished(workers.size());
  for (size_t t = 0; t < workers.size(); ++t)
    threads.emplace_back([&, t] {
      workers[t]->run();
      finished[t] = true;
    });
  shared.connected.arrive_and_wait();
  shared.start = Clock::now();
  shared.go.arrive_and_wait();
  supervise(workers, finished, shared, options, progress);
  for (auto& t : threads) t.join();
  LoadResult result;
  Clock::time_point end = shared.start;
  for (const auto& w : workers) {
    result.stats.merge(w->stats());
    result.aborted_clients += w->aborted_clients();
    result.error_count += w->error_count();
    result.connection_ms += w->connection_ms() / static_cast<double>(workers.size());
    end = std::max(end, w->finished_at());
    for (const auto& e : w->errors())
      if (result.errors.size() < 10) result.errors.push_back(e);
  }
  if (shared.setup_failed) {
    if (interrupted()) throw Error(ErrorKind::kInterrupted, "interrupted while connecting");
    throw Error(ErrorKind::kTarget, result.errors.empty() ? "could not connect" : result.errors.front());
  }
  result.duration_s = std::chrono::duration<double>(end - shared.start).count();
  result.interrupted = interrupted() || shared.stop;
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) == 0) result.peak_rss_kb = usage.ru_maxrss;  // Linux: kB
  return result;
}

}  // namespace pgcertify::load
