#pragma once
// The security posture an object carries, as the schema kinds read it from a plan and compare
// it with the catalog: owner, privileges per grantee, comment, and a table's RLS policies.
// Pure: what the server says about expressions comes in through Spellings.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "checks/schema/spellings.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

/// `owner`, `grants` and `comment` of one object (table, view, column, function, sequence, schema).
struct PostureSpec {
  std::optional<std::string> owner;
  std::optional<catalog::Grants> grants;               // every grantee; others must hold nothing
  std::optional<std::optional<std::string>> comment;  // set to nullopt: "must have none"
};

/// Reads `owner`, `grants` and `comment` from `options` when present.
PostureSpec read_posture(const plan::Node& options);
/// `{app_ro: [SELECT], PUBLIC: [EXECUTE]}`: privileges per grantee, upper-cased and sorted.
catalog::Grants read_grants(const plan::Node& node);

/// Appends one line per difference: "owner expected a, actual b", "grant SELECT to app_ro:
/// missing", "grant EXECUTE to PUBLIC: not in the plan", "comment expected …, actual …".
/// Listed grants are the complete list: a grantee the plan does not name must hold nothing.
/// With `exact`, a comment the plan does not mention must not exist.
void compare_posture(const PostureSpec& want, const std::string& owner, const catalog::Grants& grants,
                     const std::optional<std::string>& comment, bool exact, std::vector<std::string>& out,
                     const std::string& prefix = "");
/// `owner`: the object's owner now. The catalog leaves out an owner's default privileges, so
/// a pinned grant to a role that has since become the owner is held, not "missing".
void compare_grants(const catalog::Grants& want, const catalog::Grants& have, bool exact,
                    std::vector<std::string>& out, const std::string& prefix = "", const std::string& owner = "");

struct PolicySpec {
  std::string name;
  std::optional<std::string> command;  // "all", "select", …
  std::optional<bool> permissive;
  std::optional<std::vector<std::string>> roles;                      // "public" for PUBLIC
  std::optional<std::optional<std::string>> using_expression, check_expression;  // nullopt: none
};

/// `policies: {name: {command, permissive, roles, using, with_check}}`.
std::vector<PolicySpec> read_policies(const plan::Node& node);
/// The policies of `table` against the plan's; with `exact`, no others.
void compare_policies(const std::vector<PolicySpec>& want, const catalog::Catalog& catalog,
                      const catalog::QualifiedName& table, bool exact, const Spellings& sp,
                      std::vector<std::string>& out);

/// "'text'" for messages, or "none".
std::string quoted_or_none(const std::optional<std::string>& text);

}  // namespace pgcertify::checks
