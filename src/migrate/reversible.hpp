#pragma once
// `reversible: true`: in an empty database, every migration is applied, undone and applied
// again, with a catalog snapshot around each step; a down must leave the catalog exactly as it
// was before its up, and the second up must build exactly what the first did.

#include <filesystem>
#include <string>
#include <vector>

#include "migrate/folder.hpp"
#include "pg/connection.hpp"

namespace pgcertify::migrate {

struct ReversibleReport {
  int round_trips = 0;                // migrations taken up, down and up again
  std::vector<std::string> problems;  // "003 analytics schema: down left: index public.t.i is left over (…)"
};

/// Runs the round trips in the (empty) database `connection` is on. Stops at a migration that
/// fails to apply (a problem naming it). Migrations without an undo file are applied and named.
ReversibleReport check_reversible(pg::Connection& connection, const std::filesystem::path& dir,
                                  const FolderOptions& folder);

}  // namespace pgcertify::migrate
