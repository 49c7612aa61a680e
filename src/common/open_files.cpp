#include "common/open_files.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "common/error.hpp"

namespace pgcertify {
namespace {
rlimit current_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
    throw Error(ErrorKind::kInternal, std::string("getrlimit(RLIMIT_NOFILE): ") + std::strerror(errno));
  return limit;
}

void require_hard_limit(const rlimit& limit, unsigned long needed, const std::string& what) {
  if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= needed) return;
  throw Error(ErrorKind::kUsage, what + " needs about " + std::to_string(needed) +
                                     " open files, but the hard limit (ulimit -Hn) is " + std::to_string(limit.rlim_max))
      .with_hint("raise the hard limit: 'ulimit -Hn " + std::to_string(needed) +
                 "' as root, LimitNOFILE= for a systemd service, or 'nofile' in /etc/security/limits.conf");
}
}  // namespace

void ensure_open_files(unsigned long needed, const std::string& what) {
  rlimit limit = current_limit();
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return;
  require_hard_limit(limit, needed, what);
  limit.rlim_cur = limit.rlim_max;  // all we may have: sockets opened later (reconnects) need room too
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
    throw Error(ErrorKind::kUsage, what + ": cannot raise the open-files limit: " + std::strerror(errno));
}

unsigned long open_files_for_child(unsigned long needed, const std::string& what) {
  const rlimit limit = current_limit();
  require_hard_limit(limit, needed, what);
  if (limit.rlim_cur == RLIM_INFINITY) return needed;
  return std::max<unsigned long>(limit.rlim_cur, needed);
}

}  // namespace pgcertify
