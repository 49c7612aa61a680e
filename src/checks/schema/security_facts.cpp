#include "checks/schema/security_facts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <cctype>

#include "catalog/identifiers.hpp"
#include "checks/schema/schema_options.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kPolicyKeys = {"command", "permissive", "roles", "using", "with_check"};

std::string privilege_name(const plan::Node& node) {
  std::string text = catalog::squeeze_spaces(trim(node.as_string("a privilege like SELECT")));
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (text.empty()) throw node.error("expected a privilege like SELECT, got an empty string");
  return text;
}

std::string listed(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& i : items) out += (out.size() > 1 ? ", " : "") + i;
  return out + "]";
}

std::optional<std::string> optional_expression(const plan::Node& node) {
  if (node.is_null()) return std::nullopt;
  const std::string text = trim(node.as_string("an expression"));
  if (text.empty()) throw node.error("expected an expression or null");
  return text;
}

void compare_expression(const std::string& at, std::string_view clause, const std::optional<std::optional<std::string>>& want,
                        const std::optional<std::string>& have, const Spellings& sp, std::vector<std::string>& out) {
  if (!want) return;
  const bool same = *want && have ? sp.same_expression(**want, *have) : *want == have;
  if (!same) out.push_back(fmt::format("{}{} expected {}, actual {}", at, clause, want->value_or("none"), have.value_or("none")));
}
}  // namespace

std::string quoted_or_none(const std::optional<std::string>& text) { return text ? "'" + *text + "'" : "none"; }

catalog::Grants read_grants(const plan::Node& node) {
  catalog::Grants out;
  if (node.is_null()) return out;
  node.require_map("privileges per grantee, like {app_ro: [SELECT], PUBLIC: [EXECUTE]}");
  for (const auto& [key, value] : node.entries()) {
    const std::string grantee = key.as_string("a role name or PUBLIC");
    std::vector<std::string>& privileges = out[grantee == "public" ? "PUBLIC" : grantee];
    const auto items = value.is_null() ? std::vector<plan::Node>{} : value.is_sequence() ? value.items() : std::vector{value};
    for (const auto& item : items) privileges.push_back(privilege_name(item));
    std::sort(privileges.begin(), privileges.end());
  }
  return out;
}

PostureSpec read_posture(const plan::Node& options) {
  PostureSpec spec;
  if (auto o = options.get("owner")) spec.owner = o->as_string("a role name");
  if (auto g = options.get("grants")) spec.grants = read_grants(*g);
  if (auto c = options.get("comment"))
    spec.comment = c->is_null() ? std::optional<std::string>() : std::optional(c->as_string("a comment"));
  return spec;
}

void compare_grants(const catalog::Grants& want, const catalog::Grants& have, bool exact, std::vector<std::string>& out,
                    const std::string& prefix, const std::string& owner) {
  std::set<std::string> grantees;
  for (const auto& [g, p] : want) grantees.insert(g);
  if (exact)
    for (const auto& [g, p] : have) grantees.insert(g);
  static const std::vector<std::string> kNone;
  for (const auto& grantee : grantees) {
    const auto w = want.find(grantee);
    const auto h = have.find(grantee);
    const auto& expected = w == want.end() ? kNone : w->second;
    const auto& actual = h == have.end() ? kNone : h->second;
    const bool owner_with_defaults = !owner.empty() && grantee == owner && h == have.end();
    for (const auto& p : expected)
      if (!owner_with_defaults && !std::binary_search(actual.begin(), actual.end(), p))
        out.push_back(fmt::format("{}grant {} to {}: missing (revoked)", prefix, p, grantee));
    for (const auto& p : actual)
      if (!std::binary_search(expected.begin(), expected.end(), p))
        out.push_back(fmt::format("{}grant {} to {}: not in the plan", prefix, p, grantee));
  }
}

void compare_posture(const PostureSpec& want, const std::string& owner, const catalog::Grants& grants,
                     const std::optional<std::string>& comment, bool exact, std::vector<std::string>& out,
                     const std::string& prefix) {
  if (want.owner && *want.owner != owner)
    out.push_back(fmt::format("{}owner expected {}, actual {}", prefix, *want.owner, owner));
  if (want.grants) compare_grants(*want.grants, grants, /*exact=*/true, out, prefix, owner);
  const std::optional<std::string> expected = want.comment ? *want.comment : std::nullopt;
  if ((want.comment || exact) && expected != comment)
    out.push_back(fmt::format("{}comment expected {}, actual {}", prefix, quoted_or_none(expected), quoted_or_none(comment)));
}

std::vector<PolicySpec> read_policies(const plan::Node& node) {
  std::vector<PolicySpec> out;
  if (node.is_null()) return out;
  node.require_map("policies by name, like {tenant_isolation: {command: all, roles: [app_rw], using: …}}");
  for (const auto& [key, value] : node.entries()) {
    PolicySpec p;
    p.name = read_identifier(key, "a policy name");
    if (!value.is_null()) {
      value.require_map("a policy (command, permissive, roles, using, with_check)");
      value.check_keys(kPolicyKeys);
      if (auto c = value.get("command"))
        p.command = read_choice(*c, {"all", "select", "insert", "update", "delete"}, "a policy command");
      if (auto v = value.get("permissive")) p.permissive = v->as_bool();
      if (auto r = value.get("roles")) {
        p.roles = r->as_string_list("a list of role names");
        for (auto& role : *p.roles)
          if (to_lower(role) == "public") role = "public";
        std::sort(p.roles->begin(), p.roles->end());
      }
      if (auto u = value.get("using")) p.using_expression = optional_expression(*u);
      if (auto w = value.get("with_check")) p.check_expression = optional_expression(*w);
    }
    out.push_back(std::move(p));
  }
  return out;
}

void compare_policies(const std::vector<PolicySpec>& want, const catalog::Catalog& catalog,
                      const catalog::QualifiedName& table, bool exact, const Spellings& sp,
                      std::vector<std::string>& out) {
  std::vector<const catalog::Policy*> have;
  for (const auto& p : catalog.policies)
    if (p.table == table) have.push_back(&p);
  std::set<std::string> named;
  for (const auto& w : want) {
    named.insert(w.name);
    const auto it = std::find_if(have.begin(), have.end(), [&](const auto* p) { return p->name == w.name; });
    const std::string at = "policy " + catalog::quote_if_needed(w.name) + ": ";
    if (it == have.end()) {
      out.push_back(at + "missing (dropped)");
      continue;
    }
    const catalog::Policy& h = **it;
    if (w.command && *w.command != h.command) out.push_back(at + fmt::format("command expected {}, actual {}", *w.command, h.command));
    if (w.permissive && *w.permissive != h.permissive)
      out.push_back(at + fmt::format("expected {}, actual {}", *w.permissive ? "permissive" : "restrictive",
                                     h.permissive ? "permissive" : "restrictive"));
    if (w.roles) {
      std::vector<std::string> roles = h.roles;
      std::sort(roles.begin(), roles.end());
      if (roles != *w.roles) out.push_back(at + fmt::format("roles expected {}, actual {}", listed(*w.roles), listed(roles)));
    }
    compare_expression(at, "USING", w.using_expression, h.using_expression, sp, out);
    compare_expression(at, "WITH CHECK", w.check_expression, h.check_expression, sp, out);
  }
  if (!exact) return;
  for (const auto* h : have)
    if (!named.count(h->name))
      out.push_back(fmt::format("policy {} ({}, USING {}): not in the plan", catalog::quote_if_needed(h->name), h->command,
                                h->using_expression.value_or("none")));
}

}  // namespace pgcertify::checks
