#include "pg/transaction.hpp"

namespace pgcertify::pg {

Transaction::Transaction(Connection& connection, ExecLimits limits) : connection_(connection), limits_(limits) {
  connection_.exec_simple("BEGIN", limits_);
}

Transaction::~Transaction() {
  if (!open_ || !connection_.ok() || !connection_.in_transaction()) return;
  try {
    connection_.exec_simple("ROLLBACK", {Clock::now() + std::chrono::seconds(10), true});
  } catch (...) {
    // The connection is unusable; its owner finds out on the next statement.
  }
}

void Transaction::commit() {
  open_ = false;
  connection_.exec_simple("COMMIT", limits_);
}

}  // namespace pgcertify::pg
