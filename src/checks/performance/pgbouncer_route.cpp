#include "checks/performance/pgbouncer_route.hpp"

#include <vector>

#include "common/strings.hpp"
#include "pg/dsn.hpp"

namespace pgcertify::checks {

bool read_via(const plan::Node& options) {
  const auto via = options.get("via");
  if (!via) return false;
  static const std::vector<std::string> kRoutes = {"direct", "pgbouncer"};
  const std::string route = via->as_string("direct or pgbouncer");
  if (route == "pgbouncer") return true;
  if (route == "direct") return false;
  throw via->error("invalid via '" + route + "' (expected direct or pgbouncer)" + did_you_mean(route, kRoutes));
}

std::string pgbouncer_dsn_for(const Context& context, bool writes) {
  const auto& dsn = context.settings().pgbouncer_dsn;
  if (!dsn)
    throw Error(ErrorKind::kTarget, "this check runs via PgBouncer, but the target is a DSN and the plan has no 'target.pgbouncer'")
        .with_hint("setup (and setup.pgbouncer) is not applied to a DSN target: add 'target: {pgbouncer: DSN}', the "
                   "connection string of your PgBouncer");
  if (writes || context.settings().throwaway_target) return *dsn;
  pg::Connection probe(*dsn, std::chrono::seconds(5));
  const pg::Result r = probe.exec_simple("SHOW default_transaction_read_only", context.limits());
  if (r.rows() == 1 && r.value(0, 0) == "on") return *dsn;
  throw Error(ErrorKind::kTarget,
              "through PgBouncer (" + pg::mask_password(*dsn) +
                  ") sessions are not read-only, and PgBouncer does not pass the 'options' that would make them so")
      .with_hint("connect target.pgbouncer as a role whose sessions are read-only (ALTER ROLE … SET "
                 "default_transaction_read_only = on), or run the check without 'via: pgbouncer'");
}

}  // namespace pgcertify::checks
