#pragma once
// `via: pgbouncer`: a check whose own connections go through the run's PgBouncer instead of
// straight to the server (load, latency).

#include <string>

#include "checks/check.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

/// Reads the `via` option (absent, `direct` or `pgbouncer`); throws Error(kPlan) at the node
/// for anything else. True for `pgbouncer`.
bool read_via(const plan::Node& options);

/// The DSN through the run's PgBouncer. PgBouncer refuses the `options` startup parameter, so
/// a session cannot be made read-only when it connects: against a DSN target a check that must
/// not write (`writes` false) runs only when the pooler's sessions are read-only already (a
/// role with default_transaction_read_only), and says so otherwise. Throws Error(kTarget).
std::string pgbouncer_dsn_for(const Context& context, bool writes);

}  // namespace pgcertify::checks
