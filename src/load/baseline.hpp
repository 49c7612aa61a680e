#pragma once
// Baselines: the figures of an earlier run (its `pgcertify load --json` summary) and how a new
// run compares with them, metric by metric, against a tolerance in percent.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pgcertify::load {

/// The figures a run is compared on: tps and latency percentiles (ms).
struct Figures {
  double tps = 0;
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
  std::uint64_t transactions = 0;
  /// The figure named `metric` (tps, p50, p95, p99, max).
  double get(const std::string& metric) const;
};

/// Reads the figures of a `--json` summary; throws Error (kPlan) naming `origin` and the
/// missing field when it is not one.
Figures figures_of(const nlohmann::json& summary, const std::string& origin);
/// Reads a baseline file; throws Error (kIo) when it does not exist or is not JSON.
Figures read_baseline(const std::string& path);

/// The metrics a regression tolerance may name; tps regresses when it falls, the others when
/// they rise.
const std::vector<std::string>& regression_metrics();

struct Comparison {
  std::string metric;
  double baseline = 0, measured = 0;
  double change_percent = 0;  // signed: measured against baseline
  double tolerance_percent = 0;
  bool regressed = false;
  /// "tps 850.0 vs baseline 1000.0 (-15.0%, tolerance 10%)".
  std::string describe() const;
};

Comparison compare(const std::string& metric, const Figures& baseline, const Figures& measured, double tolerance_percent);

}  // namespace pgcertify::load
