#include "cluster/pgbouncer.hpp"

#include <libpq-fe.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include <fmt/format.h>

#include "cluster/ephemeral.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/interrupt.hpp"
#include "common/open_files.hpp"
#include "common/strings.hpp"

namespace pgcertify::cluster {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kBinary = "/usr/sbin/pgbouncer";
constexpr auto kStartLimit = 10s;

/// PgBouncer's own defaults, for the open-files estimate when the plan leaves a key out.
constexpr long kDefaultMaxClientConn = 100;
constexpr long kDefaultPoolSize = 20;

fs::path folder_of(const fs::path& cluster_dir) { return cluster_dir / "pgbouncer"; }

long setting_or(const PgBouncerOptions& o, const std::string& key, long fallback) {
  for (const auto& [k, v] : o.settings)
    if (k == key) return std::atol(v.c_str());
  return fallback;
}

/// One descriptor per client, one per server connection of the (one) pool, and a margin for
/// listening sockets, the log and libevent.
unsigned long open_files_needed(const PgBouncerOptions& o) {
  const long clients = setting_or(o, "max_client_conn", kDefaultMaxClientConn);
  const long servers = setting_or(o, "default_pool_size", kDefaultPoolSize) + setting_or(o, "reserve_pool_size", 0);
  return static_cast<unsigned long>(clients + servers + 64);
}

std::string ini_text(const PgBouncerOptions& o, const fs::path& dir, int port) {
  std::string ini = "; written by pgcertify for a throwaway PgBouncer\n[databases]\n";
  ini += fmt::format("* = host=127.0.0.1 port={}\n\n[pgbouncer]\n", o.server_port);
  ini += fmt::format("listen_addr = 127.0.0.1\nlisten_port = {}\nunix_socket_dir = {}\n", port, dir.string());
  ini += fmt::format("pidfile = {}\n", (dir / "pgbouncer.pid").string());
  // The ephemeral cluster trusts loopback connections; PgBouncer still needs its users listed.
  ini += fmt::format("auth_type = trust\nauth_file = {}\n", (dir / "userlist.txt").string());
  ini += "admin_users = postgres\nstats_users = postgres\n";
  for (const auto& [key, value] : o.settings) ini += fmt::format("{} = {}\n", key, value);
  return ini;
}

/// SIGINT is PgBouncer's safe shutdown (PAUSE, then exit); SIGTERM its immediate one.
void shut_down(pid_t pid, bool child, const fs::path& pid_file) {
  stop_process(pid, child, pid_file, {{SIGINT, 3s}, {SIGTERM, 3s}, {SIGKILL, 3s}});
}
}  // namespace

std::unique_ptr<PgBouncer> PgBouncer::start(const PgBouncerOptions& options) {
  if (::access(kBinary, X_OK) != 0)
    throw Error(ErrorKind::kTarget, std::string("setup.pgbouncer needs PgBouncer, but ") + kBinary + " is not installed")
        .with_hint("apt-get install pgbouncer");
  const unsigned long open_files = open_files_for_child(
      open_files_needed(options), fmt::format("PgBouncer with max_client_conn {}", setting_or(options, "max_client_conn", kDefaultMaxClientConn)));
  std::unique_ptr<PgBouncer> bouncer(new PgBouncer());
  bouncer->dir_ = folder_of(options.cluster_dir);
  const fs::path& dir = bouncer->dir_;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::kTarget, "cannot create '" + dir.string() + "': " + ec.message());
  const RunAs run_as = RunAs::for_server();
  const fs::path log = dir / "pgbouncer.log";
  write_file_atomic(dir / "userlist.txt", "\"postgres\" \"\"\n");
  for (int attempt = 0; attempt < 3; ++attempt) {
    bouncer->port_ = free_loopback_port();
    write_file_atomic(dir / "pgbouncer.ini", ini_text(options, dir, bouncer->port_));
    run_as.hand_over(dir);
    // PgBouncer refuses to run as root: as root it runs as the server's account.
    bouncer->pid_ = spawn({kBinary, (dir / "pgbouncer.ini").string()},
                          {run_as, log, !options.detach, SIGTERM, open_files});
    const std::string ping = bouncer->admin_dsn() + " connect_timeout=2";
    const auto until = std::chrono::steady_clock::now() + kStartLimit;
    while (std::chrono::steady_clock::now() < until && child_running(bouncer->pid_) && !interrupted()) {
      if (PQping(ping.c_str()) == PQPING_OK) {
        if (options.detach) write_file_atomic(dir / "dsn", bouncer->dsn() + "\n");
        return bouncer;
      }
      std::this_thread::sleep_for(5ms);
    }
    const bool port_taken = read_file(log).find("Address already in use") != std::string::npos;
    shut_down(bouncer->pid_, true, dir / "pgbouncer.pid");
    bouncer->pid_ = -1;
    if (interrupted()) throw Error(ErrorKind::kInterrupted, "interrupted while PgBouncer was starting");
    if (!port_taken) break;
  }
  bouncer->stopped_ = true;
  throw Error(ErrorKind::kTarget, "PgBouncer did not start:" + log_tail(log));
}

PgBouncer::~PgBouncer() { stop(); }

std::string PgBouncer::dsn(const std::string& dbname) const {
  return fmt::format("host=127.0.0.1 port={} user=postgres dbname={}", port_, dbname);
}

void PgBouncer::stop() noexcept {
  if (released_ || stopped_) return;
  stopped_ = true;
  try {
    shut_down(pid_, true, dir_ / "pgbouncer.pid");
  } catch (...) {
    // Best effort: a destructor must not throw.
  }
}

void stop_pgbouncer_dir(const fs::path& cluster_dir) noexcept {
  try {
    const fs::path pid_file = folder_of(cluster_dir) / "pgbouncer.pid";
    if (!fs::exists(pid_file)) return;
    const pid_t pid = static_cast<pid_t>(std::atol(trim(read_file(pid_file)).c_str()));
    shut_down(pid, false, pid_file);
  } catch (...) {
    // The cluster is stopped and the folder removed regardless.
  }
}

std::string read_pgbouncer_dsn(const fs::path& cluster_dir) {
  const fs::path file = folder_of(cluster_dir) / "dsn";
  return fs::exists(file) ? trim(read_file(file)) : "";
}

}  // namespace pgcertify::cluster
