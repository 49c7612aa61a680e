#pragma once
// The transaction every check runs in: READ ONLY for reads, always rolled back for writes,
// with the check's statement_timeout, and optionally as another role with session settings.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "pg/transaction.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

/// `as_role` and `settings`, shared by the kinds that run user SQL.
struct SessionOptions {
  std::optional<std::string> as_role;
  std::vector<std::pair<std::string, std::string>> settings;

  /// Reads `as_role` and `settings` from `options` if present.
  static SessionOptions read(const plan::Node& options);
};

enum class TransactionMode { kReadOnly, kRolledBackWrite };

/// A check's pg::Transaction: READ ONLY or always rolled back, with the check's
/// statement_timeout and client deadline, `settings` and `as_role` applied inside it.
class Transaction {
 public:
  Transaction(Context& context, TransactionMode mode, const SessionOptions& session);

  pg::Result exec(std::string_view sql, std::span<const pg::Param> params = {});

 private:
  pg::Transaction tx_;
};

/// The keys SessionOptions::read understands, for a kind's check_keys list.
inline const std::vector<std::string> kSessionKeys = {"as_role", "settings"};

/// "sql: …" as one statement or a list; throws at the node when empty.
std::vector<std::string> read_statements(const plan::Node& node);

/// The server's error, with the offending part of the statement when it named a position.
std::string describe_sql_error(const Error& e);

/// First line of `sql`, shortened: a default check name.
std::string abbreviate_sql(std::string_view sql, size_t max = 60);

}  // namespace pgcertify::checks
