#include "support/fixture.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/error.hpp"
#include "common/strings.hpp"
#include "plan/sql_file.hpp"
#include "runner/setup.hpp"

namespace pgcertify::testing {
namespace fs = std::filesystem;

namespace {
std::unique_ptr<cluster::EphemeralCluster> g_cluster;
int g_database_counter = 0;

/// Every cluster, PgBouncer and scratch folder this binary (and the pgcertify it runs) makes
/// goes under a folder of its own, named in PGCERTIFY_TMPDIR: tests that look for leftover
/// folders or processes look only there, so another pgcertify on the machine cannot fool them.
class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    private_root_ = cluster::scratch_root() / ("pgcertify-tests-" + std::to_string(::getpid()));
    fs::create_directories(private_root_);
    // The server runs as the postgres account, which must reach the clusters' folders.
    fs::permissions(private_root_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                       fs::perms::others_read | fs::perms::others_exec);
    ::setenv("PGCERTIFY_TMPDIR", private_root_.c_str(), 1);
  }
  void TearDown() override {
    g_cluster.reset();
    std::error_code ignored;
    fs::remove_all(private_root_, ignored);
  }

 private:
  fs::path private_root_;
};
const auto* const g_environment = ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);
}  // namespace

cluster::EphemeralCluster& shared_cluster() {
  if (!g_cluster) g_cluster = cluster::EphemeralCluster::start({});
  return *g_cluster;
}

std::string source_dir() { return PGCERTIFY_SOURCE_DIR; }

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

void DatabaseTest::SetUp() {
  auto& cluster = shared_cluster();
  database_ = "t" + std::to_string(::getpid()) + "_" + std::to_string(++g_database_counter);
  {
    pg::Connection postgres(cluster.dsn());
    postgres.exec_simple("CREATE DATABASE " + database_ + " TEMPLATE template0");
  }
  admin_ = std::make_unique<pg::Connection>(dsn());
  work_dir_ = fs::temp_directory_path() / ("pgcertify-it-" + database_);
  fs::create_directories(work_dir_);
}

void DatabaseTest::TearDown() {
  admin_.reset();
  try {
    pg::Connection postgres(shared_cluster().dsn());
    postgres.exec_simple("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  } catch (const Error& e) {
    ADD_FAILURE() << "cannot drop " << database_ << ": " << e.what();
  }
  fs::remove_all(work_dir_);
}

std::string DatabaseTest::dsn() const { return shared_cluster().dsn(database_); }

pg::Connection& DatabaseTest::admin() {
  if (!admin_->ok()) admin_ = std::make_unique<pg::Connection>(dsn());
  return *admin_;
}

void DatabaseTest::sql(const std::string& text) {
  try {
    admin().exec_simple(text);
  } catch (const Error& e) {
    FAIL() << "SQL failed: " << e.what() << "\n" << text;
  }
}

void DatabaseTest::apply_file(const fs::path& file) {
  runner::apply_sql_file(admin(), plan::load_sql_file(file, file.filename().string()));
}

void DatabaseTest::apply_example(const std::string& name) {
  std::vector<fs::path> ups;
  for (const auto& e : fs::directory_iterator(source_dir() + "/examples/" + name + "/migrations"))
    if (!e.path().filename().string().ends_with(".down.sql")) ups.push_back(e.path());
  std::sort(ups.begin(), ups.end());
  for (const auto& up : ups) apply_file(up);
  apply_file(source_dir() + "/examples/" + name + "/fixtures/sample_data.sql");
}

std::string DatabaseTest::scalar(const std::string& query) {
  const pg::Result r = admin().exec(query);
  return r.rows() > 0 && !r.is_null(0, 0) ? std::string(r.value(0, 0)) : "";
}

std::map<std::string, std::string> DatabaseTest::table_checksums() {
  std::map<std::string, std::string> sums;
  const pg::Result tables = admin().exec(
      "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
      "'information_schema') ORDER BY 1");
  for (int i = 0; i < tables.rows(); ++i) {
    const std::string table(tables.value(i, 0));
    sums[table] = scalar("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " +
                         table + " t");
  }
  return sums;
}

namespace {
pid_t spawn_binary(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  std::vector<std::string> argv = {PGCERTIFY_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::dup2(o, 1);
  ::dup2(e, 2);
  std::vector<char*> raw;
  for (auto& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  ::execv(raw[0], raw.data());
  ::_exit(127);
}
}  // namespace

Background start_pgcertify(const std::vector<std::string>& args, const fs::path& dir) {
  Background b;
  b.out = dir / "stdout.txt";
  b.err = dir / "stderr.txt";
  b.pid = spawn_binary(args, b.out, b.err);
  return b;
}

Completed Background::wait(int seconds) {
  Completed c;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > until) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      ADD_FAILURE() << "pgcertify did not finish within " << seconds << " s";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  c.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  c.out = read_text(out);
  c.err = read_text(err);
  return c;
}

Completed run_pgcertify(const std::vector<std::string>& args) {
  const fs::path dir = fs::temp_directory_path() / ("pgcertify-out-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Completed c = start_pgcertify(args, dir).wait(120);
  fs::remove_all(dir);
  return c;
}

namespace {
std::string cmdline_of(const fs::path& proc) {
  std::string text = read_text(proc / "cmdline");
  for (char& ch : text)
    if (ch == '\0') ch = ' ';
  return text;
}
}  // namespace

namespace {
struct ProcessInfo {
  pid_t pid;
  pid_t parent;
  std::string command_line;
};

/// Every live (not zombie) process, from /proc.
std::vector<ProcessInfo> live_processes() {
  std::vector<ProcessInfo> out;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_text(entry.path() / "stat");
    const size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    std::string state;
    pid_t parent = 0;
    rest >> state >> parent;
    if (state != "Z") out.push_back({std::stoi(name), parent, cmdline_of(entry.path())});
  }
  return out;
}
}  // namespace

std::vector<pid_t> child_processes(pid_t parent, const std::string& needle) {
  std::vector<pid_t> out;
  for (const auto& p : live_processes())
    if (p.parent == parent && p.command_line.find(needle) != std::string::npos) out.push_back(p.pid);
  return out;
}

std::vector<pid_t> processes_matching(const std::string& needle, const std::string& also) {
  std::vector<pid_t> out;
  for (const auto& p : live_processes())
    if (p.command_line.find(needle) != std::string::npos && p.command_line.find(also) != std::string::npos)
      out.push_back(p.pid);
  return out;
}

std::vector<fs::path> cluster_temp_dirs(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("pgcertify-") && name.size() == 16) out.push_back(entry.path());  // pgcertify-XXXXXX
  }
  return out;
}

}  // namespace pgcertify::testing
