#include "load/run_request.hpp"

#include <fmt/format.h>

#include "common/open_files.hpp"
#include "load/pgbench_tables.hpp"
#include "pg/connection.hpp"

namespace pgcertify::load {
namespace {
/// The built-ins' scale from pgbench_branches (and their vacuum); custom scripts use -s.
void prepare_tables(LoadRequest& r, const LoadNotices& notices) {
  const bool builtin = r.workload.uses_builtin;
  r.workload.scale = r.scale.value_or(1);
  if (!builtin && !notices.connected) return;
  pg::Connection c(r.options.conninfo);
  if (notices.connected) notices.connected(c.server_version());
  if (!builtin) return;
  r.workload.scale = detect_scale(c);
  auto say = [&](const std::string& line) {
    if (notices.say) notices.say(line);
  };
  if (r.scale && *r.scale != r.workload.scale)
    say("scale option ignored, using count from pgbench_branches table (" + std::to_string(r.workload.scale) + ")");
  if (!r.vacuum) return;
  vacuum_tables(c);
  say("starting vacuum...end.");
}
}  // namespace

LoadResult run_request(LoadRequest& request, const LoadNotices& notices) {
  request.options.validate();
  request.workload.validate();
  request.workload.check_mode(request.options.mode);
  prepare_tables(request, notices);
  // One descriptor per client socket, and a margin for epoll, the terminal and the console.
  const int clients = request.options.clients;
  ensure_open_files(static_cast<unsigned long>(clients) + 64,
                    request.clients_flag.empty() ? fmt::format("{} clients", clients) : request.clients_flag);
  std::optional<PoolSampler> sampler;
  if (request.pool_console) {
    try {
      sampler.emplace(*request.pool_console);
    } catch (const Error& e) {
      if (request.pool_required) throw Error(e.kind, std::string("cannot read PgBouncer's SHOW POOLS: ") + e.what());
    }
  }
  LoadResult result = run_load(request.workload, request.options, notices.say);
  if (sampler) result.pool = sampler->finish();
  return result;
}

void initialize(const std::string& conninfo, std::int64_t scale, const std::function<void(const std::string&)>& say) {
  // The command line is checked before the server is: `-i -s -1` is exit 2, not a connection.
  if (scale < 1) throw Error(ErrorKind::kUsage, "invalid scaling factor: must be at least 1");
  pg::Connection c(conninfo);
  initialize_tables(c, scale, say);
}

}  // namespace pgcertify::load
