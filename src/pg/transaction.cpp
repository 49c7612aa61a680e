#include "pg/transaction.hpp"

#include <algorithm>
#include <string>

namespace pgcertify::pg {
namespace {
std::string_view begin_statement(TransactionKind kind) {
  switch (kind) {
    case TransactionKind::kReadOnly: return "BEGIN READ ONLY";
    case TransactionKind::kSnapshot: return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    case TransactionKind::kRolledBack:
    case TransactionKind::kCommitOnSuccess: return "BEGIN";
  }
  return "BEGIN";
}
}  // namespace

std::chrono::milliseconds statement_timeout_of(std::chrono::nanoseconds budget) {
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(budget);
  return std::max(ms, std::chrono::milliseconds(1));
}

Transaction::Transaction(Connection& connection, TransactionKind kind, TransactionOptions options)
    : connection_(connection), kind_(kind), options_(std::move(options)) {
  if (options_.join_open && connection_.in_transaction()) return;
  connection_.exec_simple(begin_statement(kind_), options_.limits);
  owned_ = true;
  if (options_.statement_timeout)
    connection_.exec_simple("SET LOCAL statement_timeout = " + std::to_string(options_.statement_timeout->count()),
                            options_.limits);
}

Transaction::~Transaction() {
  if (!owned_ || finished_ || !connection_.ok() || !connection_.in_transaction()) return;
  try {
    // Clean-up runs after SIGINT too, within its own short deadline.
    connection_.exec_simple("ROLLBACK", {Clock::now() + std::chrono::seconds(10), true});
  } catch (...) {
    // The connection is unusable; its owner replaces it.
  }
}

Result Transaction::exec(std::string_view sql, std::span<const Param> params) {
  return connection_.exec(sql, params, options_.limits);
}

Result Transaction::exec_simple(std::string_view sql) { return connection_.exec_simple(sql, options_.limits); }

void Transaction::commit() {
  if (kind_ != TransactionKind::kCommitOnSuccess)
    throw Error(ErrorKind::kInternal, "commit() on a transaction that must be rolled back");
  finished_ = true;
  if (owned_) connection_.exec_simple("COMMIT", options_.limits);
}

}  // namespace pgcertify::pg
