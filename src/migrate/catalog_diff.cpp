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

void add_relation(Objects& out, const catalog::Relation& r) {
  const std::string name = r.name.display();
  out[fmt::format("{} {}", catalog::relation_kind_name(r.kind), name)] =
      fmt::format("{} owner {}{}{} {}", r.persistence, r.owner, r.rls_enabled ? " rls" : "", r.rls_forced ? " forced" : "",
                  r.view_definition);
  for (const auto& c : r.columns)
    out["column " + name + "." + c.name] =
        fmt::format("{}{}{}{}{}", c.type, c.not_null ? " NOT NULL" : "",
                    c.default_expression ? " DEFAULT " + *c.default_expression : "",
                    c.identity.empty() ? "" : " identity " + c.identity,
                    c.generated_expression ? " GENERATED " + *c.generated_expression : "");
  for (const auto& k : r.constraints)
    out["constraint " + name + "." + k.name] = k.definition + (k.validated ? "" : " NOT VALID");
  for (const auto& i : r.indexes) out["index " + name + "." + i.name] = i.definition + (i.valid ? "" : " INVALID");
}

Objects objects_of(const catalog::Catalog& c) {
  Objects out;
  for (const auto& r : c.relations) add_relation(out, r);
  for (const auto& f : c.functions)
    out[f.kind + " " + f.signature()] = fmt::format("{} {} {}{}{} {}", f.result, f.language, f.volatility,
                                                    f.strict ? " strict" : "", f.security_definer ? " definer" : "",
                                                    join(f.config));
  for (const auto& t : c.triggers)
    out["trigger " + t.table.display() + "." + t.name] = t.definition + (t.enabled ? "" : " disabled");
  for (const auto& s : c.sequences)
    out["sequence " + s.name.display()] = fmt::format("{} start {} increment {} min {} max {} cache {}{}", s.type,
                                                      s.start, s.increment, s.min, s.max, s.cache,
                                                      s.cycle ? " cycle" : "");
  for (const auto& e : c.extensions) out["extension " + e.name] = e.version + " in " + e.schema;
  for (const auto& p : c.policies)
    out["policy " + p.table.display() + "." + p.name] =
        fmt::format("{} {} to {} using {} check {}", p.permissive ? "permissive" : "restrictive", p.command,
                    join(p.roles), p.using_expression.value_or("-"), p.check_expression.value_or("-"));
  for (const auto& r : c.roles)
    out["role " + r.name] = fmt::format("{}{}{} member of {}", r.login ? "login" : "nologin",
                                        r.superuser ? " superuser" : "", r.bypass_rls ? " bypassrls" : "",
                                        join(r.member_of));
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
