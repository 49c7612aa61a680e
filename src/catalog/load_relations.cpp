// Tables, views and their columns, constraints and indexes: four queries for the whole database.

#include <optional>
#include <string>

#include "catalog/decode.hpp"
#include "catalog/load_steps.hpp"

namespace pgcertify::catalog::detail {
namespace {
RelationKind relation_kind(char relkind) {
  switch (relkind) {
    case 'p': return RelationKind::kPartitionedTable;
    case 'v': return RelationKind::kView;
    case 'm': return RelationKind::kMaterializedView;
    case 'f': return RelationKind::kForeignTable;
    default: return RelationKind::kTable;
  }
}

std::string persistence_name(char code) {
  return code == 'u' ? "unlogged" : code == 't' ? "temporary" : "permanent";
}

std::string text(const pg::Result& r, int row, int column) { return std::string(r.value(row, column)); }

Relation* relation_at(Loader& loader, Catalog& catalog, std::string_view oid) {
  const auto it = loader.relation_of.find(std::string(oid));
  return it == loader.relation_of.end() ? nullptr : &catalog.relations[it->second];
}
}  // namespace

void load_relations(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,
           CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,
           CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END,
           EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
                   AND d.objid = c.oid AND d.deptype = 'e'),
           pn.nspname, p.relname,
           CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END,
           pg_catalog.pg_get_userbyid(c.relowner)
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
    LEFT JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
    LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY ($1::text[])
    ORDER BY n.nspname, c.relname)sql");
  catalog.relations.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    Relation rel;
    rel.name = {text(r, i, 1), text(r, i, 2)};
    rel.kind = relation_kind(r.value(i, 3)[0]);
    rel.persistence = persistence_name(r.value(i, 4)[0]);
    rel.rls_enabled = flag(r.value(i, 5));
    rel.rls_forced = flag(r.value(i, 6));
    if (!r.is_null(i, 7)) rel.partitioning = parse_partition_key(r.value(i, 7));
    rel.view_definition = text(r, i, 8);
    rel.from_extension = flag(r.value(i, 9));
    if (!r.is_null(i, 11)) rel.partition_of = QualifiedName{text(r, i, 10), text(r, i, 11)};
    rel.partition_bound = text(r, i, 12);
    rel.owner = text(r, i, 13);
    loader.relation_of[text(r, i, 0)] = catalog.relations.size();
    catalog.relations.push_back(std::move(rel));
  }
  // Partitions are listed on their parent (when the parent was loaded too).
  std::map<QualifiedName, size_t> by_name;
  for (size_t i = 0; i < catalog.relations.size(); ++i) by_name[catalog.relations[i].name] = i;
  for (const auto& rel : catalog.relations) {
    if (!rel.partition_of) continue;
    const auto parent = by_name.find(*rel.partition_of);
    if (parent != by_name.end()) catalog.relations[parent->second].partitions.push_back(rel.name);
  }
}

void load_columns(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT a.attrelid, a.attname, a.attnum, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
           CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
           a.attidentity,
           CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
           CASE WHEN a.attcollation <> t.typcollation THEN co.collname END
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND n.nspname = ANY ($1::text[])
    ORDER BY a.attrelid, a.attnum)sql");
  for (int i = 0; i < r.rows(); ++i) {
    Relation* rel = relation_at(loader, catalog, r.value(i, 0));
    if (!rel) continue;
    Column col;
    col.name = text(r, i, 1);
    col.number = std::stoi(text(r, i, 2));
    col.type = text(r, i, 3);
    col.not_null = flag(r.value(i, 4));
    if (!r.is_null(i, 5)) col.default_expression = text(r, i, 5);
    const char identity = r.value(i, 6).empty() ? '\0' : r.value(i, 6)[0];
    col.identity = identity == 'a' ? "always" : identity == 'd' ? "by default" : "";
    if (!r.is_null(i, 7)) col.generated_expression = text(r, i, 7);
    col.collation = text(r, i, 8);
    rel->columns.push_back(std::move(col));
  }
}

