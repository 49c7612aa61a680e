#include "migrate/lock.hpp"

#include <fmt/format.h>
#include <xxhash.h>

namespace pgcertify::migrate {
namespace {
/// pid and application_name of the session holding advisory lock `key`, "" when none.
std::string holder(pg::Connection& connection, long long key) {
  const pg::Param params[] = {std::to_string(key)};
  const auto result = connection.exec(
      "SELECT l.pid, coalesce(nullif(a.application_name, ''), 'no application name') FROM pg_locks l"
      " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
      " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
      " AND l.classid::bigint = ($1::bigint >> 32) & 4294967295 AND l.objid::bigint = $1::bigint & 4294967295"
      " LIMIT 1",
      params);
  if (result.rows() == 0) return {};
  return fmt::format("backend pid {}, {}", result.value(0, 0), result.value(0, 1));
}
}  // namespace

long long lock_key(const std::string& history_table) {
  return static_cast<long long>(XXH64(history_table.data(), history_table.size(), 0x70676365));
}

MigrationLock::MigrationLock(pg::Connection& connection, const std::string& history_table, std::FILE* out)
    : connection_(connection), key_(lock_key(history_table)) {
  const pg::Param params[] = {std::to_string(key_)};
  if (connection_.exec("SELECT pg_try_advisory_lock($1::bigint)", params).value(0, 0) == "t") return;
  const std::string who = holder(connection_, key_);
  if (!out) {
    connection_.exec("SELECT pg_advisory_lock($1::bigint)", params);
    return;
  }
  fmt::print(out, "pgcertify: waiting for the migration lock on {} (held by {}); another migrate is running\n",
             history_table, who.empty() ? "another session" : who);
  std::fflush(out);
  connection_.exec("SELECT pg_advisory_lock($1::bigint)", params);
}

MigrationLock::~MigrationLock() {
  if (!connection_.ok() || connection_.in_transaction()) return;
  try {
    const pg::Param params[] = {std::to_string(key_)};
    connection_.exec("SELECT pg_advisory_unlock($1::bigint)", params,
                     {pg::Clock::now() + std::chrono::seconds(10), true});
  } catch (...) {
    // Session locks end with the session: closing the connection releases it anyway.
  }
}

}  // namespace pgcertify::migrate
