// Functions, procedures and triggers: one query each.

#include <string>

#include "catalog/decode.hpp"
#include "catalog/load_steps.hpp"
#include "common/strings.hpp"

namespace pgcertify::catalog::detail {
namespace {
std::string text(const pg::Result& r, int row, int column) { return std::string(r.value(row, column)); }
}  // namespace

void load_functions(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT n.nspname, p.proname, p.prokind, pg_catalog.oidvectortypes(p.proargtypes),
           pg_catalog.pg_get_function_identity_arguments(p.oid),
           CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END,
           l.lanname, p.provolatile, p.proisstrict, p.prosecdef, pg_catalog.to_json(p.proconfig),
           EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass
                   AND d.objid = p.oid AND d.deptype = 'e'),
           pg_catalog.pg_get_userbyid(p.proowner), )sql" + grants_sql("p.proacl", 'f', "p.proowner") + R"sql(,
           ds.description
    FROM pg_catalog.pg_proc p
    LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_proc'::regclass
      AND ds.objsubid = 0
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    JOIN pg_catalog.pg_language l ON l.oid = p.prolang
    WHERE n.nspname = ANY ($1::text[])
    ORDER BY n.nspname, p.proname, 4)sql");
  catalog.functions.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    Function f;
    f.name = {text(r, i, 0), text(r, i, 1)};
    f.kind = routine_kind_name(r.value(i, 2)[0]);
    f.argument_types = text(r, i, 3);
    f.arguments = text(r, i, 4);
    f.result = text(r, i, 5);
    f.language = text(r, i, 6);
    f.volatility = volatility_name(r.value(i, 7)[0]);
    f.strict = flag(r.value(i, 8));
    f.security_definer = flag(r.value(i, 9));
    if (!r.is_null(i, 10)) f.config = json_strings(r.value(i, 10));
    for (const auto& setting : f.config)
      if (starts_with_ci(setting, "search_path=")) f.search_path = setting.substr(12);
    f.from_extension = flag(r.value(i, 11));
    f.owner = text(r, i, 12);
    f.grants = decode_grants(loader, r.value(i, 13), 'f', f.owner);
    if (!r.is_null(i, 14)) f.comment = text(r, i, 14);
    catalog.functions.push_back(std::move(f));
  }
}

void load_triggers(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT n.nspname, c.relname, t.tgname, t.tgtype, fn.nspname, f.proname, t.tgenabled, t.tgparentid <> 0,
           pg_catalog.pg_get_triggerdef(t.oid)
    FROM pg_catalog.pg_trigger t
    JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid
    JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
    WHERE NOT t.tgisinternal AND n.nspname = ANY ($1::text[])
    ORDER BY n.nspname, c.relname, t.tgname)sql");
  for (int i = 0; i < r.rows(); ++i) {
    Trigger t;
    t.table = {text(r, i, 0), text(r, i, 1)};
    t.name = text(r, i, 2);
    const TriggerType type = decode_trigger_type(std::stoi(text(r, i, 3)));
    t.timing = type.timing;
    t.events = type.events;
    t.level = type.level;
    t.function = {text(r, i, 4), text(r, i, 5)};
    const std::string_view mode = r.value(i, 6);
    t.firing = mode == "A" ? "always" : mode == "R" ? "replica" : mode == "D" ? "disabled" : "origin";
    t.enabled = t.firing == "origin" || t.firing == "always";  // session_replication_role = origin
    t.inherited = flag(r.value(i, 7));
    t.definition = text(r, i, 8);
    catalog.triggers.push_back(std::move(t));
  }
}

}  // namespace pgcertify::catalog::detail
