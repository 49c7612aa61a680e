#pragma once
// Where the PostgreSQL server programs are.

#include <filesystem>
#include <string>

namespace pgcertify::cluster {

/// The bin directory holding initdb and postgres: $PGCERTIFY_PG_BIN, else the newest
/// /usr/lib/postgresql/N/bin, else the directory of `initdb` on PATH.
/// Throws Error(kTarget) with an install hint when none is found.
std::filesystem::path find_postgres_bin();

}  // namespace pgcertify::cluster
