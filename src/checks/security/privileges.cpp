// `privileges`: what a role may and may not do to tables, views, sequences, functions and
// schemas. `verify: catalog` asks the server's own privilege functions (ACLs, column grants,
// membership with INHERIT, PUBLIC, USAGE on the object's schema, CONNECT, and NOINHERIT
// memberships reachable by SET ROLE); `verify: attempt` also tries each action as the role (the
// whole object, then column by column), and reports any disagreement between the two as a
// finding of its own.

#include <fmt/format.h>

#include "catalog/identifiers.hpp"
#include "checks/registry.hpp"
#include "checks/session.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"role", "roles", "on", "schemas", "allow", "deny", "verify"};
const std::vector<std::string> kRelationActions = {"select", "insert", "update", "delete", "truncate", "references", "trigger"};
const std::vector<std::string> kSchemaActions = {"usage", "create"};

enum class ObjectKind { kRelation, kFunction, kSchema };

struct Probe {
  std::string role;
  ObjectKind kind;
  std::string object;  // as written: "t", "s.t", "f(uuid, int)", "public"
  std::string action;
  bool expect_allowed;
};

bool applies(ObjectKind kind, const std::string& action) {
  switch (kind) {
    case ObjectKind::kRelation: return std::find(kRelationActions.begin(), kRelationActions.end(), action) != kRelationActions.end();
    case ObjectKind::kFunction: return action == "execute";
    case ObjectKind::kSchema: return std::find(kSchemaActions.begin(), kSchemaActions.end(), action) != kSchemaActions.end();
  }
  return false;
}

/// Attempts run in the check's rolled-back transaction, each in a savepoint, as the role.
/// SELECT/INSERT/UPDATE/DELETE/EXECUTE are tried through EXPLAIN: the server checks every
/// privilege when it starts the executor, but nothing runs, no sequence advances and no
/// trigger fires. TRUNCATE cannot be EXPLAINed: it is really attempted, with a short
/// lock_timeout (privileges are checked before the lock, so a timeout means "allowed").
class PrivilegesCheck final : public Check {
 public:
  explicit PrivilegesCheck(const plan::Node& options) {
    options.require_map("privileges options (role, on, schemas, allow, deny, verify)");
    options.check_keys(kKeys);
    if (auto n = options.get("role")) roles_ = {n->as_string("a role name")};
    if (auto n = options.get("roles")) roles_ = n->as_string_list("a list of role names");
    if (roles_.empty()) throw options.error("'privileges' needs 'role' (or 'roles')");
    std::vector<std::pair<ObjectKind, std::string>> objects;
    if (auto n = options.get("on"))
      for (const auto& o : n->as_string_list("a list of tables, views, sequences or functions"))
        objects.emplace_back(o.find('(') != std::string::npos ? ObjectKind::kFunction : ObjectKind::kRelation, o);
    if (auto n = options.get("schemas"))
      for (const auto& s : n->as_string_list("a list of schemas")) objects.emplace_back(ObjectKind::kSchema, s);
    if (objects.empty()) throw options.error("'privileges' needs 'on' and/or 'schemas'");
    if (auto n = options.get("verify")) {
      const std::string v = n->as_string("catalog or attempt");
      if (v != "catalog" && v != "attempt") throw n->error("invalid verify '" + v + "' (expected catalog or attempt)");
      attempt_ = v == "attempt";
    }
    for (const auto& [key, allowed] : {std::pair{"allow", true}, std::pair{"deny", false}}) {
      const auto n = options.get(key);
      if (!n) continue;
      for (const auto& action_node : n->is_sequence() ? n->items() : std::vector<plan::Node>{*n}) {
        const std::string action = to_lower(action_node.as_string("an action"));
        bool used = false;
        for (const auto& [kind, object] : objects) {
          if (!applies(kind, action)) continue;
          used = true;
          for (const auto& role : roles_) probes_.push_back({role, kind, object, action, allowed});
        }
        if (!used)
          throw action_node.error("action '" + action + "' applies to none of the objects (relations: select, insert, "
                                  "update, delete, truncate, references, trigger; functions: execute; schemas: usage, create)");
      }
    }
    if (probes_.empty()) throw options.error("'privileges' needs 'allow' and/or 'deny'");
  }

