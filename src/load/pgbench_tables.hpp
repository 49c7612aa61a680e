#pragma once
// pgbench's tables: -i -s N creates and fills them (client-side COPY, as pgbench -i does), the
// built-in scripts read the scale from them, and a run starts with pgbench's vacuum.

#include <cstdint>
#include <functional>
#include <string>

#include "pg/connection.hpp"

namespace pgcertify::load {

/// Drops and recreates pgbench_accounts, _branches, _tellers and _history for `scale`, fills
/// them by COPY, vacuums and adds the primary keys. `say` gets one line per phase.
void initialize_tables(pg::Connection& c, std::int64_t scale, const std::function<void(const std::string&)>& say);

/// The number of rows of pgbench_branches; throws Error (kTarget) with a hint to run -i.
std::int64_t detect_scale(pg::Connection& c);

/// VACUUM pgbench_branches and pgbench_tellers, TRUNCATE pgbench_history.
void vacuum_tables(pg::Connection& c);

}  // namespace pgcertify::load
