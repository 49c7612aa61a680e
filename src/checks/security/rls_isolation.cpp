// `rls_isolation`: under row-level security, each tenant sees exactly its own rows, cannot
// write rows for another tenant, and nothing lets the tested role bypass the policies. Rows are
// identified by a unique key (the primary key by default, composite or not); every partition
// and inheritance child the role can read is tried as another way in.

#include <fmt/format.h>

#include <set>

#include "catalog/identifiers.hpp"
#include "checks/registry.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"table", "role", "setting", "tenants", "visible", "key",
                                        "insert_for_other_tenant", "allow_bypass"};

/// `:tenant` (not `::tenant`) becomes `$1`, so the tenant travels as a parameter.
std::string bind_tenant(std::string_view sql) {
  std::string out;
  for (size_t i = 0; i < sql.size(); ++i) {
    const bool marker = sql.substr(i, 7) == ":tenant" && (i == 0 || sql[i - 1] != ':') &&
                        (i + 7 >= sql.size() || !(std::isalnum(static_cast<unsigned char>(sql[i + 7])) || sql[i + 7] == '_'));
    if (marker) {
      out += "$1";
      i += 6;
    } else {
      out += sql[i];
    }
  }
  return out;
}

std::set<std::string> column_values(const pg::Result& r) {
  std::set<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.insert(r.is_null(i, 0) ? "NULL" : std::string(r.value(i, 0)));
  return out;
}

std::string first_of(const std::set<std::string>& keys, size_t n = 3) {
  std::string out;
  size_t shown = 0;
  for (const auto& k : keys) {
    if (shown++ == n) return out + fmt::format(", … ({} in all)", keys.size());
    out += (out.empty() ? "" : ", ") + k;
  }
  return out;
}

/// Reads run as the check's own user (the owner's view: every row); the tenant's view runs in
/// the same rolled-back transaction after SET LOCAL ROLE and SET LOCAL of the setting.
class RlsIsolationCheck final : public Check {
 public:
  explicit RlsIsolationCheck(const plan::Node& options) {
    options.require_map("rls_isolation options (table, role, setting, tenants, visible, key, …)");
    options.check_keys(kKeys);
    table_ = options.require("table").as_string("a table name");
    role_ = options.require("role").as_string("a role name");
    setting_ = options.require("setting").as_string("a setting name, e.g. app.current_user_id");
    tenants_ = read_statements(options.require("tenants")).front();
    visible_ = bind_tenant(read_statements(options.require("visible")).front());
    if (auto n = options.get("key")) key_ = n->is_sequence() ? n->as_string_list("a list of column names")
                                                             : std::vector<std::string>{n->as_string("a column name")};
    if (auto n = options.get("insert_for_other_tenant")) insert_ = bind_tenant(read_statements(*n).front());
    if (auto n = options.get("allow_bypass")) allow_bypass_ = n->as_string_list("a list of role names");
  }

  std::string default_name() const override { return "row-level security isolates " + table_ + " for " + role_; }

