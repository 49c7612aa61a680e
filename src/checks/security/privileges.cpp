// `privileges`: what a role may and may not do to tables, views, sequences, functions and
// schemas. `verify: catalog` asks the server's own privilege functions (ACLs, membership,
// inheritance); `verify: attempt` also tries each action as the role, and reports any
// disagreement between the two as a finding of its own.

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
    const std::vector<bool> granted = from_catalog(tx);
    std::vector<std::string> findings;
    for (size_t i = 0; i < probes_.size(); ++i) {
      const Probe& p = probes_[i];
      const std::string what = fmt::format("{} {} on {}", p.role, to_upper(p.action), p.object);
      if (granted[i] != p.expect_allowed)
        findings.push_back(fmt::format("{}: expected {}, the catalog {}", what, p.expect_allowed ? "allowed" : "denied",
                                       granted[i] ? "grants it" : "does not grant it"));
      if (!attempt_) continue;
      const auto tried = attempt(context, tx, p);
      if (!tried) continue;
      if (tried->first != p.expect_allowed)
        findings.push_back(fmt::format("{}: expected {}, the attempt was {} ({})", what,
                                       p.expect_allowed ? "allowed" : "denied", tried->first ? "allowed" : "denied",
                                       tried->second));
      if (tried->first != granted[i])
        findings.push_back(fmt::format("{}: the catalog and the attempt disagree (catalog {}, attempt {})", what,
                                       granted[i] ? "grants" : "denies", tried->first ? "allowed" : "denied"));
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
  static std::string to_upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  /// Every probe in one statement, through has_table/function/schema_privilege.
  std::vector<bool> from_catalog(Transaction& tx) const {
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
    const pg::Result r = tx.exec(
        "SELECT CASE k WHEN 'r' THEN has_table_privilege(r, o, a) WHEN 'f' THEN has_function_privilege(r, o, a) "
        "ELSE has_schema_privilege(r, o, a) END "
        "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS p(r, k, o, a, n) ORDER BY n",
        params);
    std::vector<bool> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.value(i, 0) == "t");
    return out;
  }

  /// The statement that exercises a privilege without effects; nullopt when there is none.
  std::optional<std::string> attempt_sql(Context& context, const Probe& p) const {
    auto& c = context.connection();
    if (p.kind == ObjectKind::kFunction) {
      const auto sig = catalog::parse_signature(p.object);
      if (!sig || !sig->argument_types) return std::nullopt;
      std::string args;
      for (const auto& t : *sig->argument_types) args += (args.empty() ? "NULL::" : ", NULL::") + t;
      const auto name = catalog::parse_qualified_name(sig->name, "public");
      if (!name) return std::nullopt;
      return "EXPLAIN SELECT " + c.quote_identifier(name->schema) + "." + c.quote_identifier(name->name) + "(" + args + ")";
    }
    if (p.kind == ObjectKind::kSchema)
      return p.action == "create" ? std::optional("CREATE TABLE " + c.quote_identifier(p.object) + ".pgcertify_probe ()")
                                  : std::nullopt;
    const auto name = catalog::parse_qualified_name(p.object, "public");
    const std::string table = name ? c.quote_identifier(name->schema) + "." + c.quote_identifier(name->name) : p.object;
    if (p.action == "select") return "EXPLAIN SELECT * FROM " + table;
    if (p.action == "insert") return "EXPLAIN INSERT INTO " + table + " DEFAULT VALUES";
    if (p.action == "delete") return "EXPLAIN DELETE FROM " + table;
    if (p.action == "truncate") return "TRUNCATE " + table;
    if (p.action == "update" && name) {
      const catalog::Relation* rel = context.catalog(catalog::kCatalogRelations).relation(*name);
      if (rel && !rel->columns.empty())
        return "EXPLAIN UPDATE " + table + " SET " + c.quote_identifier(rel->columns.front().name) + " = DEFAULT";
    }
    return std::nullopt;  // references, trigger: granted or not, there is nothing to try
  }

  /// (allowed, what the server said), or nullopt when the action cannot be attempted.
  std::optional<std::pair<bool, std::string>> attempt(Context& context, Transaction& tx, const Probe& p) const {
    const auto sql = attempt_sql(context, p);
    if (!sql) return std::nullopt;
    auto& c = context.connection();
    tx.exec("SAVEPOINT pgcertify_attempt");
    std::pair<bool, std::string> result{true, "allowed: " + abbreviate_sql(*sql, 80)};
    try {
      tx.exec("SET LOCAL lock_timeout = 100");
      tx.exec("SET LOCAL ROLE " + c.quote_identifier(p.role));
      tx.exec(*sql);
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
