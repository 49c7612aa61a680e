#pragma once
// A committing transaction: BEGIN in the constructor, COMMIT only when asked, ROLLBACK in the
// destructor otherwise (never throws). For work whose effect must stay, like a migration;
// checks use checks::Transaction, which always rolls back.

#include "pg/connection.hpp"

namespace pgcertify::pg {

class Transaction {
 public:
  explicit Transaction(Connection& connection, ExecLimits limits = {});
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// COMMIT; after it the destructor does nothing.
  void commit();

 private:
  Connection& connection_;
  ExecLimits limits_;
  bool open_ = true;
};

}  // namespace pgcertify::pg
