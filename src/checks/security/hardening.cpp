// `hardening`: server settings and security facts against a baseline (seed 001's hardening):
// TLS, password hashing, connection logging, who is superuser, who can log in, who may create
// in public, SECURITY DEFINER functions without a pinned search_path, pg_hba rules that trust.

#include <fmt/format.h>

#include <map>

#include "checks/registry.hpp"
#include "checks/session.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"settings", "superusers", "login_roles", "skip"};
const std::vector<std::string> kFacts = {"settings", "passwords", "public_create", "security_definer", "superusers",
                                         "login_roles", "hba"};
const std::map<std::string, std::string> kBaseline = {
    {"ssl", "on"}, {"password_encryption", "scram-sha-256"}, {"log_connections", "on"}};

/// Reads only catalogs and settings, in a READ ONLY transaction. Facts that need a superuser
/// (password hashes, pg_hba rules, a setting's server value behind an override) are reported as
/// not checked when they cannot be read, and then the check warns rather than passes.
class HardeningCheck final : public Check {
 public:
  explicit HardeningCheck(const plan::Node& options) {
    if (!options.is_null()) {
      options.require_map("hardening options (settings, superusers, login_roles, skip)");
      options.check_keys(kKeys);
    }
    settings_ = kBaseline;
    if (!options.is_null()) read(options);
  }

  std::string default_name() const override { return "server hardening"; }

  std::vector<Outcome> run(Context& context) const override {
    Transaction tx(context, TransactionMode::kReadOnly, {});
    std::vector<std::string> findings, unchecked;
    if (wanted("settings")) check_settings(tx, findings, unchecked);
    if (wanted("passwords")) check_passwords(tx, findings, unchecked);
    if (wanted("public_create")) check_public_create(tx, findings);
    if (wanted("security_definer")) check_security_definer(context, findings);
    if (wanted("superusers")) check_roles(context, true, findings);
    if (wanted("login_roles") && login_roles_) check_roles(context, false, findings);
    if (wanted("hba")) check_hba(tx, findings, unchecked);
    Outcome out;
    out.measurements.push_back({"findings", std::to_string(findings.size()), "= 0"});
    for (const auto& f : findings)
      if (out.evidence.size() + unchecked.size() < kMaxEvidence) out.evidence.push_back(f);
    for (const auto& u : unchecked) out.evidence.push_back("not checked: " + u);
    if (findings.empty() && unchecked.empty()) {
      out.message = "hardened as the baseline asks";
      return {out};
    }
    if (findings.empty()) {
      // An unchecked rule is not a pass: say what could not be read, and as whom to run.
      out.status = Status::kWarn;
      out.message = fmt::format("no findings in what could be read, but {} not checked: {} (run as a superuser, or skip it)",
                                unchecked.size() == 1 ? "one rule was" : std::to_string(unchecked.size()) + " rules were",
                                unchecked.front());
      return {out};
    }
    out.status = Status::kFail;
    out.message = findings.front() + (findings.size() > 1 ? fmt::format(" (and {} more)", findings.size() - 1) : "");
    return {out};
  }

 private:
  void read(const plan::Node& options) {
    if (auto n = options.get("settings"))
      for (const auto& [k, v] : n->entries()) settings_[k.as_string("a setting name")] = v.as_string("a value");
    if (auto n = options.get("superusers")) superusers_ = n->as_string_list("a list of role names");
    if (auto n = options.get("login_roles")) login_roles_ = n->as_string_list("a list of role names");
    if (auto n = options.get("skip")) {
      for (const auto& item : n->is_sequence() ? n->items() : std::vector<plan::Node>{*n}) {
        const std::string fact = item.as_string("a fact name");
        if (std::find(kFacts.begin(), kFacts.end(), fact) == kFacts.end())
          throw item.error("unknown fact '" + fact + "'" + did_you_mean(fact, kFacts));
        skip_.push_back(fact);
      }
    }
  }

