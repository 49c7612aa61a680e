#include "cli/version.hpp"

#include <libpq-fe.h>
#include <pg_config.h>

#include <fmt/format.h>

#include "git_commit.hpp"  // generated at build time by cmake/git_commit.cmake

#ifndef PGCERTIFY_VERSION
#define PGCERTIFY_VERSION "0.0.0"
#endif

namespace pgcertify::cli {
namespace {
/// PostgreSQL 10 and later number versions major * 10000 + minor (150018 is 15.18).
std::string pg_version_name(int num) { return fmt::format("{}.{}", num / 10000, num % 10000); }
}  // namespace

std::string version_number() { return PGCERTIFY_VERSION; }

std::string version_text() {
  return fmt::format("pgcertify {} (commit {})\nlibpq {} (built against {})\n", PGCERTIFY_VERSION,
                     PGCERTIFY_GIT_COMMIT, pg_version_name(PQlibVersion()), pg_version_name(PG_VERSION_NUM));
}

}  // namespace pgcertify::cli
