#pragma once
// The `load` check's judgement: `expect:` budgets (tps, percentiles, failures, pool waits) and
// `regression:` tolerances against a saved baseline, applied to what the load engine measured.

#include <string>
#include <utility>
#include <vector>

#include "checks/check.hpp"
#include "load/baseline.hpp"
#include "load/engine.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

class LoadBudgets {
 public:
  /// Reads `expect:`; `via_pgbouncer` and `latency_limit` say which budgets can be measured.
  /// Throws Error(kPlan) at the offending node.
  void read_expect(const plan::Node& expect, bool via_pgbouncer, bool latency_limit);
  /// Reads `regression: {tps: 10%, p95: 20%, …}` (defaults tps 10%, p95 20% when absent).
  void read_regression(const plan::Node* regression);

  bool needs_pool() const { return budget("cl_waiting") || budget("maxwait"); }

  /// The measurements and the first missed budget; `clients` and `latency_limit` for the message.
  Outcome judge(const load::LoadResult& r, int clients, bool latency_limit) const;
  /// Adds each metric's change against the baseline; a regression fails a run that passed.
  void compare(Outcome& out, const std::string& baseline_file, const load::Figures& measured) const;

 private:
  const plan::Threshold* budget(const std::string& key) const;

  std::vector<std::pair<std::string, plan::Threshold>> budgets_;
  std::vector<std::pair<std::string, double>> tolerances_;
};

}  // namespace pgcertify::checks
