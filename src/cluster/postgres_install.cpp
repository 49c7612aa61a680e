#include "cluster/postgres_install.hpp"

#include <cstdlib>
#include <vector>

#include "common/error.hpp"
#include "common/strings.hpp"

namespace pgcertify::cluster {
namespace {
bool has_server(const std::filesystem::path& bin) {
  return std::filesystem::exists(bin / "initdb") && std::filesystem::exists(bin / "postgres");
}
}  // namespace

std::filesystem::path find_postgres_bin() {
  if (const char* env = std::getenv("PGCERTIFY_PG_BIN")) {
    if (has_server(env)) return env;
    throw Error(ErrorKind::kTarget, std::string("PGCERTIFY_PG_BIN='") + env + "' holds no initdb and postgres");
  }
  std::error_code ec;
  int best_version = -1;
  std::filesystem::path best;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    const int version = std::atoi(name.c_str());
    if (version > best_version && has_server(entry.path() / "bin")) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (!best.empty()) return best;
  if (const char* path = std::getenv("PATH")) {
    for (const auto& dir : split(path, ':'))
      if (!dir.empty() && has_server(dir)) return dir;
  }
  throw Error(ErrorKind::kTarget, "no PostgreSQL server found (looked for initdb and postgres)")
      .with_hint("install it with 'apt-get install postgresql-15', or set PGCERTIFY_PG_BIN, or give --dsn");
}

}  // namespace pgcertify::cluster
