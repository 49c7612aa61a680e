#include "cluster/ephemeral.hpp"

#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "cluster/pgbouncer.hpp"
#include "cluster/postgres_install.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/interrupt.hpp"
#include "common/strings.hpp"

namespace pgcertify::cluster {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// Throwaway settings: durability off, small memory, loopback only. The plan may override any.
const std::map<std::string, std::string> kThrowawaySettings = {
    {"fsync", "off"},
    {"synchronous_commit", "off"},
    {"full_page_writes", "off"},
    {"shared_buffers", "64MB"},
    {"max_wal_size", "1GB"},
    {"checkpoint_timeout", "30min"},
    {"listen_addresses", "127.0.0.1"},
    {"logging_collector", "off"},
    {"log_min_messages", "warning"},
    {"max_connections", "100"},
};

const std::vector<std::string> kInitdbArgs = {"-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                                              "--no-sync", "--no-instructions",
                                              "--wal-segsize=1"};  // 1 MB WAL segments: less to copy per cluster

/// Where initdb'd templates are kept. As root the server account must be able to reach it,
/// so it is a system folder rather than root's home.
fs::path cache_root() {
  if (const char* dir = std::getenv("PGCERTIFY_CACHE_DIR")) return dir;
  if (::geteuid() == 0) return "/var/cache/pgcertify";
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "pgcertify";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "pgcertify";
  return fs::temp_directory_path() / fmt::format("pgcertify-cache-{}", ::geteuid());
}

/// A key that changes when the server binaries or the initdb options change.
std::string template_key(const fs::path& bin) {
  struct stat st {};
  ::stat((bin / "postgres").c_str(), &st);
  std::string identity = bin.string() + "|" + std::to_string(st.st_size) + "|" + std::to_string(st.st_mtime);
  for (const auto& a : kInitdbArgs) identity += "|" + a;
  return fmt::format("template-{:016x}", std::hash<std::string>{}(identity));
}

/// Returns the data directory of a cached, initdb'd template, creating it once (under a lock,
/// so concurrent pgcertify processes create it only once).
fs::path ensure_template(const fs::path& bin, const RunAs& run_as) {
  const fs::path root = cache_root();
  const fs::path final_dir = root / template_key(bin);
  if (fs::exists(final_dir / "data" / "PG_VERSION")) return final_dir / "data";
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) throw Error(ErrorKind::kTarget, "cannot create the cache folder '" + root.string() + "': " + ec.message());
  const fs::path lock_path = root / "template.lock";
  const int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT, 0600);
  if (lock < 0) throw Error(ErrorKind::kTarget, "cannot open '" + lock_path.string() + "': " + std::strerror(errno));
  ::flock(lock, LOCK_EX);
  struct Unlock {
    int fd;
    ~Unlock() { ::close(fd); }
  } unlock{lock};
  if (fs::exists(final_dir / "data" / "PG_VERSION")) return final_dir / "data";

  std::string staging = (root / "staging-XXXXXX").string();
  if (!::mkdtemp(staging.data())) throw Error(ErrorKind::kTarget, "cannot create a staging folder in '" + root.string() + "'");
  run_as.hand_over(staging);
  std::vector<std::string> argv = {(bin / "initdb").string(), "-D", (fs::path(staging) / "data").string()};
  argv.insert(argv.end(), kInitdbArgs.begin(), kInitdbArgs.end());
  const fs::path log = fs::path(staging + ".log");
  const int status = run_to_completion(argv, {run_as, log, true});
  if (status != 0) {
    const std::string tail = log_tail(log);
    fs::remove_all(staging, ec);
    fs::remove(log, ec);
    throw Error(ErrorKind::kTarget, fmt::format("initdb failed (exit {}):{}", status, tail));
  }
  fs::remove(log, ec);
  fs::remove_all(final_dir, ec);
  fs::rename(staging, final_dir);
  return final_dir / "data";
}

/// RAM-backed scratch space is used only with this much room left, so big data sets still fit.
constexpr unsigned long long kMinimumRamScratch = 4ull << 30;

bool usable_ram_dir(const fs::path& dir) {
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) != 0 || ::access(dir.c_str(), W_OK | X_OK) != 0) return false;
  return static_cast<unsigned long long>(st.f_bavail) * st.f_frsize >= kMinimumRamScratch;
}

/// Asks the postmaster to shut down fast (abort transactions, disconnect, checkpoint), then
/// immediately, then kills it. Returns once it is gone.
void shut_down(pid_t pid, bool is_child, const fs::path& pid_file) {
  stop_process(pid, is_child, pid_file, {{SIGINT, 15s}, {SIGQUIT, 3s}, {SIGKILL, 3s}});
}
}  // namespace

