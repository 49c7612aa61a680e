#pragma once
// The migration lock: a session advisory lock keyed on the history table, so two runners
// against one database never both apply. Waiting says so, and who holds it.

#include <cstdio>
#include <string>

#include "pg/connection.hpp"

namespace pgcertify::migrate {

class MigrationLock {
 public:
  /// Takes the lock; when another session holds it, prints a wait message to `out` naming that
  /// session's pid and application, then waits (SIGINT cancels the wait: Error kInterrupted).
  MigrationLock(pg::Connection& connection, const std::string& history_table, std::FILE* out);
  ~MigrationLock();
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

  long long key() const { return key_; }

 private:
  pg::Connection& connection_;
  long long key_;
};

/// The advisory lock key for a history table: xxh64 of its name, as a bigint.
long long lock_key(const std::string& history_table);

}  // namespace pgcertify::migrate
