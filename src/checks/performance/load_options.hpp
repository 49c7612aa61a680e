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

/// A check without `writes: true` runs in sessions made read-only (safety model). Throws
/// Error(kPlan) at `at`, naming the script and line, for the first command that would undo
/// that (plan::find_read_write_switch) or that runs a program (`\shell`, `\setshell`: what it
/// does is outside the session). What a function does inside its body is not seen.
void refuse_read_write_switch(const load::Workload& workload, const plan::Node& at);

}  // namespace pgcertify::checks