void load_constraints(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT k.conrelid, k.conname, k.contype,
           (SELECT pg_catalog.json_agg(a.attname ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum),
           rn.nspname, rc.relname,
           (SELECT pg_catalog.json_agg(a.attname ORDER BY u.ord) FROM unnest(k.confkey) WITH ORDINALITY u(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum),
           k.confdeltype, k.confupdtype, k.condeferrable, k.condeferred, k.convalidated,
           CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin, k.conrelid, true) END,
           pg_catalog.pg_get_constraintdef(k.oid), ic.relname, k.conparentid <> 0
    FROM pg_catalog.pg_constraint k
    JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid
    LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
    LEFT JOIN pg_catalog.pg_class ic ON ic.oid = k.conindid AND k.contype IN ('p', 'u', 'x')
    WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND n.nspname = ANY ($1::text[])
    ORDER BY k.conrelid, k.conname)sql");
  for (int i = 0; i < r.rows(); ++i) {
    Relation* rel = relation_at(loader, catalog, r.value(i, 0));
    if (!rel) continue;
    Constraint con;
    con.name = text(r, i, 1);
    const char type = r.value(i, 2)[0];
    con.kind = type == 'p'   ? ConstraintKind::kPrimaryKey
               : type == 'u' ? ConstraintKind::kUnique
               : type == 'f' ? ConstraintKind::kForeignKey
               : type == 'x' ? ConstraintKind::kExclusion
                             : ConstraintKind::kCheck;
    con.columns = json_strings(r.value(i, 3));
    if (con.kind == ConstraintKind::kForeignKey) {
      con.references = {text(r, i, 4), text(r, i, 5)};
      con.referenced_columns = json_strings(r.value(i, 6));
      con.on_delete = foreign_key_action(r.value(i, 7)[0]);
      con.on_update = foreign_key_action(r.value(i, 8)[0]);
    }
    con.deferrable = flag(r.value(i, 9));
    con.initially_deferred = flag(r.value(i, 10));
    con.validated = flag(r.value(i, 11));
    con.expression = text(r, i, 12);
    con.definition = text(r, i, 13);
    con.index = text(r, i, 14);
    con.inherited = flag(r.value(i, 15));
    rel->constraints.push_back(std::move(con));
  }
}

void load_indexes(Loader& loader, Catalog& catalog) {
  const pg::Result r = loader.query(R"sql(
    SELECT x.indrelid, i.relname, am.amname, x.indisunique, x.indisprimary, x.indisvalid AND x.indisready AND x.indislive,
           (SELECT pg_catalog.json_agg(pg_catalog.pg_get_indexdef(x.indexrelid, k, true) ORDER BY k)
            FROM generate_series(1, x.indnkeyatts) k),
           (SELECT pg_catalog.json_agg(pg_catalog.pg_get_indexdef(x.indexrelid, k, true) ORDER BY k)
            FROM generate_series(x.indnkeyatts + 1, x.indnatts) k),
           pg_catalog.pg_get_expr(x.indpred, x.indrelid, true),
           pg_catalog.pg_get_indexdef(x.indexrelid),
           (SELECT k.conname FROM pg_catalog.pg_constraint k WHERE k.conindid = x.indexrelid
              AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_am am ON am.oid = i.relam
    WHERE n.nspname = ANY ($1::text[])
    ORDER BY x.indrelid, i.relname)sql");
  for (int i = 0; i < r.rows(); ++i) {
    Relation* rel = relation_at(loader, catalog, r.value(i, 0));
    if (!rel) continue;
    Index index;
    index.name = text(r, i, 1);
    index.method = text(r, i, 2);
    index.unique = flag(r.value(i, 3));
    index.primary = flag(r.value(i, 4));
    index.valid = flag(r.value(i, 5));
    index.keys = json_strings(r.value(i, 6));
    index.include = json_strings(r.value(i, 7));
    if (!r.is_null(i, 8)) index.predicate = text(r, i, 8);
    index.definition = text(r, i, 9);
    index.constraint = text(r, i, 10);
    rel->indexes.push_back(std::move(index));
  }
}

void load_relation_posture(Loader& loader, Catalog& catalog) {
  // Relations (objsubid 0) and their columns in one query: privileges and comments.
  const pg::Result r = loader.query(R"sql(
    SELECT n.nspname, c.relname, 0, pg_catalog.pg_get_userbyid(c.relowner),
           )sql" + grants_sql("c.relacl", 'r', "c.relowner") + R"sql(, ds.description
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass
      AND ds.objsubid = 0
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY ($1::text[])
    UNION ALL
    SELECT n.nspname, c.relname, a.attnum, a.attname, )sql" + grants_sql("a.attacl") + R"sql(, ds.description
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass
      AND ds.objsubid = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND (a.attacl IS NOT NULL OR ds.description IS NOT NULL)
      AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY ($1::text[]))sql");
  for (int i = 0; i < r.rows(); ++i) {
    const Relation* found = catalog.relation({text(r, i, 0), text(r, i, 1)});
    if (!found) continue;
    Relation* rel = &catalog.relations[static_cast<size_t>(found - catalog.relations.data())];
    std::optional<std::string> comment;
    if (!r.is_null(i, 5)) comment = text(r, i, 5);
    if (r.value(i, 2) == "0") {
      rel->grants = decode_grants(loader, r.value(i, 4), 'r', text(r, i, 3));
      rel->comment = std::move(comment);
      continue;
    }
    for (auto& col : rel->columns)
      if (col.name == r.value(i, 3)) {
        col.grants = decode_grants(loader, r.value(i, 4));
        col.comment = std::move(comment);
      }
  }
}

}  // namespace pgcertify::catalog::detail