  std::string default_name() const override { return "privileges of " + roles_.front(); }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kRolledBackWrite, {});
    const std::vector<CatalogAccess> granted = from_catalog(tx);
    std::vector<std::string> findings;
    for (size_t i = 0; i < probes_.size(); ++i) {
      const Probe& p = probes_[i];
      const CatalogAccess& cat = granted[i];
      const std::string what = fmt::format("{} {} on {}", p.role, to_upper(p.action), p.object);
      if (auto f = catalog_finding(p, cat)) findings.push_back(what + ": " + *f);
      if (!attempt_) continue;
      const auto tried = attempt(context, tx, p);
      if (!tried) continue;
      const bool ok = p.expect_allowed ? tried->level == Level::kAll : tried->level == Level::kNone;
      if (!ok)
        findings.push_back(fmt::format("{}: expected {}, the attempt was {} ({})", what, p.expect_allowed ? "allowed" : "denied",
                                       describe(tried->level, tried->columns, "allowed", "denied"), tried->said));
      if (tried->level != cat.effective())
        findings.push_back(fmt::format("{}: the catalog and the attempt disagree (catalog {}, attempt {})", what,
                                       describe(cat.effective(), cat.columns, "grants", "denies"),
                                       describe(tried->level, tried->columns, "allowed", "denied")));
    }
    Outcome out;
    out.measurements.push_back({"checked", std::to_string(probes_.size()), ""});
    out.measurements.push_back({"findings", std::to_string(findings.size()), "= 0"});
    if (findings.empty()) {
      out.message = fmt::format("{} privileges as expected ({})", probes_.size(), attempt_ ? "catalog and attempts" : "catalog");
      return {out};
    }
    out.status = Status::kFail;
    out.message = findings.front() + (findings.size() > 1 ? fmt::format(" (and {} more)", findings.size() - 1) : "");
    for (size_t i = 0; i < findings.size() && i < kMaxEvidence; ++i) out.evidence.push_back(findings[i]);
    return {out};
  }

 private:
  /// How much of an action a role has: none, on some columns only, or on the whole object.
  enum class Level { kNone, kSomeColumns, kAll };

  static std::string describe(Level level, const std::string& columns, const char* yes, const char* no) {
    if (level == Level::kAll) return yes;
    if (level == Level::kSomeColumns) return std::string(yes) + " on columns " + columns + " only";
    return no;
  }

  /// What the catalog says about one probe.
  struct CatalogAccess {
    bool whole = false;        // has_table/function/schema_privilege
    std::string columns;       // columns with the privilege (column grants), "a, b"
    bool every_column = false;  // every column has it: as good as the table
    std::string schema;        // the object's schema (relations, functions)
    bool usage = true;         // USAGE on that schema
    bool connect = true;       // CONNECT on this database, or the role cannot log in anyway
    std::string via_set_role;  // roles it is a NOINHERIT member of that hold the privilege

    Level level() const {
      if (whole || every_column) return Level::kAll;
      return columns.empty() ? Level::kNone : Level::kSomeColumns;
    }
    /// What the role can really do in this database: nothing without USAGE on the schema.
    Level effective() const { return usage ? level() : Level::kNone; }
  };

  static std::optional<std::string> catalog_finding(const Probe& p, const CatalogAccess& a) {
    const Level level = a.level();
    if (p.expect_allowed) {
      if (level == Level::kNone) return "expected allowed, the catalog does not grant it";
      if (level == Level::kSomeColumns) return "expected allowed, the catalog grants it on columns " + a.columns + " only";
      if (!a.usage) return "expected allowed, the catalog grants it but not USAGE on schema " + a.schema;
      if (!a.connect) return "expected allowed, the catalog grants it but the role has no CONNECT on this database";
      return std::nullopt;
    }
    if (a.usage && level == Level::kAll) return "expected denied, the catalog grants it";
    if (a.usage && level == Level::kSomeColumns) return "expected denied, the catalog grants it on columns " + a.columns;
    if (!a.via_set_role.empty())
      return "expected denied, the catalog grants it to " + a.via_set_role +
             ", which the role may SET ROLE to (a NOINHERIT membership does not stop that)";
    return std::nullopt;
  }

  static std::string to_upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  /// Every probe in one statement: has_table/function/schema_privilege, column grants
  /// (has_column_privilege), USAGE on the object's schema, CONNECT, and the roles reachable
  /// only through SET ROLE (NOINHERIT memberships) that hold the privilege.
  std::vector<CatalogAccess> from_catalog(Transaction& tx) const {
    std::string roles = "{", kinds = "{", objects = "{", actions = "{";
    auto add = [](std::string& array, const std::string& value) {
      std::string quoted = "\"";
      for (char c : value) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
      array += (array.size() > 1 ? "," : "") + quoted + "\"";
    };
    for (const auto& p : probes_) {
      add(roles, p.role);
      add(kinds, p.kind == ObjectKind::kRelation ? "r" : p.kind == ObjectKind::kFunction ? "f" : "s");
      add(objects, p.object);
      add(actions, p.action);
    }
    const pg::Param params[] = {roles + "}", kinds + "}", objects + "}", actions + "}"};
    const pg::Result r = tx.exec(R"sql(
WITH p AS (
  SELECT p.*, a IN ('select', 'insert', 'update', 'references') AND k = 'r' AS by_column,
         CASE k WHEN 'r' THEN (SELECT c.relnamespace FROM pg_catalog.pg_class c WHERE c.oid = o::regclass)
                WHEN 'f' THEN (SELECT f.pronamespace FROM pg_catalog.pg_proc f WHERE f.oid = o::regprocedure) END AS nsp
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS p(r, k, o, a, n))
SELECT CASE k WHEN 'r' THEN has_table_privilege(r, o, a) WHEN 'f' THEN has_function_privilege(r, o, a)
              ELSE has_schema_privilege(r, o, a) END,
       CASE WHEN by_column THEN
         (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_catalog.pg_attribute
          WHERE attrelid = o::regclass AND attnum > 0 AND NOT attisdropped AND has_column_privilege(r, attrelid, attnum, a)) END,
       by_column AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute WHERE attrelid = o::regclass AND attnum > 0
                                 AND NOT attisdropped AND NOT has_column_privilege(r, attrelid, attnum, a)),
       (SELECT nspname FROM pg_catalog.pg_namespace WHERE oid = nsp),
       nsp IS NULL OR has_schema_privilege(r, nsp, 'USAGE'),
       has_database_privilege(r, current_database(), 'CONNECT')
         OR NOT (SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = r),
       (SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_catalog.pg_roles g
        WHERE g.rolname <> r AND pg_has_role(r, g.oid, 'MEMBER') AND NOT pg_has_role(r, g.oid, 'USAGE')
          AND (nsp IS NULL OR has_schema_privilege(g.oid, nsp, 'USAGE'))
          AND CASE k WHEN 'r' THEN has_table_privilege(g.oid, o, a) OR (by_column AND has_any_column_privilege(g.oid, o, a))
                     WHEN 'f' THEN has_function_privilege(g.oid, o, a) ELSE has_schema_privilege(g.oid, o, a) END)
FROM p ORDER BY n)sql",
                                 params);
    std::vector<CatalogAccess> out;
    for (int i = 0; i < r.rows(); ++i) {
      CatalogAccess a;
      a.whole = r.value(i, 0) == "t";
      if (!r.is_null(i, 1)) a.columns = r.value(i, 1);
      a.every_column = r.value(i, 2) == "t";
      if (!r.is_null(i, 3)) a.schema = r.value(i, 3);
      a.usage = r.value(i, 4) == "t";
      a.connect = r.value(i, 5) == "t";
      if (!r.is_null(i, 6)) a.via_set_role = r.value(i, 6);
      out.push_back(std::move(a));
    }
    return out;
  }

  /// The statements that exercise a privilege without effects: first on the whole object,
  /// then (relations' select, insert, update) one per column; empty when there is none.
  std::vector<std::pair<std::string, std::string>> attempt_sql(Context& context, const Probe& p) const {
    auto& c = context.connection();
    if (p.kind == ObjectKind::kFunction) {
      const auto sig = catalog::parse_signature(p.object);
      if (!sig || !sig->argument_types) return {};
      std::string args;
      for (const auto& t : *sig->argument_types) args += (args.empty() ? "NULL::" : ", NULL::") + t;
      const auto name = catalog::parse_qualified_name(sig->name, "public");
      if (!name) return {};
      return {{"", "EXPLAIN SELECT " + c.quote_identifier(name->schema) + "." + c.quote_identifier(name->name) + "(" + args + ")"}};
    }
    if (p.kind == ObjectKind::kSchema) {
      if (p.action != "create") return {};
      return {{"", "CREATE TABLE " + c.quote_identifier(p.object) + ".pgcertify_probe ()"}};
    }
    const auto name = catalog::parse_qualified_name(p.object, "public");
    const std::string table = name ? c.quote_identifier(name->schema) + "." + c.quote_identifier(name->name) : p.object;
    if (p.action == "delete") return {{"", "EXPLAIN DELETE FROM " + table}};
    if (p.action == "truncate") return {{"", "TRUNCATE " + table}};
    const catalog::Relation* rel = name ? context.catalog(catalog::kCatalogRelations).relation(*name) : nullptr;
    std::vector<std::string> columns, labels;  // quoted for SQL; as a report prints them
    if (rel)
      for (const auto& col : rel->columns) {
        columns.push_back(c.quote_identifier(col.name));
        labels.push_back(catalog::quote_if_needed(col.name));
      }
    auto joined = [&](const std::string& each) {
      std::string out;
      for (const auto& col : columns) out += (out.empty() ? "" : ", ") + fmt::format(fmt::runtime(each), col);
      return out;
    };
    std::vector<std::pair<std::string, std::string>> out;
    if (p.action == "select") {
      out.push_back({"", "EXPLAIN SELECT * FROM " + table});
      for (size_t i = 0; i < columns.size(); ++i)
        out.push_back({labels[i], "EXPLAIN SELECT " + columns[i] + " FROM " + table});
    } else if (p.action == "insert") {
      out.push_back({"", columns.empty() ? "EXPLAIN INSERT INTO " + table + " DEFAULT VALUES"
                                         : "EXPLAIN INSERT INTO " + table + " (" + joined("{}") + ") VALUES (" +
                                               joined("DEFAULT") + ")"});
      for (size_t i = 0; i < columns.size(); ++i)
        out.push_back({labels[i], "EXPLAIN INSERT INTO " + table + " (" + columns[i] + ") VALUES (DEFAULT)"});
    } else if (p.action == "update" && !columns.empty()) {
      out.push_back({"", "EXPLAIN UPDATE " + table + " SET " + joined("{} = DEFAULT")});
      for (size_t i = 0; i < columns.size(); ++i)
        out.push_back({labels[i], "EXPLAIN UPDATE " + table + " SET " + columns[i] + " = DEFAULT"});
    }
    return out;  // references, trigger: granted or not, there is nothing to try
  }

  struct Attempted {
    Level level = Level::kNone;
    std::string columns;  // the columns allowed when not the whole object
    std::string said;     // what the server said, or the statement that was allowed
  };

  /// What trying says, or nullopt when the action cannot be attempted. The whole object
  /// first; when that is denied, each column (a column grant is a privilege too).
  std::optional<Attempted> attempt(Context& context, Transaction& tx, const Probe& p) const {
    const auto statements = attempt_sql(context, p);
    if (statements.empty()) return std::nullopt;
    Attempted out;
    for (const auto& [column, sql] : statements) {
      const auto [allowed, said] = try_as_role(context, tx, p.role, sql);
      if (column.empty()) {
        out.said = said;
        if (allowed) {
          out.level = Level::kAll;
          return out;
        }
        continue;
      }
      if (!allowed) continue;
      out.level = Level::kSomeColumns;
      out.columns += (out.columns.empty() ? "" : ", ") + column;
      out.said = said;
    }
    return out;
  }

  /// (allowed, what the server said) for one statement, as the role, in a savepoint.
  static std::pair<bool, std::string> try_as_role(Context& context, Transaction& tx, const std::string& role,
                                                  const std::string& sql) {
    auto& c = context.connection();
    tx.exec("SAVEPOINT pgcertify_attempt");
    std::pair<bool, std::string> result{true, "allowed: " + abbreviate_sql(sql, 80)};
    try {
      tx.exec("SET LOCAL lock_timeout = 100");
      tx.exec("SET LOCAL ROLE " + c.quote_identifier(role));
      tx.exec(sql);
    } catch (const Error& e) {
      if (e.kind != ErrorKind::kSql) throw;
      // 42501 is insufficient_privilege; a row-level-security refusal is not about grants.
      const bool denied = e.sqlstate == "42501" && std::string(e.what()).find("row-level security") == std::string::npos;
      result = {!denied, std::string(denied ? "denied: " : "allowed, then: ") + e.what()};
    }
    tx.exec("ROLLBACK TO SAVEPOINT pgcertify_attempt");
    return result;
  }

  std::vector<std::string> roles_;
  std::vector<Probe> probes_;
  bool attempt_ = false;
};
}  // namespace

CheckKind privileges_kind() {
  return kind_of<PrivilegesCheck>("privileges",
                                  "what roles may and may not do, from the catalog and (verify: attempt) by trying it, rolled back");
}

}  // namespace pgcertify::checks
