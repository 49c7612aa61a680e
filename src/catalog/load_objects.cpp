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
              AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1),
           pg_catalog.pg_get_userbyid(c.relowner), )sql" + grants_sql("c.relacl", 's', "c.relowner") + R"sql(
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
    s.owner = text(r, i, 10);
    s.grants = decode_grants(loader, r.value(i, 11), 's', s.owner);
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

  // rolpassword is readable in pg_authid only (superusers); elsewhere "not checked".
  const bool can_read_passwords =
      flag(loader.connection.exec("SELECT pg_catalog.has_table_privilege('pg_catalog.pg_authid', 'SELECT')", {}, loader.limits)
               .value(0, 0));
  const std::string password = can_read_passwords
                                   ? "(SELECT a.rolpassword IS NOT NULL FROM pg_catalog.pg_authid a WHERE a.oid = r.oid)"
                                   : "NULL::boolean";
  const pg::Result roles = loader.connection.exec(R"sql(
    SELECT r.rolname, r.rolsuper, r.rolcanlogin, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolreplication,
           r.rolbypassrls,
           (SELECT pg_catalog.json_agg(g.rolname ORDER BY g.rolname) FROM pg_catalog.pg_auth_members m
            JOIN pg_catalog.pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid),
           (SELECT pg_catalog.json_agg(g.rolname ORDER BY g.rolname) FROM pg_catalog.pg_auth_members m
            JOIN pg_catalog.pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid AND m.admin_option),
           r.rolconnlimit, )sql" + password + R"sql(
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
    role.admin_of = json_strings(roles.value(i, 9));
    role.connection_limit = std::stoi(text(roles, i, 10));
    if (!roles.is_null(i, 11)) role.has_password = flag(roles.value(i, 11));
    catalog.roles.push_back(std::move(role));
  }
}

void load_namespaces(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.connection.exec(R"sql(
    SELECT n.nspname, pg_catalog.pg_get_userbyid(n.nspowner), )sql" + grants_sql("n.nspacl", 'n', "n.nspowner") + R"sql(,
           pg_catalog.obj_description(n.oid, 'pg_namespace'),
           EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_namespace'::regclass
                   AND d.objid = n.oid AND d.deptype = 'e')
    FROM pg_catalog.pg_namespace n
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
    ORDER BY n.nspname)sql",
                                              {}, loader.limits);
  for (int i = 0; i < r.rows(); ++i) {
    Namespace n;
    n.name = text(r, i, 0);
    n.owner = text(r, i, 1);
    n.grants = decode_grants(loader, r.value(i, 2), 'n', n.owner);
    if (!r.is_null(i, 3)) n.comment = text(r, i, 3);
    n.from_extension = flag(r.value(i, 4));
    catalog.namespaces.push_back(std::move(n));
  }
}

void load_types(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT n.nspname, t.typname, t.typtype, pg_catalog.pg_get_userbyid(t.typowner),
           CASE WHEN t.typtype = 'e' THEN (SELECT pg_catalog.json_agg(e.enumlabel ORDER BY e.enumsortorder)
                                           FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) END,
           CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END,
           t.typnotnull, t.typdefault,
           (SELECT pg_catalog.json_agg(k.conname || ': ' || pg_catalog.pg_get_constraintdef(k.oid) ORDER BY k.conname)
            FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid)
    FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype IN ('e', 'd') AND n.nspname = ANY ($1::text[])
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_type'::regclass
                      AND d.objid = t.oid AND d.deptype = 'e')
    ORDER BY n.nspname, t.typname)sql");
  for (int i = 0; i < r.rows(); ++i) {
    const QualifiedName name{text(r, i, 0), text(r, i, 1)};
    if (r.value(i, 2) == "e") {
      catalog.enums.push_back({name, json_strings(r.value(i, 4)), text(r, i, 3)});
      continue;
    }
    Domain d;
    d.name = name;
    d.owner = text(r, i, 3);
    d.type = text(r, i, 5);
    d.not_null = flag(r.value(i, 6));
    if (!r.is_null(i, 7)) d.default_expression = text(r, i, 7);
    d.checks = json_strings(r.value(i, 8));
    catalog.domains.push_back(std::move(d));
  }
}

}  // namespace pgcertify::catalog::detail
