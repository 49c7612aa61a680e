#pragma once
// Whether row-level security hides rows of a table from the role a check reads it as. A data
// check that counts what it can see would otherwise pass on "0 of 0 rows" while the table
// holds the very rows it forbids (issue 27).

#include <optional>
#include <string>
#include <string_view>

#include "checks/session.hpp"

namespace pgcertify::checks {

/// nullopt when the transaction's current user sees every row of `quoted_table` (an SQL name,
/// quoted as needed: `"s"."t"`): no row-level security on it, or the user is a superuser, has
/// BYPASSRLS, or owns it (through membership) while RLS is not forced. Otherwise the reason,
/// with how many rows the user sees against the planner's estimate of all of them:
/// "user x sees 0 of about 3 rows of t because of row-level security (policy p); connect as a
/// role with BYPASSRLS or the table's owner". `display` names the table in that sentence.
/// Costs one catalog query; the visible rows are counted only when RLS applies.
std::optional<std::string> rows_hidden_by_rls(Transaction& tx, std::string_view quoted_table, std::string_view display);

}  // namespace pgcertify::checks
