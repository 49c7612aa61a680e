#pragma once
// One statement, run again and again and timed alone: the latency check's workload on the load
// engine. Its parameters ($1..$n) are variables a front end draws before each run; a statement
// that writes runs between BEGIN and ROLLBACK, which the clock leaves out.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "load/workload.hpp"

namespace pgcertify::load {

/// A run's parameter values (nullopt is NULL), drawn for run `run` (warm-up included).
using ParameterDraw = std::function<void(std::int64_t run, std::vector<std::optional<std::string>>& values)>;

struct TimedStatement {
  std::string sql;
  int parameters = 0;
  /// Each run in its own transaction, always rolled back.
  bool rolled_back = false;
  /// One draw per client (by client id); unset for a statement without parameters.
  std::function<ParameterDraw(int client)> draws;
};

/// A workload whose every transaction is `statement` once, its latency the statement's alone.
Workload statement_workload(const TimedStatement& statement);

}  // namespace pgcertify::load
