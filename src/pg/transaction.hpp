#pragma once
// The one transaction guard: BEGIN in the constructor, ROLLBACK in the destructor unless
// committed. Everything above src/pg that runs a transaction uses it (libpqxx's
// `pqxx::work` / `read_transaction`): no hand-written BEGIN/ROLLBACK elsewhere.

#include <chrono>
#include <optional>
#include <span>
#include <string_view>

#include "pg/connection.hpp"

namespace pgcertify::pg {

enum class TransactionKind {
  kReadOnly,          // BEGIN READ ONLY; always rolled back
  kSnapshot,          // BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY: one snapshot for all reads
  kRolledBack,        // BEGIN; writes are always rolled back (the safety model's "try, then undo")
  kCommitOnSuccess,   // BEGIN; commit() makes it durable, anything else rolls back
};

struct TransactionOptions {
  /// `SET LOCAL statement_timeout`, rounded up to whole milliseconds (at least 1 ms).
  std::optional<std::chrono::milliseconds> statement_timeout;
  /// The client-side deadline for each statement run through the guard.
  ExecLimits limits;
  /// For kSnapshot: when the connection is already inside a transaction, use it instead of
  /// failing (a caller that holds a snapshot of its own), and leave it open afterwards.
  bool join_open = false;
};

class Transaction {
 public:
  Transaction(Connection& connection, TransactionKind kind, TransactionOptions options = {});
  /// Rolls back unless committed; never throws (a connection that cannot roll back is broken,
  /// and its owner replaces it).
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// One statement, extended protocol, with the guard's limits.
  Result exec(std::string_view sql, std::span<const Param> params = {});
  /// Several commands at once, simple protocol (a migration's statement, `SET LOCAL ROLE …`).
  Result exec_simple(std::string_view sql);
  /// Commits (kCommitOnSuccess only). Throws the server's Error when the commit fails; the
  /// transaction is then over either way.
  void commit();

  Connection& connection() { return connection_; }
  const ExecLimits& limits() const { return options_.limits; }

 private:
  Connection& connection_;
  TransactionKind kind_;
  TransactionOptions options_;
  bool owned_ = false;
  bool finished_ = false;
};

/// The statement_timeout a check's budget becomes: whole milliseconds, at least 1.
std::chrono::milliseconds statement_timeout_of(std::chrono::nanoseconds budget);

}  // namespace pgcertify::pg
