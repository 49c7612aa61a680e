// `rls_isolation`: under row-level security, each tenant sees exactly its own rows, cannot
// write rows for another tenant, and nothing lets the tested role bypass the policies.

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
    if (auto n = options.get("key")) key_ = n->as_string("a column name");
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

    std::vector<std::string> findings = configuration_findings(context, *rel);
    auto& c = context.connection();
    const std::string key = key_ ? *key_ : primary_key(*rel);
    const std::string select = "SELECT " + c.quote_identifier(key) + "::text FROM " + c.quote_identifier(name->schema) +
                               "." + c.quote_identifier(name->name);
    Transaction tx(context, TransactionMode::kRolledBackWrite, {});
    const std::set<std::string> tenants = column_values(tx.exec(tenants_));
    long long leaked_total = 0, missing_total = 0;
    for (const auto& tenant : tenants) {
      const pg::Param tenant_param[] = {tenant};
      const std::set<std::string> expected = column_values(tx.exec(visible_, tenant_param));
      tx.exec("SAVEPOINT pgcertify_tenant");
      tx.exec("SET LOCAL ROLE " + c.quote_identifier(role_));
      const pg::Param setting[] = {setting_, tenant};
      tx.exec("SELECT set_config($1, $2, true)", setting);
      const std::set<std::string> actual = column_values(tx.exec(select));
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

  static std::string primary_key(const catalog::Relation& rel) {
    const catalog::Constraint* pk = rel.primary_key();
    return pk && pk->columns.size() == 1 ? pk->columns.front() : "ctid";
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
  std::optional<std::string> key_;
  std::optional<std::string> insert_;
  std::vector<std::string> allow_bypass_;
};
}  // namespace

CheckKind rls_isolation_kind() {
  return kind_of<RlsIsolationCheck>("rls_isolation",
                                    "each tenant sees exactly its rows under row-level security, and cannot write for another");
}

}  // namespace pgcertify::checks
