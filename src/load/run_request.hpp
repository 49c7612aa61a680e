#pragma once
// The one front door to the load engine: what `pgcertify load` and the plan's `load` check
// both need around a run (the built-ins' scale, pgbench's vacuum, the open-files limit,
// PgBouncer's pool sampling), so that each front end only maps its flags or YAML onto a
// LoadRequest.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "load/engine.hpp"

namespace pgcertify::load {

struct LoadRequest {
  Workload workload;
  LoadOptions options;
  /// -s: `:scale` of custom scripts. The built-ins read theirs from pgbench_branches.
  std::optional<std::int64_t> scale;
  /// Vacuum pgbench's tables first when a built-in runs (pgbench without -n).
  bool vacuum = false;
  /// PgBouncer's admin console (dbname=pgbouncer): SHOW POOLS once a second during the run.
  std::optional<std::string> pool_console;
  /// An unreachable console is an error (budgets need its figures), not a run without them.
  bool pool_required = false;
  /// Names the clients in an open-files error: "-c 10000", "a load with 10000 clients".
  std::string clients_flag;
};

struct LoadNotices {
  /// Once connected, before anything else is said (the command's header line).
  std::function<void(int server_version)> connected;
  /// Lines for the user: the scale a built-in uses, the vacuum, -P progress.
  std::function<void(const std::string& line)> say;
};

/// Connects once when a built-in needs its scale (or `connected` wants the server), raises the
/// open-files limit for one socket per client, samples the pool and runs. Sets
/// `request.workload.scale`. Throws Error (kTarget, kUsage, kConnection) before the run;
/// failures during it are in the result.
LoadResult run_request(LoadRequest& request, const LoadNotices& notices = {});

/// -i -s N: creates and fills pgbench's tables on the server `conninfo` names.
void initialize(const std::string& conninfo, std::int64_t scale, const std::function<void(const std::string&)>& say);

}  // namespace pgcertify::load