std::unique_ptr<EphemeralCluster> EphemeralCluster::start(const ClusterOptions& options) {
  const fs::path bin = find_postgres_bin();
  std::unique_ptr<EphemeralCluster> cluster(new EphemeralCluster());
  cluster->run_as_ = RunAs::for_server();
  cluster->detached_ = options.detach;
  if (options.dir.empty()) {
    std::string dir = (scratch_root() / "pgcertify-XXXXXX").string();
    if (!::mkdtemp(dir.data())) throw Error(ErrorKind::kTarget, std::string("cannot create a temporary folder: ") + std::strerror(errno));
    cluster->dir_ = dir;
  } else {
    if (fs::exists(options.dir / "data"))
      throw Error(ErrorKind::kTarget, "'" + options.dir.string() + "' already holds a cluster")
          .with_hint("stop it with 'pgcertify cluster down --dir " + options.dir.string() + "'");
    std::error_code ec;
    fs::create_directories(options.dir, ec);
    if (ec) throw Error(ErrorKind::kTarget, "cannot create '" + options.dir.string() + "': " + ec.message());
    cluster->dir_ = fs::absolute(options.dir);
  }
  cluster->launch(options, bin);
  return cluster;
}

void EphemeralCluster::launch(const ClusterOptions& options, const fs::path& bin) {
  const fs::path template_data = ensure_template(bin, run_as_);
  std::error_code ec;
  fs::copy(template_data, data_dir(), fs::copy_options::recursive, ec);
  if (ec) throw Error(ErrorKind::kTarget, "cannot copy the cluster template: " + ec.message());
  fs::create_directories(dir_ / "socket", ec);
  run_as_.hand_over(dir_);

  std::map<std::string, std::string> settings = kThrowawaySettings;
  for (const auto& [k, v] : options.settings) settings[k] = v;
  const fs::path log = dir_ / "server.log";

  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = free_loopback_port();
    std::vector<std::string> argv = {(bin / "postgres").string(), "-D", data_dir().string(), "-p", std::to_string(port_),
                                     "-k", (dir_ / "socket").string()};
    for (const auto& [k, v] : settings) {
      argv.push_back("-c");
      argv.push_back(k + "=" + v);
    }
    pid_ = spawn(argv, {run_as_, log, !options.detach});
    const std::string ping = fmt::format("host=127.0.0.1 port={} user=postgres dbname=postgres connect_timeout=2", port_);
    const auto until = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < until) {
      if (PQping(ping.c_str()) == PQPING_OK) {
        if (options.detach) write_file_atomic(dir_ / "dsn", dsn() + "\n");
        return;
      }
      if (!child_running(pid_) || interrupted()) break;
      std::this_thread::sleep_for(2ms);
    }
    if (interrupted()) {
      stop();
      throw Error(ErrorKind::kInterrupted, "interrupted while the ephemeral PostgreSQL server was starting");
    }
    const bool port_taken = read_file(log).find("could not bind") != std::string::npos;
    shut_down(pid_, true, data_dir() / "postmaster.pid");
    pid_ = -1;
    if (!port_taken) break;
  }
  const std::string tail = log_tail(log);
  stop();
  Error e(ErrorKind::kTarget, "the ephemeral PostgreSQL server did not start:" + tail);
  if (run_as_.switch_user && tail.find("Permission denied") != std::string::npos)
    e.hint = "as root the server runs as the 'postgres' user, which must be able to reach " + dir_.string() +
             ": make every folder above it traversable (chmod o+x)";
  throw e;
}

EphemeralCluster::~EphemeralCluster() { stop(); }

std::string EphemeralCluster::dsn(const std::string& dbname) const {
  return fmt::format("host=127.0.0.1 port={} user=postgres dbname={}", port_, dbname);
}

void EphemeralCluster::stop() noexcept {
  if (released_ || stopped_) return;
  stopped_ = true;
  try {
    shut_down(pid_, true, data_dir() / "postmaster.pid");
    std::error_code ec;
    fs::remove_all(dir_, ec);
  } catch (...) {
    // Best effort: a destructor must not throw.
  }
}

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw Error(ErrorKind::kTarget, std::string("cannot open a socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw Error(ErrorKind::kTarget, std::string("cannot find a free loopback port: ") + std::strerror(errno));
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

fs::path scratch_root() {
  if (const char* dir = std::getenv("PGCERTIFY_TMPDIR"); dir && *dir) return dir;
  if (usable_ram_dir("/dev/shm")) return "/dev/shm";
  return fs::temp_directory_path();
}

void stop_cluster_dir(const fs::path& dir) {
  const fs::path pid_file = dir / "data" / "postmaster.pid";
  if (!fs::exists(dir / "data" / "PG_VERSION"))
    throw Error(ErrorKind::kTarget, "'" + dir.string() + "' holds no cluster made by 'pgcertify cluster up'");
  stop_pgbouncer_dir(dir);  // its pooler first: it holds server connections
  if (fs::exists(pid_file)) {
    const pid_t pid = static_cast<pid_t>(std::atol(line_of(read_file(pid_file), 1).c_str()));
    shut_down(pid, false, pid_file);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (ec) throw Error(ErrorKind::kTarget, "cannot remove '" + dir.string() + "': " + ec.message());
}

std::string read_cluster_dsn(const fs::path& dir) { return trim(read_file(dir / "dsn")); }

}  // namespace pgcertify::cluster
