#include "migrate/catalog_diff.hpp"

#include <fmt/format.h>

#include <map>

namespace pgcertify::migrate {
namespace {
using Objects = std::map<std::string, std::string>;  // "index public.t.i" -> its definition

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

/// " grants alice: SELECT, UPDATE; PUBLIC: USAGE", or "" without privileges.
std::string grants_text(const catalog::Grants& grants) {
  std::string out;
  for (const auto& [grantee, privileges] : grants) out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", grantee, join(privileges));
  return out.empty() ? "" : " grants " + out;
}

std::string comment_text(const std::optional<std::string>& comment) {
  return comment ? fmt::format(" comment '{}'", *comment) : "";
}

void add_relation(Objects& out, const catalog::Relation& r) {
  const std::string name = r.name.display();
  out[fmt::format("{} {}", catalog::relation_kind_name(r.kind), name)] =
      fmt::format("{} owner {}{}{}{}{}{}{} {}", r.persistence, r.owner, r.rls_enabled ? " rls" : "",
                  r.rls_forced ? " forced" : "",
                  r.partitioning ? fmt::format(" partition by {} ({})", r.partitioning->strategy, join(r.partitioning->key)) : "",
                  r.partition_of ? fmt::format(" partition of {} {}", r.partition_of->display(), r.partition_bound) : "",
                  grants_text(r.grants), comment_text(r.comment), r.view_definition);
  // The position among the live columns, not attnum: a column dropped and added back at the same
  // place reads the same to SELECT *; one added back at the end does not.
  int position = 0;
  for (const auto& c : r.columns)
    out["column " + name + "." + c.name] =
        fmt::format("#{} {}{}{}{}{}{}{}{}", ++position, c.type, c.collation.empty() ? "" : " COLLATE " + c.collation,
                    c.not_null ? " NOT NULL" : "", c.default_expression ? " DEFAULT " + *c.default_expression : "",
                    c.identity.empty() ? "" : " identity " + c.identity,
                    c.generated_expression ? " GENERATED " + *c.generated_expression : "", grants_text(c.grants),
                    comment_text(c.comment));
  for (const auto& k : r.constraints)
    out["constraint " + name + "." + k.name] = k.definition + (k.validated ? "" : " NOT VALID");
  for (const auto& i : r.indexes) out["index " + name + "." + i.name] = i.definition + (i.valid ? "" : " INVALID");
}

void add_types_and_schemas(Objects& out, const catalog::Catalog& c) {
  for (const auto& n : c.namespaces)
    out["schema " + n.name] = fmt::format("owner {}{}{}", n.owner, grants_text(n.grants), comment_text(n.comment));
  for (const auto& e : c.enums)
    out["enum " + e.name.display()] = fmt::format("({}) owner {}", join(e.labels), e.owner);
  for (const auto& d : c.domains)
    out["domain " + d.name.display()] =
        fmt::format("{}{}{} checks ({}) owner {}", d.type, d.not_null ? " NOT NULL" : "",
                    d.default_expression ? " DEFAULT " + *d.default_expression : "", join(d.checks), d.owner);
}

void add_roles(Objects& out, const catalog::Catalog& c) {
  for (const auto& r : c.roles)
    out["role " + r.name] =
        fmt::format("{}{}{}{}{}{}{}{}{}{}", r.login ? "login" : "nologin",
                    r.superuser ? " superuser" : "", r.inherit ? "" : " noinherit", r.create_role ? " createrole" : "",
                    r.create_db ? " createdb" : "", r.replication ? " replication" : "",
                    r.bypass_rls ? " bypassrls" : "",
                    r.connection_limit >= 0 ? fmt::format(" connection limit {}", r.connection_limit) : "",
                    r.member_of.empty() ? "" : " member of " + join(r.member_of),
                    r.admin_of.empty() ? "" : " admin of " + join(r.admin_of));
}

Objects objects_of(const catalog::Catalog& c) {
  Objects out;
  for (const auto& r : c.relations) add_relation(out, r);
  for (const auto& f : c.functions)
    out[f.kind + " " + f.signature()] = fmt::format("{} {} {}{}{} {} owner {}{}{}", f.result, f.language, f.volatility,
                                                    f.strict ? " strict" : "", f.security_definer ? " definer" : "",
                                                    join(f.config), f.owner, grants_text(f.grants),
                                                    comment_text(f.comment));
  for (const auto& t : c.triggers)
    out["trigger " + t.table.display() + "." + t.name] = t.definition + " firing " + t.firing;
  for (const auto& s : c.sequences)
    out["sequence " + s.name.display()] = fmt::format("{} start {} increment {} min {} max {} cache {}{}{} owner {}{}",
                                                      s.type, s.start, s.increment, s.min, s.max, s.cache,
                                                      s.cycle ? " cycle" : "",
                                                      s.owned_by.empty() ? "" : " owned by " + s.owned_by, s.owner,
                                                      grants_text(s.grants));
  for (const auto& e : c.extensions) out["extension " + e.name] = e.version + " in " + e.schema;
  for (const auto& p : c.policies)
    out["policy " + p.table.display() + "." + p.name] =
        fmt::format("{} {} to {} using {} check {}", p.permissive ? "permissive" : "restrictive", p.command,
                    join(p.roles), p.using_expression.value_or("-"), p.check_expression.value_or("-"));
  add_types_and_schemas(out, c);
  add_roles(out, c);
  std::erase_if(out, [](const auto& entry) { return entry.first.find("pgcertify_schema_history") != std::string::npos; });
  return out;
}
}  // namespace

std::vector<std::string> diff_catalogs(const catalog::Catalog& before, const catalog::Catalog& after) {
  const Objects a = objects_of(before), b = objects_of(after);
  std::vector<std::string> out;
  for (const auto& [id, definition] : a) {
    const auto it = b.find(id);
    if (it == b.end()) out.push_back(fmt::format("{} is gone ({})", id, definition));
    else if (it->second != definition) out.push_back(fmt::format("{} changed: {} -> {}", id, definition, it->second));
  }
  for (const auto& [id, definition] : b)
    if (!a.contains(id)) out.push_back(fmt::format("{} is left over ({})", id, definition));
  return out;
}

}  // namespace pgcertify::migrate
