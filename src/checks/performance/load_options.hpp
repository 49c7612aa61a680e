#pragma once
// Options that `load` and `latency` read alike (both run on the load engine).

#include <string_view>

#include "load/workload.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

/// An integer of at least 1; otherwise Error(kPlan) at the node naming the key.
long long read_positive(const plan::Node& node, std::string_view key);

/// `mode: simple | extended | prepared`, pgbench's -M; Error(kPlan) at the node otherwise.
load::QueryMode read_query_mode(const plan::Node& node);

}  // namespace pgcertify::checks
