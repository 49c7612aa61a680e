#include "checks/schema/object_facts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "catalog/identifiers.hpp"
#include "checks/schema/schema_options.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
using catalog::QualifiedName;
using Lines = std::vector<std::string>;

const std::vector<std::string> kRoleKeys = {"login",     "superuser",   "createrole",       "createdb",  "bypassrls",
                                            "inherit",   "replication", "connection_limit", "has_password", "member_of"};
const std::vector<std::string> kDomainKeys = {"type", "not_null", "default", "checks", "owner"};
const std::vector<std::string> kSequenceKeys = {"type", "start", "increment", "min", "max", "cache", "cycle", "owner", "grants"};
const std::vector<std::string> kSchemaKeys = {"owner", "grants", "comment"};
const std::string kAdminSuffix = " with admin option";

std::string listed(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& i : items) out += (out.size() > 1 ? ", " : "") + i;
  return out + "]";
}

std::vector<SchemaSpec> read_schemas(const plan::Node& node) {
  std::vector<SchemaSpec> out;
  if (!node.is_map()) {
    for (const auto& name : read_identifier_list(node, "a list of schema names")) out.push_back({name, {}});
    return out;
  }
  for (const auto& [key, value] : node.entries()) {
    SchemaSpec s{read_identifier(key, "a schema name"), {}};
    if (!value.is_null()) {
      value.require_map("a schema's owner, grants and comment");
      value.check_keys(kSchemaKeys);
      s.posture = read_posture(value);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string membership(std::string text) {
  text = catalog::squeeze_spaces(trim(text));
  if (to_lower(text).ends_with(kAdminSuffix)) return text.substr(0, text.size() - kAdminSuffix.size()) + kAdminSuffix;
  return text;
}

RoleSpec read_role(const plan::Node& key, const plan::Node& value) {
  RoleSpec r;
  r.name = key.as_string("a role name");
  if (value.is_null()) return r;
  value.require_map("a role's attributes (login, superuser, createrole, createdb, bypassrls, inherit, …)");
  value.check_keys(kRoleKeys);
  const std::pair<const char*, std::optional<bool>*> flags[] = {
      {"login", &r.login},         {"superuser", &r.superuser},     {"createrole", &r.createrole},
      {"createdb", &r.createdb},   {"bypassrls", &r.bypassrls},     {"inherit", &r.inherit},
      {"replication", &r.replication}, {"has_password", &r.has_password}};
  for (const auto& [name, field] : flags)
    if (auto v = value.get(name)) *field = v->as_bool();
  if (auto c = value.get("connection_limit")) r.connection_limit = c->as_integer("a connection limit (-1: none)");
  if (auto m = value.get("member_of")) {
    r.member_of.emplace();
    if (!m->is_null())
      for (const auto& item : m->as_string_list("a list of roles (\"role with admin option\" for admin)"))
        r.member_of->push_back(membership(item));
    std::sort(r.member_of->begin(), r.member_of->end());
  }
  return r;
}

std::vector<RoleSpec> read_roles(const plan::Node& node) {
  std::vector<RoleSpec> out;
  if (!node.is_map()) {
    for (const auto& name : node.as_string_list("a list of role names")) {
      RoleSpec r;
      r.name = name;
      out.push_back(std::move(r));
    }
    return out;
  }
  for (const auto& [key, value] : node.entries()) out.push_back(read_role(key, value));
  return out;
}

DomainSpec read_domain(const QualifiedName& name, const plan::Node& value) {
  DomainSpec d;
  d.name = name;
  if (value.is_null()) return d;
  value.require_map("a domain (type, not_null, default, checks, owner)");
  value.check_keys(kDomainKeys);
  if (auto t = value.get("type")) d.type = trim(t->as_string("a type"));
  if (auto n = value.get("not_null")) d.not_null = n->as_bool();
  if (auto v = value.get("default"))
    d.default_expression = v->is_null() ? std::optional<std::string>() : std::optional(trim(v->as_string("an expression")));
  if (auto c = value.get("checks")) {
    d.checks = c->is_null() ? std::vector<std::string>{} : c->as_string_list("a list of 'name: CHECK (…)'");
    std::sort(d.checks->begin(), d.checks->end());
  }
  if (auto o = value.get("owner")) d.owner = o->as_string("a role name");
  return d;
}

SequenceSpec read_sequence(const QualifiedName& name, const plan::Node& value) {
  SequenceSpec s;
  s.name = name;
  if (value.is_null()) return s;
  value.require_map("a sequence's parameters (type, start, increment, min, max, cache, cycle, owner, grants)");
  value.check_keys(kSequenceKeys);
  if (auto t = value.get("type")) s.type = trim(t->as_string("a type"));
  const std::pair<const char*, std::optional<long long>*> numbers[] = {
      {"start", &s.start}, {"increment", &s.increment}, {"min", &s.min}, {"max", &s.max}, {"cache", &s.cache}};
  for (const auto& [key, field] : numbers)
    if (auto v = value.get(key)) *field = v->as_integer();
  if (auto c = value.get("cycle")) s.cycle = c->as_bool();
  s.posture = read_posture(value);
  return s;
}

class FactsComparison {
 public:
  FactsComparison(const ObjectFacts& facts, const catalog::Catalog& catalog, const std::vector<std::string>& scope, bool exact)
      : facts_(facts), catalog_(catalog), scope_(scope), exact_(exact) {}

  Lines run() {
    schemas();
    roles();
    enums();
    domains();
    for (const auto& s : facts_.sequences) sequence(s);
    return std::move(out_);
  }

 private:
  bool in_scope(const std::string& schema) const { return std::find(scope_.begin(), scope_.end(), schema) != scope_.end(); }

  void schemas() {
    if (!facts_.schemas) return;
    std::set<std::string> listed;
    for (const auto& want : *facts_.schemas) {
      listed.insert(want.name);
      const catalog::Namespace* have = catalog_.namespace_named(want.name);
      if (!have) {
        out_.push_back(fmt::format("schema {}: missing{}", want.name, did_you_mean(want.name, catalog_.schemas)));
        continue;
      }
      compare_posture(want.posture, have->owner, have->grants, have->comment, exact_, out_,
                      "schema " + catalog::quote_if_needed(want.name) + ": ");
    }
    if (!exact_) return;
    const std::set<std::string> unpinned(facts_.unpinned_schemas.begin(), facts_.unpinned_schemas.end());
    for (const auto& n : catalog_.namespaces)
      if (!n.from_extension && !listed.count(n.name) && !unpinned.count(n.name))
        out_.push_back(fmt::format("schema {} (owner {}): not in the plan", catalog::quote_if_needed(n.name), n.owner));
  }

  void flag(const std::string& at, std::string_view what, const std::optional<bool>& want, bool have) {
    if (want && *want != have) out_.push_back(fmt::format("{}{} expected {}, actual {}", at, what, *want, have));
  }

  void role(const RoleSpec& want, const catalog::Role& have) {
    const std::string at = "role " + want.name + ": ";
    flag(at, "login", want.login, have.login);
    flag(at, "superuser", want.superuser, have.superuser);
    flag(at, "createrole", want.createrole, have.create_role);
    flag(at, "createdb", want.createdb, have.create_db);
    flag(at, "bypassrls", want.bypassrls, have.bypass_rls);
    flag(at, "inherit", want.inherit, have.inherit);
    flag(at, "replication", want.replication, have.replication);
    if (want.connection_limit && *want.connection_limit != have.connection_limit)
      out_.push_back(fmt::format("{}connection limit expected {}, actual {}", at, *want.connection_limit, have.connection_limit));
    if (want.has_password && have.has_password && *want.has_password != *have.has_password)
      out_.push_back(fmt::format("{}password expected {}, actual {}", at, *want.has_password ? "set" : "none",
                                 *have.has_password ? "set" : "none"));
    if (!want.member_of) return;
    std::vector<std::string> actual;
    for (const auto& group : have.member_of) {
      const bool admin = std::find(have.admin_of.begin(), have.admin_of.end(), group) != have.admin_of.end();
      actual.push_back(admin ? group + kAdminSuffix : group);
    }
    std::sort(actual.begin(), actual.end());
    for (const auto& m : *want.member_of)
      if (!std::binary_search(actual.begin(), actual.end(), m)) out_.push_back(at + "member of " + m + ": missing (revoked)");
    for (const auto& m : actual)
      if (!std::binary_search(want.member_of->begin(), want.member_of->end(), m))
        out_.push_back(at + "member of " + m + ": not in the plan");
  }

  void roles() {
    if (!facts_.roles) return;
    std::set<std::string> listed;
    for (const auto& want : *facts_.roles) {
      listed.insert(want.name);
      const catalog::Role* have = catalog_.role(want.name);
      if (!have) out_.push_back(fmt::format("role {}: missing (dropped)", want.name));
      else role(want, *have);
    }
    if (!exact_) return;
    const std::set<std::string> mentioned = catalog_.mentioned_roles(scope_);
    for (const auto& r : catalog_.roles)
      if (!listed.count(r.name) && (facts_.all_roles || mentioned.count(r.name)))
        out_.push_back(fmt::format("role {}{}: not in the plan", r.name, r.login ? " (LOGIN)" : ""));
  }

  void enums() {
    if (!facts_.enums) return;
    std::set<QualifiedName> listed;
    for (const auto& want : *facts_.enums) {
      listed.insert(want.name);
      const auto it = std::find_if(catalog_.enums.begin(), catalog_.enums.end(), [&](const auto& e) { return e.name == want.name; });
      if (it == catalog_.enums.end()) out_.push_back("enum " + want.name.display() + ": missing");
      else if (it->labels != want.labels)
        out_.push_back(fmt::format("enum {}: labels expected {}, actual {}", want.name.display(), listed_labels(want.labels),
                                   listed_labels(it->labels)));
    }
    if (!exact_) return;
    for (const auto& e : catalog_.enums)
      if (in_scope(e.name.schema) && !listed.count(e.name)) out_.push_back("enum " + e.name.display() + ": not in the plan");
  }

  static std::string listed_labels(const std::vector<std::string>& labels) {
    std::vector<std::string> quoted;
    for (const auto& l : labels) quoted.push_back("'" + l + "'");
    return listed(quoted);
  }

  void domains() {
    if (!facts_.domains) return;
    std::set<QualifiedName> listed;
    for (const auto& want : *facts_.domains) {
      listed.insert(want.name);
      const auto it = std::find_if(catalog_.domains.begin(), catalog_.domains.end(), [&](const auto& d) { return d.name == want.name; });
      const std::string at = "domain " + want.name.display() + ": ";
      if (it == catalog_.domains.end()) {
        out_.push_back(at + "missing");
        continue;
      }
      if (want.type && *want.type != it->type) out_.push_back(fmt::format("{}type expected {}, actual {}", at, *want.type, it->type));
      if (want.not_null && *want.not_null != it->not_null)
        out_.push_back(fmt::format("{}not null expected {}, actual {}", at, *want.not_null, it->not_null));
      if (want.default_expression && *want.default_expression != it->default_expression)
        out_.push_back(fmt::format("{}default expected {}, actual {}", at, want.default_expression->value_or("none"),
                                   it->default_expression.value_or("none")));
      if (want.owner && *want.owner != it->owner) out_.push_back(fmt::format("{}owner expected {}, actual {}", at, *want.owner, it->owner));
      if (want.checks) {
        for (const auto& c : *want.checks)
          if (std::find(it->checks.begin(), it->checks.end(), c) == it->checks.end()) out_.push_back(at + "constraint " + c + ": missing");
        for (const auto& c : it->checks)
          if (!std::binary_search(want.checks->begin(), want.checks->end(), c)) out_.push_back(at + "constraint " + c + ": not in the plan");
      }
    }
    if (!exact_) return;
    for (const auto& d : catalog_.domains)
      if (in_scope(d.name.schema) && !listed.count(d.name)) out_.push_back("domain " + d.name.display() + ": not in the plan");
  }

  void sequence(const SequenceSpec& want) {
    const catalog::Sequence* have = catalog_.sequence(want.name);
    if (!have) return;  // named in `sequences`: reported missing there
    const std::string at = "sequence " + want.name.display() + ": ";
    if (want.type && *want.type != have->type) out_.push_back(fmt::format("{}type expected {}, actual {}", at, *want.type, have->type));
    const std::tuple<const char*, const std::optional<long long>*, long long> numbers[] = {
        {"start", &want.start, have->start}, {"increment", &want.increment, have->increment}, {"min", &want.min, have->min},
        {"max", &want.max, have->max},       {"cache", &want.cache, have->cache}};
    for (const auto& [name, expected, actual] : numbers)
      if (*expected && **expected != actual) out_.push_back(fmt::format("{}{} expected {}, actual {}", at, name, **expected, actual));
    if (want.cycle && *want.cycle != have->cycle) out_.push_back(fmt::format("{}cycle expected {}, actual {}", at, *want.cycle, have->cycle));
    compare_posture(want.posture, have->owner, have->grants, std::nullopt, false, out_, at);
  }

  const ObjectFacts& facts_;
  const catalog::Catalog& catalog_;
  const std::vector<std::string>& scope_;
  bool exact_;
  Lines out_;
};
}  // namespace

ObjectFacts read_object_facts(const plan::Node& options, const std::string& schema) {
  ObjectFacts facts;
  if (auto n = options.get("schemas")) facts.schemas = read_schemas(*n);
  if (auto n = options.get("unpinned_schemas")) facts.unpinned_schemas = read_identifier_list(*n, "a list of schema names");
  if (auto n = options.get("roles")) facts.roles = read_roles(*n);
  if (auto n = options.get("role_scope")) facts.all_roles = read_choice(*n, {"mentioned", "all"}, "a role scope") == "all";
  if (auto n = options.get("enums")) {
    n->require_map("enums by name, like {app.status: [todo, doing, done]}");
    facts.enums.emplace();
    for (const auto& [key, value] : n->entries())
      facts.enums->push_back({read_qualified_name(key, schema, "an enum type name"),
                              value.is_null() ? std::vector<std::string>{} : value.as_string_list("the labels in order")});
  }
  if (auto n = options.get("domains")) {
    n->require_map("domains by name, like {app.email: {type: text, checks: [...]}}");
    facts.domains.emplace();
    for (const auto& [key, value] : n->entries())
      facts.domains->push_back(read_domain(read_qualified_name(key, schema, "a domain name"), value));
  }
  if (auto n = options.get("sequences"); n && n->is_map())
    for (const auto& [key, value] : n->entries())
      facts.sequences.push_back(read_sequence(read_qualified_name(key, schema, "a sequence name"), value));
  return facts;
}

std::vector<std::string> compare_object_facts(const ObjectFacts& facts, const catalog::Catalog& catalog,
                                              const std::vector<std::string>& scope, bool exact) {
  return FactsComparison(facts, catalog, scope, exact).run();
}

}  // namespace pgcertify::checks
