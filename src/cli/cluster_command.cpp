// `pgcertify cluster up|down --dir D`: a throwaway PostgreSQL for tests and demos.

#include <fmt/format.h>

#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "cluster/ephemeral.hpp"
#include "common/error.hpp"

namespace pgcertify::cli {
namespace {
struct ClusterOptions {
  std::string dir;
  std::vector<std::string> settings;  // NAME=VALUE
};

ExitStatus cluster_up(const ClusterOptions& options) {
  cluster::ClusterOptions cluster_options;
  cluster_options.dir = options.dir;
  cluster_options.detach = true;
  for (const auto& s : options.settings) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw Error(ErrorKind::kUsage, "--set: expected NAME=VALUE, got '" + s + "'");
    cluster_options.settings[s.substr(0, eq)] = s.substr(eq + 1);
  }
  auto cluster = cluster::EphemeralCluster::start(cluster_options);
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
  up->callback([&action, options] { action = [options] { return cluster_up(*options); }; });
  CLI::App* down = cluster->add_subcommand("down", "Stop the cluster in DIR and remove DIR");
  down->add_option("--dir", options->dir, "The folder given to 'cluster up'")->required();
  down->callback([&action, options] { action = [options] { return cluster_down(*options); }; });
}

}  // namespace pgcertify::cli
