#pragma once
// Loading a DataPlan: each table in one transaction through COPY FROM STDIN (text format), rows
// generated on a producer thread into a bounded queue while this thread streams them, so memory
// stays flat however many rows are asked for.

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "datagen/data_plan.hpp"
#include "pg/connection.hpp"

namespace pgcertify::datagen {

struct TableLoad {
  std::string table;
  long long rows = 0;
  double seconds = 0;
  bool deferred = false;  // indexes and foreign keys were rebuilt after the rows
};

struct LoadOptions {
  /// For an empty table on a scratch target: drop its secondary indexes, foreign keys and (when
  /// nothing references the table) primary and unique keys, COPY, then recreate them all (keys
  /// and foreign keys validated in one pass each), inside the table's one transaction.
  bool defer_indexes = false;
  /// Progress on a terminal: rows and rows/s, redrawn in place (nullptr: none).
  std::FILE* progress = nullptr;
};

/// Generates up to `sample_rows` rows of every table without writing anything (parent keys are
/// placeholders): a CHECK no row can pass fails here, before the first table is loaded.
void rehearse(const DataPlan& plan, long long sample_rows = 200);

/// Loads the tables in order; `on_table` hears about each as it completes. A failure rolls back
/// the table being loaded and throws (tables loaded before it stay).
std::vector<TableLoad> load_data(pg::Connection& connection, const DataPlan& plan, const LoadOptions& options = {},
                                 const std::function<void(const TableLoad&)>& on_table = {});

}  // namespace pgcertify::datagen