  bool wanted(const std::string& fact) const { return std::find(skip_.begin(), skip_.end(), fact) == skip_.end(); }

  /// "on"/"true"/"yes"/"1" read alike, as the server reads booleans.
  static std::string normalised(std::string value) {
    value = to_lower(trim(value));
    if (value == "true" || value == "yes" || value == "1") return "on";
    if (value == "false" || value == "no" || value == "0") return "off";
    return value;
  }

  /// The server's value of each setting, not this session's: a session whose role or database
  /// overrides a setting reads the configuration files (pg_file_settings) or the built-in
  /// default instead. Then every per-role and per-database override (pg_db_role_setting) that
  /// differs from the expected value is a finding of its own.
  void check_settings(Transaction& tx, std::vector<std::string>& findings, std::vector<std::string>& unchecked) const {
    const bool files_readable = tx.exec("SELECT has_table_privilege('pg_catalog.pg_file_settings', 'SELECT')").value(0, 0) == "t";
    for (const auto& [name, expected] : settings_) {
      const pg::Param p[] = {name};
      const pg::Result r = tx.exec(
          "SELECT setting, source IN ('user', 'database', 'database user', 'session', 'client'), boot_val "
          "FROM pg_catalog.pg_settings WHERE name = lower($1)",
          p);
      if (r.rows() == 0) {
        findings.push_back(fmt::format("{} is (unknown setting), expected {}", name, expected));
        continue;
      }
      std::optional<std::string> server(std::string(r.value(0, 0)));
      if (r.value(0, 1) == "t") {  // this session's value comes from a role, database or client override
        server.reset();
        if (files_readable) {
          const pg::Result f = tx.exec(
              "SELECT setting FROM pg_catalog.pg_file_settings WHERE name = lower($1) AND applied ORDER BY seqno DESC LIMIT 1", p);
          server = f.rows() > 0 ? std::string(f.value(0, 0)) : std::string(r.value(0, 2));
        } else {
          unchecked.push_back(name + "'s server value (this session's is overridden, and pg_file_settings needs a superuser)");
        }
      }
      if (server && normalised(*server) != normalised(expected))
        findings.push_back(fmt::format("{} is {}, expected {}", name, *server, expected));
      check_overrides(tx, name, expected, findings);
    }
  }