  std::vector<Outcome> run(Context& context) const override {
    const auto name = catalog::parse_qualified_name(table_, "public");
    const catalog::Relation* rel = name ? context.catalog().relation(*name) : nullptr;
    if (!rel) return {Outcome::error("table " + table_ + " does not exist")};
    const catalog::Role* role = context.catalog().role(role_);
    if (!role) return {Outcome::error("role " + role_ + " does not exist")};
    if (auto vacuous = bypasses(*rel, *role)) return {Outcome::error(*vacuous)};

    const std::vector<std::string> key = key_ ? *key_ : primary_key(*rel);
    if (key.empty())
      return {Outcome::error(table_ + " has no primary key: name `key`, the column(s) that identify a row, in the order "
                                      "`visible` returns them")};
    auto& c = context.connection();
    const std::string identity = row_identity(c, key);
    const std::string from = c.quote_identifier(name->schema) + "." + c.quote_identifier(name->name);
    Transaction tx(context, TransactionMode::kRolledBackWrite, {});
    if (auto not_unique = check_unique(tx, identity, from, key)) return {Outcome::error(*not_unique)};
    std::vector<std::string> findings = configuration_findings(context, *rel);
    const std::vector<Child> children = ways_in(tx, from, findings);
    // `visible` returns the key's columns: one is compared as text, several as a row.
    const std::string expected_sql =
        key.size() == 1 ? visible_ : "SELECT ROW(pgcertify_v.*)::text FROM (" + visible_ + ") AS pgcertify_v";
    const std::set<std::string> tenants = column_values(tx.exec(tenants_));
    long long leaked_total = 0, missing_total = 0;
    for (const auto& tenant : tenants) {
      const pg::Param tenant_param[] = {tenant};
      const std::set<std::string> expected = column_values(tx.exec(expected_sql, tenant_param));
      tx.exec("SAVEPOINT pgcertify_tenant");
      tx.exec("SET LOCAL ROLE " + c.quote_identifier(role_));
      const pg::Param setting[] = {setting_, tenant};
      tx.exec("SELECT set_config($1, $2, true)", setting);
      const std::set<std::string> actual = column_values(tx.exec("SELECT " + identity + " FROM " + from));
      std::vector<std::pair<const Child*, std::set<std::string>>> through_children;
      for (const auto& child : children)
        through_children.emplace_back(&child, column_values(tx.exec("SELECT " + identity + " FROM " + child.quoted)));
      if (insert_) try_insert(tx, tenant, tenants, findings);
      tx.exec("ROLLBACK TO SAVEPOINT pgcertify_tenant");
      std::set<std::string> leaked, missing;
      std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::inserter(leaked, leaked.end()));
      std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::inserter(missing, missing.end()));
      leaked_total += static_cast<long long>(leaked.size());
      missing_total += static_cast<long long>(missing.size());
      if (!leaked.empty())
        findings.push_back(fmt::format("tenant {} sees {} rows it must not: {}", tenant, leaked.size(), first_of(leaked)));
      if (!missing.empty())
        findings.push_back(fmt::format("tenant {} misses {} of its rows: {}", tenant, missing.size(), first_of(missing)));
      for (const auto& [child, seen] : through_children) {
        std::set<std::string> leaked_here;
        std::set_difference(seen.begin(), seen.end(), expected.begin(), expected.end(),
                            std::inserter(leaked_here, leaked_here.end()));
        if (leaked_here.empty()) continue;
        leaked_total += static_cast<long long>(leaked_here.size());
        findings.push_back(fmt::format("tenant {} sees {} rows it must not through {} {}: {}", tenant, leaked_here.size(),
                                       child->what, child->name, first_of(leaked_here)));
      }
    }
    return {judge(context, *rel, tenants.size(), leaked_total, missing_total, findings)};
  }

 private:
  /// Why the test would pass vacuously, if the role bypasses row-level security.
  std::optional<std::string> bypasses(const catalog::Relation& rel, const catalog::Role& role) const {
    if (role.superuser) return "role " + role_ + " is a superuser and bypasses row-level security: the test would pass vacuously";
    if (role.bypass_rls) return "role " + role_ + " has BYPASSRLS: the test would pass vacuously";
    if (rel.owner == role_ && !rel.rls_forced)
      return "role " + role_ + " owns " + table_ + " and RLS is not forced: the test would pass vacuously";
    return std::nullopt;
  }

  std::vector<std::string> configuration_findings(Context& context, const catalog::Relation& rel) const {
    std::vector<std::string> findings;
    if (!rel.rls_enabled) findings.push_back("row-level security is not enabled on " + table_);
    auto allowed = [&](const std::string& r) {
      return std::find(allow_bypass_.begin(), allow_bypass_.end(), r) != allow_bypass_.end();
    };
    if (!rel.rls_forced && !allowed(rel.owner))
      findings.push_back("row-level security is not forced on " + table_ + ", so its owner " + rel.owner + " bypasses it");
    for (const auto& r : context.catalog().roles)
      if (r.bypass_rls && !r.superuser && !allowed(r.name)) findings.push_back("role " + r.name + " has BYPASSRLS");
    return findings;
  }

  static std::vector<std::string> primary_key(const catalog::Relation& rel) {
    const catalog::Constraint* pk = rel.primary_key();
    return pk ? pk->columns : std::vector<std::string>{};
  }

  /// A row's identity as text: the key column, or ROW(the key columns).
  static std::string row_identity(pg::Connection& c, const std::vector<std::string>& key) {
    std::string columns;
    for (const auto& k : key) columns += (columns.empty() ? "" : ", ") + c.quote_identifier(k);
    return key.size() == 1 ? columns + "::text" : "ROW(" + columns + ")::text";
  }

  static std::string column_list(const std::vector<std::string>& key) {
    std::string out;
    for (const auto& k : key) out += (out.empty() ? "" : ", ") + k;
    return "(" + out + ")";
  }

  /// A key that several rows share would hide one tenant's row behind another's.
  std::optional<std::string> check_unique(Transaction& tx, const std::string& identity, const std::string& from,
                                          const std::vector<std::string>& key) const {
    const pg::Result r = tx.exec("SELECT count(*), count(DISTINCT " + identity + ") FROM " + from);
    if (r.value(0, 0) == r.value(0, 1)) return std::nullopt;
    return fmt::format("key {} is not unique in {} ({} rows, {} distinct): name a unique key, or leave `key` out to use "
                       "the primary key",
                       column_list(key), table_, r.value(0, 0), r.value(0, 1));
  }

  /// A partition or inheritance child the role may read directly: another way to the rows.
  struct Child {
    std::string name;    // as the server prints it
    std::string quoted;  // for SQL
    std::string what;    // "partition" or "inheritance child"
  };

  /// Every partition and inheritance child (at any depth) the role can SELECT from; one
  /// without row-level security of its own is a finding.
  std::vector<Child> ways_in(Transaction& tx, const std::string& from, std::vector<std::string>& findings) const {
    const pg::Param params[] = {from, role_};
    const pg::Result r = tx.exec(R"sql(
WITH RECURSIVE d(oid) AS (
  SELECT inhrelid FROM pg_catalog.pg_inherits WHERE inhparent = $1::regclass
  UNION ALL SELECT i.inhrelid FROM pg_catalog.pg_inherits i JOIN d ON i.inhparent = d.oid)
SELECT c.oid::regclass::text, quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relispartition, c.relrowsecurity
FROM d JOIN pg_catalog.pg_class c ON c.oid = d.oid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE has_table_privilege($2::name, c.oid, 'SELECT') ORDER BY 1)sql",
                                 params);
    std::vector<Child> out;
    for (int i = 0; i < r.rows(); ++i) {
      Child child{std::string(r.value(i, 0)), std::string(r.value(i, 1)),
                  r.value(i, 2) == "t" ? "partition" : "inheritance child"};
      if (r.value(i, 3) != "t")
        findings.push_back(fmt::format("row-level security is not enabled on {} {} of {}, which {} can read", child.what,
                                       child.name, table_, role_));
      out.push_back(std::move(child));
    }
    return out;
  }

  void try_insert(Transaction& tx, const std::string& tenant, const std::set<std::string>& tenants,
                  std::vector<std::string>& findings) const {
    for (const auto& other : tenants) {
      if (other == tenant) continue;
      tx.exec("SAVEPOINT pgcertify_insert");
      const pg::Param param[] = {other};
      try {
        tx.exec(*insert_, param);
        findings.push_back(fmt::format("tenant {} could insert a row for tenant {}", tenant, other));
      } catch (const Error& e) {
        if (e.kind != ErrorKind::kSql) throw;
        if (e.sqlstate != "42501")
          findings.push_back(fmt::format("inserting for another tenant failed for another reason: {}", e.what()));
      }
      tx.exec("ROLLBACK TO SAVEPOINT pgcertify_insert");
      return;  // one other tenant is enough per tenant
    }
  }

  Outcome judge(Context& context, const catalog::Relation& rel, size_t tenants, long long leaked, long long missing,
                const std::vector<std::string>& findings) const {
    Outcome out;
    out.measurements.push_back({"tenants", std::to_string(tenants), ">= 2"});
    out.measurements.push_back({"leaked rows", std::to_string(leaked), "= 0"});
    out.measurements.push_back({"missing rows", std::to_string(missing), "= 0"});
    std::string policies;
    for (const auto& p : context.catalog().policies)
      if (p.table == rel.name) policies += (policies.empty() ? "" : "; ") + p.name + " (" + p.command + ")";
    if (findings.empty() && tenants >= 2) {
      out.message = fmt::format("{} tenants each see exactly their rows (policies: {})", tenants, policies.empty() ? "none" : policies);
      return out;
    }
    out.status = Status::kFail;
    out.message = findings.empty() ? fmt::format("only {} tenants: isolation needs at least 2", tenants) : findings.front();
    for (size_t i = 0; i < findings.size() && out.evidence.size() < kMaxEvidence - 1; ++i) out.evidence.push_back(findings[i]);
    out.evidence.push_back("policies on " + table_ + ": " + (policies.empty() ? "none" : policies));
    return out;
  }

  std::string table_, role_, setting_, tenants_, visible_;
  std::optional<std::vector<std::string>> key_;
  std::optional<std::string> insert_;
  std::vector<std::string> allow_bypass_;
};
}  // namespace

CheckKind rls_isolation_kind() {
  return kind_of<RlsIsolationCheck>("rls_isolation",
                                    "each tenant sees exactly its rows under row-level security, and cannot write for another");
}

}  // namespace pgcertify::checks
