#include "cluster/process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <deque>
#include <thread>

#include "common/error.hpp"

namespace pgcertify::cluster {

RunAs RunAs::for_server() {
  RunAs run_as{::geteuid(), ::getegid(), false};
  if (run_as.uid != 0) return run_as;
  const passwd* pw = ::getpwnam("postgres");
  if (!pw)
    throw Error(ErrorKind::kTarget, "running as root, but there is no 'postgres' user to run the server as")
        .with_hint("install postgresql-15 (it creates the user) or run pgcertify as a normal user");
  return {pw->pw_uid, pw->pw_gid, true};
}

void RunAs::hand_over(const std::filesystem::path& path) const {
  if (!switch_user) return;
  auto give = [this](const std::filesystem::path& p) {
    if (::lchown(p.c_str(), uid, gid) != 0)
      throw Error(ErrorKind::kTarget, "cannot change the owner of '" + p.string() + "': " + std::strerror(errno));
  };
  give(path);
  if (!std::filesystem::is_directory(path)) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) give(entry.path());
}

pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  // The child's environment is built before fork (nothing after fork may allocate).
  std::vector<std::string> env_strings;
  std::vector<char*> envp;
  if (!options.environment.empty()) {
    for (char** e = environ; *e; ++e) {
      const std::string_view entry(*e);
      const bool replaced = std::any_of(options.environment.begin(), options.environment.end(), [&](const auto& kv) {
        return entry.starts_with(kv.first) && entry.size() > kv.first.size() && entry[kv.first.size()] == '=';
      });
      if (!replaced) env_strings.emplace_back(entry);
    }
    for (const auto& [name, value] : options.environment) env_strings.push_back(name + "=" + value);
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
  }
  // Opened here, with our own rights: the child may no longer be allowed to create it.
  const int log = options.log.empty() ? ::open("/dev/null", O_WRONLY | O_CLOEXEC)
                                      : ::open(options.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log < 0) throw Error(ErrorKind::kTarget, "cannot open '" + options.log.string() + "': " + std::strerror(errno));
  const pid_t parent = ::getpid();
  // SIGINT/SIGTERM stay blocked across the fork: a stop sent right after spawn returns (Ctrl-C
  // while the server starts) would otherwise reach the child while it still runs our handler,
  // which only sets a flag, and be lost; the server would then start and be waited for.
  sigset_t stops, before;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  ::sigprocmask(SIG_BLOCK, &stops, &before);
  const pid_t pid = ::fork();
  if (pid != 0) {
    ::sigprocmask(SIG_SETMASK, &before, nullptr);
    ::close(log);
    if (pid < 0) throw Error(ErrorKind::kTarget, std::string("cannot fork: ") + std::strerror(errno));
    return pid;
  }

  // Child: only async-signal-safe calls from here to exec.
  ::setsid();
  if (options.open_files > 0) {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = options.open_files;  // the caller checked it against the hard limit
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
  if (options.run_as.switch_user) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(options.run_as.gid) != 0 || ::setuid(options.run_as.uid) != 0)
      ::_exit(126);
  }
  if (options.die_with_parent) {
    ::prctl(PR_SET_PDEATHSIG, options.death_signal);  // after setuid, which clears it
    if (::getppid() != parent) ::_exit(0);
  }
  // Default actions first, then unblock: a stop already pending ends the child here.
  ::signal(SIGPIPE, SIG_DFL);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  const int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull >= 0) ::dup2(devnull, 0);
  ::dup2(log, 1);  // dup2 clears O_CLOEXEC on the copies
  ::dup2(log, 2);
  if (envp.empty()) {
    ::execv(args[0], args.data());
  } else {
    ::execve(args[0], args.data(), envp.data());
  }
  ::_exit(127);
}

int run_to_completion(const std::vector<std::string>& argv, const SpawnOptions& options) {
  const pid_t pid = spawn(argv, options);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool child_running(pid_t pid) {
  int status = 0;
  const pid_t r = ::waitpid(pid, &status, WNOHANG);
  if (r == pid) return false;
  return !(r < 0 && errno == ECHILD);
}

namespace {
bool process_alive(pid_t pid, bool is_child) {
  if (is_child) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return false;
    if (r < 0 && errno == ECHILD) return ::kill(pid, 0) == 0;
    return true;
  }
  return ::kill(pid, 0) == 0;
}

bool wait_for_exit(pid_t pid, bool is_child, const std::filesystem::path& pid_file, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  auto gone = [&] { return !process_alive(pid, is_child) || (!is_child && !std::filesystem::exists(pid_file)); };
  while (std::chrono::steady_clock::now() < until) {
    if (gone()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return gone();
}
}  // namespace

bool stop_process(pid_t pid, bool is_child, const std::filesystem::path& pid_file, std::initializer_list<StopStep> steps) {
  if (pid <= 0) return true;
  for (const StopStep& step : steps) {
    ::kill(pid, step.signal);
    if (wait_for_exit(pid, is_child, pid_file, step.wait)) return true;
  }
  return false;
}

std::string log_tail(const std::filesystem::path& log, size_t max_lines) {
  std::ifstream in(log);
  std::deque<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
    if (lines.size() > max_lines) lines.pop_front();
  }
  std::string out;
  for (const auto& l : lines) out += "\n    " + l;
  return out;
}

}  // namespace pgcertify::cluster
