#include "checks/row_visibility.hpp"

#include <fmt/format.h>

namespace pgcertify::checks {

std::optional<std::string> rows_hidden_by_rls(Transaction& tx, std::string_view quoted_table, std::string_view display) {
  const pg::Param table[] = {std::string(quoted_table)};
  // The same test the server makes (check_enable_rls): RLS on the table, and the user neither
  // superuser, nor BYPASSRLS, nor the owner (with the owner's privileges) of an unforced table.
  const pg::Result r = tx.exec(R"sql(
SELECT c.relrowsecurity AND NOT u.rolsuper AND NOT u.rolbypassrls
         AND (c.relforcerowsecurity OR NOT pg_has_role(current_user, c.relowner, 'USAGE')),
       current_user, c.reltuples::bigint,
       (SELECT string_agg(quote_ident(polname), ', ' ORDER BY polname) FROM pg_catalog.pg_policy WHERE polrelid = c.oid),
       (SELECT count(*) FROM pg_catalog.pg_policy WHERE polrelid = c.oid)
FROM pg_catalog.pg_class c, pg_catalog.pg_roles u WHERE c.oid = $1::regclass AND u.rolname = current_user)sql",
                               table);
  if (r.rows() == 0 || r.value(0, 0) != "t") return std::nullopt;
  const std::string visible(tx.exec("SELECT count(*) FROM " + std::string(quoted_table)).value(0, 0));
  const long long estimate = std::stoll(std::string(r.value(0, 2)));
  const std::string of = estimate < 0 ? "an unknown number (never analyzed)" : fmt::format("about {}", estimate);
  const std::string policies = r.is_null(0, 3)           ? "no policy: every row is hidden"
                               : r.value(0, 4) == "1" ? "policy " + std::string(r.value(0, 3))
                                                        : "policies " + std::string(r.value(0, 3));
  return fmt::format("user {} sees {} of {} rows of {} because of row-level security ({}); connect as a role with "
                     "BYPASSRLS or the table's owner",
                     r.value(0, 1), visible, of, display, policies);
}

}  // namespace pgcertify::checks
