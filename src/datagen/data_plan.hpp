#pragma once
// What `setup.data` / `pgcertify generate` will do, decided before a row is written: for each
// table, in foreign-key order, each column's generator and why, the keys to keep unique and the
// CHECKs each row must pass. Everything that cannot work is reported here, before loading.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "datagen/binary_format.hpp"
#include "datagen/check_expression.hpp"
#include "datagen/column_type.hpp"
#include "datagen/generator_spec.hpp"
#include "plan/model.hpp"

namespace pgcertify::datagen {

struct ColumnPlan {
  std::string name;
  ColumnType type;
  GeneratorSpec spec;
  bool omitted = false;  // the server fills it (identity, serial, generated): left out of COPY
  bool not_null = false;
  int foreign_key = -1;  // index into TablePlan::foreign_keys when a foreign key fills it
  BinaryFormat binary = BinaryFormat::kNone;  // set by choose_copy_formats
};

/// A foreign key filled at row level: one parent row's key tuple per child row.
struct ForeignKeyPlan {
  std::string constraint;
  std::vector<size_t> columns;  // indexes into TablePlan::columns
  catalog::QualifiedName parent;
  std::vector<std::string> parent_columns;
};

struct UniquePlan {
  std::string constraint;
  std::vector<size_t> columns;
};

struct CheckPlan {
  std::string constraint;
  CheckExpression expression;
};

struct TablePlan {
  catalog::QualifiedName name;
  long long rows = 0;
  std::vector<ColumnPlan> columns;
  std::vector<ForeignKeyPlan> foreign_keys;
  std::vector<UniquePlan> uniques;  // those that need bookkeeping (not covered by an inherently unique generator)
  std::vector<CheckPlan> checks;
  /// COPY … (FORMAT binary) when every column encodes (choose_copy_formats); else text COPY.
  bool binary_copy = false;
  std::string text_copy_reason;  // why not binary, for --dry-run
  /// What a deferred load drops and rebuilds (pg_restore's order): secondary indexes and this
  /// table's foreign keys, as the catalog prints them. Empty for partitioned tables.
  std::vector<std::pair<std::string, std::string>> secondary_indexes;  // name, CREATE INDEX …
  std::vector<std::pair<std::string, std::string>> foreign_key_definitions;  // name, FOREIGN KEY …
  /// Enabled user triggers that fire on INSERT (they may overwrite generated values).
  std::vector<std::string> insert_triggers;
  /// Primary key and unique constraints, when no foreign key anywhere references this table.
  std::vector<std::pair<std::string, std::string>> key_definitions;  // name, PRIMARY KEY (…) / UNIQUE (…)
};

struct DataPlan {
  unsigned long long seed = 0;
  bool skip_triggers = false;       // setup.data.triggers: skip
  double now = 0;                   // "now" for between: the start of the current UTC day (stable within a day)
  std::vector<TablePlan> tables;    // in load order (parents first)
  std::vector<std::string> notes;   // cycles broken, self-references filled with NULL, …
};

/// Overrides from the command line.
struct DataOverrides {
  std::optional<std::string> table;  // only this table (its parents must already have rows)
  std::optional<long long> rows;     // rows for every table
};

/// Resolves the plan's tables against the catalog and chooses every generator. Throws
/// Error(kPlan) naming table.column and the constraint when something cannot be satisfied.
DataPlan plan_data(const catalog::Catalog& catalog, const plan::DataSetup& setup, const DataOverrides& overrides, double now);

/// The default generator for a column with nothing in the plan; `why` says what decided it.
/// Throws Error(kPlan) when no default can satisfy it.
GeneratorSpec default_generator(const catalog::Relation& table, const catalog::Column& column, const ColumnType& type,
                                const ColumnHints* hints, bool unique, long long rows);

/// Start of the current UTC day, in epoch seconds.
double today_utc();

}  // namespace pgcertify::datagen
