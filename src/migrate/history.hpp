#pragma once
// The history table, `pgcertify_schema_history` (Flyway's flyway_schema_history, with a text
// checksum): one row per applied migration, baseline or repeatable run.

#include <optional>
#include <string>
#include <vector>

#include "pg/connection.hpp"

namespace pgcertify::migrate {

struct HistoryRow {
  long long rank = 0;      // installed_rank
  std::string version;     // "" for a repeatable
  std::string description;
  std::string type;        // SQL, SQL_NO_TX, REPEATABLE, BASELINE
  std::string script;
  std::string checksum;
  std::string installed_by;
  std::string installed_on;
  long long execution_ms = 0;
  bool success = false;
};

struct NewHistoryRow {
  std::string version;
  std::string description;
  std::string type;
  std::string script;
  std::string checksum;
  long long execution_ms = 0;
  bool success = true;
};

class History {
 public:
  /// `schema` holds the table (default public); nothing is read or created until asked.
  History(pg::Connection& connection, std::string schema);

  /// "public.pgcertify_schema_history", quoted.
  const std::string& table() const { return table_; }
  /// "public.pgcertify_schema_history", quoted only where SQL needs it: for messages.
  const std::string& display() const { return display_; }
  bool exists();
  void create_if_missing();
  /// Every row, in installed order; empty when the table does not exist.
  std::vector<HistoryRow> rows();
  /// `limits`: a failed row recorded after SIGINT must not be cancelled by it.
  void insert(const NewHistoryRow& row, pg::ExecLimits limits = {});
  /// Removes the rows of `version` (an undone migration).
  void remove_version(const std::string& version);
  /// Removes failed rows (repair); returns how many.
  long remove_failed();
  void update_checksum(long long rank, const std::string& checksum, const std::string& description);

 private:
  pg::Connection& connection_;
  std::string schema_;
  std::string table_;
  std::string display_;
};

}  // namespace pgcertify::migrate
