#pragma once
// The end-of-run report: pgbench's field names in pgbench's order, then what pgbench lacks
// (percentiles, failures by kind); and the same as JSON with the full histograms.

#include <nlohmann/json.hpp>

#include <string>

#include "load/engine.hpp"

namespace pgcertify::load {

struct RunDescription {
  const Workload& workload;
  const LoadOptions& options;
};

std::string format_summary(const RunDescription& run, const LoadResult& result);
nlohmann::json summary_json(const RunDescription& run, const LoadResult& result);

}  // namespace pgcertify::load
