// Sequences, policies, extensions, roles and memberships: one query each.

#include <string>

#include "catalog/decode.hpp"
#include "catalog/load_steps.hpp"

namespace pgcertify::catalog::detail {
namespace {
std::string text(const pg::Result& r, int row, int column) { return std::string(r.value(row, column)); }
long long number(const pg::Result& r, int row, int column) { return std::stoll(text(r, row, column)); }
}  // namespace

void load_sequences(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
           s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
           (SELECT tc.relname || '.' || a.attname FROM pg_catalog.pg_depend d
            JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
            JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
              AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1)
    FROM pg_catalog.pg_sequence s
    JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ANY ($1::text[])
    ORDER BY n.nspname, c.relname)sql");
  for (int i = 0; i < r.rows(); ++i) {
    Sequence s;
    s.name = {text(r, i, 0), text(r, i, 1)};
    s.type = text(r, i, 2);
    s.start = number(r, i, 3);
    s.increment = number(r, i, 4);
    s.min = number(r, i, 5);
    s.max = number(r, i, 6);
    s.cache = number(r, i, 7);
    s.cycle = flag(r.value(i, 8));
    s.owned_by = text(r, i, 9);
    catalog.sequences.push_back(std::move(s));
  }
}

void load_policies(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive,
           (SELECT pg_catalog.json_agg(CASE WHEN u.oid = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(u.oid) END
                                       ORDER BY 1)
            FROM unnest(p.polroles) u(oid)),
           pg_catalog.pg_get_expr(p.polqual, p.polrelid, true), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid, true)
    FROM pg_catalog.pg_policy p
    JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ANY ($1::text[])
    ORDER BY n.nspname, c.relname, p.polname)sql");
  for (int i = 0; i < r.rows(); ++i) {
    Policy p;
    p.table = {text(r, i, 0), text(r, i, 1)};
    p.name = text(r, i, 2);
    p.command = policy_command_name(r.value(i, 3)[0]);
    p.permissive = flag(r.value(i, 4));
    p.roles = json_strings(r.value(i, 5));
    if (!r.is_null(i, 6)) p.using_expression = text(r, i, 6);
    if (!r.is_null(i, 7)) p.check_expression = text(r, i, 7);
    catalog.policies.push_back(std::move(p));
  }
}

void load_extensions_and_roles(Loader& loader, Catalog& catalog) {
  const pg::Result ext = loader.connection.exec(
      "SELECT e.extname, e.extversion, n.nspname FROM pg_catalog.pg_extension e "
      "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace ORDER BY e.extname",
      {}, loader.limits);
  for (int i = 0; i < ext.rows(); ++i) catalog.extensions.push_back({text(ext, i, 0), text(ext, i, 1), text(ext, i, 2)});

  const pg::Result roles = loader.connection.exec(R"sql(
    SELECT r.rolname, r.rolsuper, r.rolcanlogin, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolreplication,
           r.rolbypassrls,
           (SELECT pg_catalog.json_agg(g.rolname ORDER BY g.rolname) FROM pg_catalog.pg_auth_members m
            JOIN pg_catalog.pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid)
    FROM pg_catalog.pg_roles r WHERE r.rolname !~ '^pg_' ORDER BY r.rolname)sql",
                                                  {}, loader.limits);
  for (int i = 0; i < roles.rows(); ++i) {
    Role role;
    role.name = text(roles, i, 0);
    role.superuser = flag(roles.value(i, 1));
    role.login = flag(roles.value(i, 2));
    role.inherit = flag(roles.value(i, 3));
    role.create_role = flag(roles.value(i, 4));
    role.create_db = flag(roles.value(i, 5));
    role.replication = flag(roles.value(i, 6));
    role.bypass_rls = flag(roles.value(i, 7));
    role.member_of = json_strings(roles.value(i, 8));
    catalog.roles.push_back(std::move(role));
  }
}

}  // namespace pgcertify::catalog::detail