  static void check_overrides(Transaction& tx, const std::string& name, const std::string& expected,
                              std::vector<std::string>& findings) {
    const pg::Param p[] = {name};
    const pg::Result r = tx.exec(R"sql(
SELECT r.rolname, d.datname, substr(c, strpos(c, '=') + 1)
FROM pg_catalog.pg_db_role_setting s
LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
LEFT JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) AS c
WHERE lower(split_part(c, '=', 1)) = lower($1)
ORDER BY d.datname NULLS FIRST, r.rolname NULLS FIRST)sql",
                                 p);
    for (int i = 0; i < r.rows(); ++i) {
      const std::string value(r.value(i, 2));
      if (normalised(value) == normalised(expected)) continue;
      const std::string role(r.is_null(i, 0) ? "" : r.value(i, 0)), database(r.is_null(i, 1) ? "" : r.value(i, 1));
      std::string scope;
      if (!role.empty() && !database.empty())
        scope = fmt::format("for role {} in database {} (ALTER ROLE … IN DATABASE … SET)", role, database);
      else if (!role.empty())
        scope = fmt::format("for role {} (ALTER ROLE … SET)", role);
      else if (!database.empty())
        scope = fmt::format("for every role in database {} (ALTER DATABASE … SET)", database);
      else
        scope = "for every role (ALTER ROLE ALL SET)";
      findings.push_back(fmt::format("{} is {} {}, expected {}", name, value, scope, expected));
    }
  }

  void check_passwords(Transaction& tx, std::vector<std::string>& findings, std::vector<std::string>& unchecked) const {
    const pg::Result readable = tx.exec("SELECT has_table_privilege('pg_catalog.pg_authid', 'SELECT')");
    if (readable.value(0, 0) != "t") {
      unchecked.push_back("password hashes (reading pg_authid needs a superuser)");
      return;
    }
    const pg::Result r = tx.exec(
        "SELECT rolname, CASE WHEN rolpassword LIKE 'md5%' THEN 'an MD5' ELSE 'a plain-text' END FROM pg_catalog.pg_authid "
        "WHERE rolpassword IS NOT NULL AND rolpassword NOT LIKE 'SCRAM-SHA-256$%' ORDER BY 1");
    for (int i = 0; i < r.rows(); ++i)
      findings.push_back(fmt::format("role {} has {} password", r.value(i, 0), r.value(i, 1)));
  }

  static void check_public_create(Transaction& tx, std::vector<std::string>& findings) {
    const pg::Result r = tx.exec(
        "SELECT rolname FROM pg_catalog.pg_roles WHERE NOT rolsuper AND rolname NOT LIKE 'pg\\_%' "
        "AND has_schema_privilege(oid, 'public', 'CREATE') ORDER BY 1");
    for (int i = 0; i < r.rows(); ++i)
      findings.push_back(fmt::format("role {} may CREATE in schema public", r.value(i, 0)));
  }

  static void check_security_definer(Context& context, std::vector<std::string>& findings) {
    for (const auto& f : context.catalog().functions)
      if (f.security_definer && !f.from_extension && !f.search_path)
        findings.push_back("SECURITY DEFINER function " + f.signature() + " has no pinned search_path");
  }

  void check_roles(Context& context, bool superusers, std::vector<std::string>& findings) const {
    const auto& allowed = superusers ? superusers_ : *login_roles_;
    for (const auto& r : context.catalog().roles) {
      if (r.name.starts_with("pg_") || !(superusers ? r.superuser : r.login)) continue;
      if (std::find(allowed.begin(), allowed.end(), r.name) == allowed.end())
        findings.push_back(fmt::format("role {} {} but is not in the allowed list", r.name,
                                       superusers ? "is a superuser" : "can log in"));
    }
  }

  static void check_hba(Transaction& tx, std::vector<std::string>& findings, std::vector<std::string>& unchecked) {
    const pg::Result readable = tx.exec("SELECT has_function_privilege('pg_catalog.pg_hba_file_rules()', 'EXECUTE')");
    if (readable.value(0, 0) != "t") {
      unchecked.push_back("pg_hba.conf (pg_hba_file_rules needs a superuser)");
      return;
    }
    const pg::Result r = tx.exec(
        "SELECT line_number, type, array_to_string(database, ','), array_to_string(user_name, ','), "
        "coalesce(address, ''), coalesce(netmask, ''), auth_method FROM pg_catalog.pg_hba_file_rules "
        "WHERE error IS NULL AND (auth_method = 'trust' OR address IN ('all', '0.0.0.0', '::') AND "
        "coalesce(netmask, '0.0.0.0') IN ('0.0.0.0', '::')) ORDER BY line_number");
    for (int i = 0; i < r.rows(); ++i)
      findings.push_back(fmt::format("pg_hba.conf line {}: {} {} {} {} {} {}", r.value(i, 0), r.value(i, 1), r.value(i, 2),
                                     r.value(i, 3), r.value(i, 4), r.value(i, 5), r.value(i, 6)));
  }

  std::map<std::string, std::string> settings_;
  std::vector<std::string> superusers_ = {"postgres"};
  std::optional<std::vector<std::string>> login_roles_;
  std::vector<std::string> skip_;
};
}  // namespace

CheckKind hardening_kind() {
  return kind_of<HardeningCheck>("hardening",
                                 "server settings and security facts against a baseline (TLS, SCRAM, roles, pg_hba, …)");
}

}  // namespace pgcertify::checks
