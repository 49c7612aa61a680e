#pragma once
// One snapshot of a database's catalog: plain data, no check logic. Check kinds compare plans
// against it; later, migrations compare two snapshots and backups inventory one.

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgcertify::catalog {

/// A schema-qualified name as the catalog spells it (no quoting).
struct QualifiedName {
  std::string schema;
  std::string name;

  /// "schema.name", quoting either part only when SQL would need it.
  std::string display() const;
  auto operator<=>(const QualifiedName&) const = default;
};

/// Privileges per grantee ("PUBLIC" for PUBLIC), each "SELECT" or "SELECT WITH GRANT OPTION",
/// sorted. An object's owner is left out while it holds exactly the default privileges.
using Grants = std::map<std::string, std::vector<std::string>>;

enum class RelationKind { kTable, kPartitionedTable, kView, kMaterializedView, kForeignTable };

/// "table", "partitioned table", "view", "materialized view", "foreign table".
std::string_view relation_kind_name(RelationKind kind);

struct Column {
  std::string name;
  int number = 0;
  std::string type;  // as format_type prints it: "character varying(255)"
  bool not_null = false;
  std::optional<std::string> default_expression;     // pg_get_expr(adbin); absent for generated columns
  std::string identity;                              // "", "always", "by default"
  std::optional<std::string> generated_expression;   // GENERATED ALWAYS AS (…) STORED
  std::string collation;                             // only when it differs from the type's default
  Grants grants;                                     // column privileges (attacl) only
  std::optional<std::string> comment;
};

enum class ConstraintKind { kPrimaryKey, kUnique, kForeignKey, kCheck, kExclusion };

struct Constraint {
  std::string name;
  ConstraintKind kind = ConstraintKind::kCheck;
  std::vector<std::string> columns;
  // Foreign keys only.
  QualifiedName references;
  std::vector<std::string> referenced_columns;
  std::string on_delete;  // "no action", "restrict", "cascade", "set null", "set default"
  std::string on_update;
  bool deferrable = false;
  bool initially_deferred = false;
  bool validated = true;
  std::string expression;  // checks: pg_get_expr(conbin, conrelid, true)
  std::string definition;  // pg_get_constraintdef
  std::string index;       // the index that backs a primary key, unique or exclusion constraint
  bool inherited = false;  // cloned from a partitioned parent
};

struct Index {
  std::string name;
  std::vector<std::string> keys;     // column names or expressions, in order
  std::vector<std::string> include;  // INCLUDE columns
  std::optional<std::string> predicate;
  bool unique = false;
  bool primary = false;
  bool valid = true;
  std::string method;      // btree, gin, gist, brin, hash, …
  std::string definition;  // pg_get_indexdef
  std::string constraint;  // the constraint it backs, or ""
};

struct Partitioning {
  std::string strategy;          // "range", "list", "hash"
  std::vector<std::string> key;  // columns or expressions
};

struct Relation {
  QualifiedName name;
  RelationKind kind = RelationKind::kTable;
  std::string persistence;  // "permanent", "unlogged", "temporary"
  std::string owner;        // the owning role (it bypasses row-level security unless forced)
  bool rls_enabled = false;
  bool rls_forced = false;
  bool from_extension = false;
  std::vector<Column> columns;  // in attnum order
  std::vector<Constraint> constraints;
  std::vector<Index> indexes;
  std::optional<Partitioning> partitioning;
  std::vector<QualifiedName> partitions;
  std::optional<QualifiedName> partition_of;
  std::string partition_bound;  // "FOR VALUES FROM (…) TO (…)"
  std::string view_definition;
  Grants grants;
  std::optional<std::string> comment;

  bool is_table() const { return kind == RelationKind::kTable || kind == RelationKind::kPartitionedTable; }
  const Column* column(std::string_view name) const;
  const Index* index(std::string_view name) const;
  const Constraint* constraint(std::string_view name) const;
  const Constraint* primary_key() const;
};

struct Function {
  QualifiedName name;
  std::string kind;            // "function", "procedure", "aggregate", "window"
  std::string argument_types;  // oidvectortypes(proargtypes): "uuid, integer"
  std::string arguments;       // pg_get_function_identity_arguments, with names
  std::string result;          // pg_get_function_result; "" for procedures
  std::string language;
  std::string volatility;  // "immutable", "stable", "volatile"
  bool strict = false;
  bool security_definer = false;
  std::vector<std::string> config;         // proconfig entries, "name=value"
  std::optional<std::string> search_path;  // from config
  bool from_extension = false;
  std::string owner;
  Grants grants;
  std::optional<std::string> comment;

  /// "schema.name(argument types)": how plans name one overload.
  std::string signature() const;
};

struct Trigger {
  QualifiedName table;
  std::string name;
  std::string timing;               // "before", "after", "instead of"
  std::vector<std::string> events;  // "insert", "update", "delete", "truncate"
  std::string level;                // "row", "statement"
  QualifiedName function;
  bool enabled = true;            // fires in ordinary sessions: tgenabled 'O' or 'A'
  std::string firing = "origin";  // "origin" (ENABLE), "always", "replica" (ENABLE REPLICA), "disabled"
  bool inherited = false;  // cloned from a partitioned parent
  std::string definition;  // pg_get_triggerdef
};

struct Sequence {
  QualifiedName name;
  std::string type;
  long long start = 1, increment = 1, min = 1, max = 0, cache = 1;
  bool cycle = false;
  std::string owned_by;  // "table.column" for serial and identity columns, else ""
  std::string owner;
  Grants grants;
};

/// A schema (pg_namespace) with its owner, privileges and comment.
struct Namespace {
  std::string name;
  std::string owner;
  Grants grants;
  std::optional<std::string> comment;
  bool from_extension = false;  // created by CREATE EXTENSION (pg_depend deptype 'e')
};

/// An enum type and its labels in sort order.
struct EnumType {
  QualifiedName name;
  std::vector<std::string> labels;
  std::string owner;
};

/// A domain: base type, NOT NULL, default and its constraints ("name: CHECK (…)").
struct Domain {
  QualifiedName name;
  std::string type;
  bool not_null = false;
  std::optional<std::string> default_expression;
  std::vector<std::string> checks;  // "constraint_name: CHECK ((VALUE > 0))", by name
  std::string owner;
};

struct Extension {
  std::string name;
  std::string version;
  std::string schema;
};

struct Role {
  std::string name;
  bool superuser = false, login = false, inherit = true, create_role = false, create_db = false;
  bool replication = false, bypass_rls = false;
  int connection_limit = -1;
  std::optional<bool> has_password;  // absent: not checked (pg_authid needs superuser)
  std::vector<std::string> member_of;
  std::vector<std::string> admin_of;  // the roles of member_of it holds WITH ADMIN OPTION
};

struct Policy {
  QualifiedName table;
  std::string name;
  std::string command;  // "all", "select", "insert", "update", "delete"
  bool permissive = true;
  std::vector<std::string> roles;  // "public" for PUBLIC
  std::optional<std::string> using_expression;
  std::optional<std::string> check_expression;
};

/// The snapshot. Lookups are by exact catalog spelling; plans are resolved before calling them.
class Catalog {
 public:
  std::vector<std::string> schemas;         // every non-system schema of the database
  std::vector<Namespace> namespaces;        // the same schemas with owners, privileges, comments
  std::vector<std::string> loaded_schemas;  // the schemas whose objects were read
  unsigned loaded_parts = 0;                // CatalogPart bits (load.hpp) read so far
  std::vector<Relation> relations;
  std::vector<Function> functions;
  std::vector<Trigger> triggers;
  std::vector<Sequence> sequences;
  std::vector<Extension> extensions;
  std::vector<Role> roles;
  std::vector<Policy> policies;
  std::vector<EnumType> enums;
  std::vector<Domain> domains;

  /// Builds the lookup indexes; call after filling the vectors.
  void build_index();

  bool has_schema(std::string_view name) const;
  const Relation* relation(const QualifiedName& name) const;
  /// Every overload of a function name.
  std::vector<const Function*> functions_named(const QualifiedName& name) const;
  const Trigger* trigger(const QualifiedName& table, std::string_view name) const;
  const Sequence* sequence(const QualifiedName& name) const;
  const Extension* extension(std::string_view name) const;
  const Role* role(std::string_view name) const;
  const Namespace* namespace_named(std::string_view name) const;
  /// The roles the objects of `schemas` name (owners, grantees, policy roles) and, through
  /// memberships, the roles those are members of and their members; never pg_* roles.
  std::set<std::string> mentioned_roles(std::span<const std::string> schemas) const;

 private:
  std::map<QualifiedName, size_t> relation_index_;
  std::multimap<QualifiedName, size_t> function_index_;
  std::map<std::pair<QualifiedName, std::string>, size_t> trigger_index_;
  std::map<QualifiedName, size_t> sequence_index_;
};

}  // namespace pgcertify::catalog
