// `pgcertify cluster up|down --dir D`: a throwaway PostgreSQL for tests and demos.

#include <fmt/format.h>

#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "cli/commands.hpp"
#include "cluster/ephemeral.hpp"
#include "cluster/pgbouncer.hpp"
#include "common/error.hpp"

namespace pgcertify::cli {
namespace {
struct ClusterOptions {
  std::string dir;
  std::vector<std::string> settings;  // NAME=VALUE
  bool pgbouncer = false;
  std::string pool_mode = "transaction";
  std::optional<int> max_client_conn, default_pool_size;
};

/// `cluster up --pgbouncer`'s [pgbouncer] settings, checked before anything starts.
std::vector<std::pair<std::string, std::string>> pgbouncer_settings(const ClusterOptions& o) {
  if (o.pool_mode != "session" && o.pool_mode != "transaction" && o.pool_mode != "statement")
    throw Error(ErrorKind::kUsage, "--pool-mode: expected session, transaction or statement, got '" + o.pool_mode + "'");
  std::vector<std::pair<std::string, std::string>> settings = {{"pool_mode", o.pool_mode}};
  for (const auto& [flag, key, value] : {std::tuple{"--max-client-conn", "max_client_conn", o.max_client_conn},
                                         std::tuple{"--default-pool-size", "default_pool_size", o.default_pool_size}}) {
    if (!value) continue;
    if (*value < 1) throw Error(ErrorKind::kUsage, std::string(flag) + " must be at least 1");
    settings.emplace_back(key, std::to_string(*value));
  }
  return settings;
}

ExitStatus cluster_up(const ClusterOptions& options) {
  cluster::ClusterOptions cluster_options;
  cluster_options.dir = options.dir;
  cluster_options.detach = true;
  for (const auto& s : options.settings) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw Error(ErrorKind::kUsage, "--set: expected NAME=VALUE, got '" + s + "'");
    cluster_options.settings[s.substr(0, eq)] = s.substr(eq + 1);
  }
  const auto bouncer_settings = options.pgbouncer ? pgbouncer_settings(options) : decltype(pgbouncer_settings(options)){};
  auto cluster = cluster::EphemeralCluster::start(cluster_options);
  if (options.pgbouncer) {
    // Until both run, a failure stops what started (the destructors); then both are left running.
    auto bouncer = cluster::PgBouncer::start({bouncer_settings, cluster->dir(), cluster->port(), true});
    bouncer->release();
    cluster->release();
    fmt::print("{}\n{}\n", cluster->dsn(), bouncer->dsn());
    return ExitStatus::kSuccess;
  }
  cluster->release();
  fmt::print("{}\n", cluster->dsn());
  return ExitStatus::kSuccess;
}

ExitStatus cluster_down(const ClusterOptions& options) {
  cluster::stop_cluster_dir(options.dir);
  return ExitStatus::kSuccess;
}
}  // namespace

void setup_cluster(CLI::App& app, Action& action) {
  auto options = std::make_shared<ClusterOptions>();
  CLI::App* cluster = app.add_subcommand("cluster", "Start or stop a throwaway local PostgreSQL");
  cluster->require_subcommand(1);
  CLI::App* up = cluster->add_subcommand("up", "Start a cluster in DIR, print its DSN and leave it running");
  up->add_option("--dir", options->dir, "Folder for the cluster (created; must not hold one)")->required();
  up->add_option("--set", options->settings, "Server setting NAME=VALUE (repeatable)");
  up->add_flag("--pgbouncer", options->pgbouncer, "Also start a PgBouncer in front of it and print its DSN on a second line");
  up->add_option("--pool-mode", options->pool_mode, "With --pgbouncer: session, transaction (default) or statement");
  up->add_option("--max-client-conn", options->max_client_conn, "With --pgbouncer: max_client_conn (PgBouncer's default 100)");
  up->add_option("--default-pool-size", options->default_pool_size, "With --pgbouncer: default_pool_size (PgBouncer's default 20)");
  up->callback([&action, options] { action = [options] { return cluster_up(*options); }; });
  CLI::App* down = cluster->add_subcommand("down", "Stop the cluster in DIR and remove DIR");
  down->add_option("--dir", options->dir, "The folder given to 'cluster up'")->required();
  down->callback([&action, options] { action = [options] { return cluster_down(*options); }; });
}

}  // namespace pgcertify::cli
