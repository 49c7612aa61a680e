#pragma once
// Runs a workload: -j worker threads, each driving its share of -c clients from one epoll
// loop; per-thread statistics merged when every thread is done.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "load/load_stats.hpp"
#include "load/pool_sampler.hpp"
#include "load/workload.hpp"

namespace pgcertify::load {

struct LoadResult {
  LoadStats stats;
  double duration_s = 0;            // from the common start to the last thread's end
  double connection_ms = 0;         // average time a thread took to connect its clients
  int aborted_clients = 0;
  std::uint64_t error_count = 0;    // failed statements and aborts, all kinds
  std::vector<std::string> errors;  // the first few distinct messages
  bool interrupted = false;
  long peak_rss_kb = 0;             // the client process's peak resident memory
  std::optional<PoolWaits> pool;    // SHOW POOLS during the run, when sampled (PoolSampler)
};

/// Receives one progress line every -P seconds ("progress: 5.0 s, 1234.5 tps, …").
using ProgressSink = std::function<void(const std::string& line)>;

/// Throws Error (kTarget) when the clients cannot all connect (and prepare), with libpq's
/// reason; failures during the run are counted in the result instead.
LoadResult run_load(const Workload& workload, const LoadOptions& options, const ProgressSink& progress = {});

}  // namespace pgcertify::load
