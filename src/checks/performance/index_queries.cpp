#include "checks/performance/index_queries.hpp"

namespace pgcertify::checks {
namespace {

/// Every query below returns: object, table, bytes, pretty size, value (a percentage or NULL),
/// detail. $1 is the oid[] of the tables in scope. Table names are shown as regclass prints
/// them: bare when on the search_path, schema-qualified otherwise.

/// Indexes never scanned since the statistics were reset. Not reported: indexes that enforce
/// something (unique, primary key, exclusion, any constraint's index) and indexes that lead
/// with a foreign key's columns, which serve that key's checks when parent rows go away.
constexpr const char* kUnusedSql = R"(
SELECT i.relname, x.indrelid::regclass::text, pg_relation_size(i.oid), pg_size_pretty(pg_relation_size(i.oid)),
       NULL::float8,
       s.idx_scan || ' scans since ' ||
         coalesce(to_char(d.stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'statistics began')
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_stat_user_indexes s ON s.indexrelid = x.indexrelid
LEFT JOIN pg_stat_database d ON d.datname = current_database()
WHERE x.indrelid = ANY ($1::oid[]) AND s.idx_scan = 0
  AND NOT (x.indisunique OR x.indisprimary OR x.indisexclusion)
  AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = x.indexrelid)
  AND NOT EXISTS (SELECT FROM pg_constraint k
                  WHERE k.contype = 'f' AND k.conrelid = x.indrelid AND x.indnkeyatts >= cardinality(k.conkey)
                    AND (x.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey)
ORDER BY 2, 1)";

/// Indexes that are the same index twice: method, columns or expressions, INCLUDE columns,
/// operator classes, collations, sort options and predicate. The one kept is the primary key,
/// else a constraint's index, else a unique one, else the oldest; the others are reported.
constexpr const char* kDuplicateSql = R"(
WITH ix AS (
  SELECT x.indexrelid, x.indrelid, i.relname, i.relam, x.indkey::text AS keys, x.indnkeyatts,
         x.indclass::text AS classes, x.indcollation::text AS collations, x.indoption::text AS options,
         coalesce(pg_get_expr(x.indexprs, x.indrelid), '') AS expressions,
         coalesce(pg_get_expr(x.indpred, x.indrelid), '') AS predicate,
         x.indisprimary, x.indisunique,
         EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid) AS constraint_index,
         substring(pg_get_indexdef(x.indexrelid) FROM ' USING (.*)$') AS definition
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
  WHERE x.indrelid = ANY ($1::oid[]) AND x.indisvalid
), ranked AS (
  SELECT ix.*, row_number() OVER same AS n, first_value(relname) OVER same AS kept
  FROM ix
  WINDOW same AS (PARTITION BY indrelid, relam, keys, indnkeyatts, classes, collations, options, expressions, predicate
                  ORDER BY indisprimary DESC, constraint_index DESC, indisunique DESC, indexrelid)
)
SELECT relname, indrelid::regclass::text, pg_relation_size(indexrelid), pg_size_pretty(pg_relation_size(indexrelid)),
       NULL::float8, 'same as ' || kept || ': ' || definition
FROM ranked WHERE n > 1
ORDER BY 2, 1)";

/// Non-unique btree indexes whose key columns lead another btree index on the same table with
/// the same operator classes, collations and sort options (plain columns, no predicates). An
/// index with INCLUDE columns is never the redundant one; the covering index named is the
/// shortest.
constexpr const char* kRedundantSql = R"(
WITH ix AS (
  SELECT x.indexrelid, x.indrelid, i.relname, x.indisunique, x.indnkeyatts AS nkeys, x.indnatts AS natts,
         (x.indkey::int2[])[0:x.indnkeyatts - 1] AS keys,
         (x.indclass::oid[])[0:x.indnkeyatts - 1] AS classes,
         (x.indcollation::oid[])[0:x.indnkeyatts - 1] AS collations,
         (x.indoption::int2[])[0:x.indnkeyatts - 1] AS options,
         substring(pg_get_indexdef(x.indexrelid) FROM ' USING (.*)$') AS definition
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_am am ON am.oid = i.relam
  WHERE x.indrelid = ANY ($1::oid[]) AND x.indisvalid AND am.amname = 'btree'
    AND x.indexprs IS NULL AND x.indpred IS NULL
), redundant AS (
  SELECT DISTINCT ON (a.indexrelid) a.relname, a.indrelid, a.indexrelid,
         a.definition || ' is a prefix of ' || b.relname || ': ' || b.definition AS detail
  FROM ix a
  JOIN ix b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
  WHERE NOT a.indisunique AND a.natts = a.nkeys AND a.nkeys <= b.nkeys
    AND NOT (a.nkeys = b.nkeys AND b.natts = b.nkeys)
    AND b.keys[1:a.nkeys] = a.keys AND b.classes[1:a.nkeys] = a.classes
    AND b.collations[1:a.nkeys] = a.collations AND b.options[1:a.nkeys] = a.options
  ORDER BY a.indexrelid, b.nkeys, b.relname
)
SELECT relname, indrelid::regclass::text, pg_relation_size(indexrelid), pg_size_pretty(pg_relation_size(indexrelid)),
       NULL::float8, detail
FROM redundant
ORDER BY 2, 1)";

/// Foreign keys whose columns (in any order) are not the leading key columns of a valid,
/// non-partial index on the referencing table: deleting or updating a parent row then scans it.
constexpr const char* kFkWithoutIndexSql = R"(
SELECT k.conname, k.conrelid::regclass::text, pg_relation_size(k.conrelid), pg_size_pretty(pg_relation_size(k.conrelid)),
       NULL::float8,
       '(' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY u.n)
               FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, n)
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum)
         || ') references ' || k.confrelid::regclass::text || ': no index leads with these columns'
FROM pg_constraint k
WHERE k.contype = 'f' AND k.conrelid = ANY ($1::oid[])
  AND NOT EXISTS (SELECT FROM pg_index x
                  WHERE x.indrelid = k.conrelid AND x.indisvalid AND x.indpred IS NULL
                    AND x.indnkeyatts >= cardinality(k.conkey)
                    AND (x.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey)
ORDER BY 2, 1)";

/// Estimated btree bloat, without extensions: the pages the index would need for `reltuples`
/// leaf tuples at its fillfactor, against `relpages` (both as of the last VACUUM/ANALYZE).
/// A leaf tuple is an 8-byte header (16 with a null bitmap) plus the columns' average width
/// from pg_stats (statistics of an expression live under the index's name), MAXALIGNed, plus
/// a 4-byte line pointer; a page keeps 24 bytes of header and 16 of btree data; one metapage,
/// and one level of inner pages (deeper levels are negligible). Deduplication (PG 13+) is
/// ignored, so indexes with many equal keys read low.
/// Value NULL: an index without statistics, which cannot be estimated.
constexpr const char* kIndexBloatSql = R"(
WITH ix AS (
  SELECT x.indexrelid, x.indrelid, x.indkey, x.indnatts, i.relname, i.relpages, i.reltuples,
         t.relname AS table_name, n.nspname,
         coalesce((SELECT substring(o FROM '^fillfactor=(\d+)$')::int FROM unnest(i.reloptions) AS o
                   WHERE o LIKE 'fillfactor=%'), 90) AS fillfactor
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_am am ON am.oid = i.relam
  WHERE x.indrelid = ANY ($1::oid[]) AND x.indisvalid AND am.amname = 'btree' AND i.relkind = 'i'
), widths AS (
  SELECT ix.indexrelid, count(s.avg_width) = ix.indnatts AS complete,
         coalesce(sum((1 - s.null_frac) * s.avg_width), 0) AS data_width,
         coalesce(max(s.null_frac), 0) > 0 AS has_nulls
  FROM ix
  CROSS JOIN LATERAL generate_series(1, ix.indnatts) AS c(attnum)
  JOIN pg_attribute ia ON ia.attrelid = ix.indexrelid AND ia.attnum = c.attnum
  LEFT JOIN pg_attribute ta ON ta.attrelid = ix.indrelid AND ta.attnum = ix.indkey[c.attnum - 1]
  LEFT JOIN pg_stats s ON s.schemaname = ix.nspname AND NOT s.inherited
       AND CASE WHEN ix.indkey[c.attnum - 1] = 0 THEN s.tablename = ix.relname AND s.attname = ia.attname
                ELSE s.tablename = ix.table_name AND s.attname = ta.attname END
  GROUP BY ix.indexrelid, ix.indnatts
), per_page AS (
  SELECT ix.*, w.complete, current_setting('block_size')::int AS block_size,
         greatest(1, floor((current_setting('block_size')::int - 24 - 16) * ix.fillfactor / 100.0
                  / (4 + 8 * ceil(((CASE WHEN w.has_nulls THEN 16 ELSE 8 END) + w.data_width) / 8.0)))) AS tuples
  FROM ix JOIN widths w USING (indexrelid)
), estimate AS (
  SELECT p.*, 1 + l.leaves + CASE WHEN l.leaves > 1 THEN ceil(l.leaves / p.tuples) ELSE 0 END AS expected_pages
  FROM per_page p CROSS JOIN LATERAL (SELECT greatest(1, ceil(p.reltuples / p.tuples)) AS leaves) AS l
)
SELECT relname, indrelid::regclass::text, pg_relation_size(indexrelid), pg_size_pretty(pg_relation_size(indexrelid)),
       CASE WHEN complete AND reltuples >= 0 AND relpages > 0
            THEN greatest(0, 100.0 * (relpages - expected_pages) / relpages)::float8 END,
       CASE WHEN complete AND reltuples >= 0 AND relpages > 0
            THEN 'expected about ' || pg_size_pretty((expected_pages * block_size)::bigint) || ' for '
                 || reltuples::bigint || ' entries, REINDEX would reclaim the rest'
            ELSE 'no statistics (run ANALYZE)' END
FROM estimate
ORDER BY 2, 1)";

/// Dead tuples as the statistics system counts them (n_dead_tup / (n_live_tup + n_dead_tup)).
constexpr const char* kDeadTuplesSql = R"(
SELECT s.relname, s.relid::regclass::text, pg_relation_size(s.relid), pg_size_pretty(pg_relation_size(s.relid)),
       (100.0 * s.n_dead_tup / (s.n_live_tup + s.n_dead_tup))::float8,
       s.n_dead_tup || ' of ' || (s.n_live_tup + s.n_dead_tup) || ' rows, ' ||
         coalesce('last vacuumed ' || to_char(greatest(s.last_vacuum, s.last_autovacuum) AT TIME ZONE 'UTC',
                                              'YYYY-MM-DD HH24:MI "UTC"'), 'never vacuumed')
FROM pg_stat_user_tables s
WHERE s.relid = ANY ($1::oid[]) AND s.n_dead_tup > 0
ORDER BY 2)";

/// Index size against its table's (main fork), as seed 000 measures it.
constexpr const char* kIndexRatioSql = R"(
SELECT i.relname, x.indrelid::regclass::text, pg_relation_size(x.indexrelid),
       pg_size_pretty(pg_relation_size(x.indexrelid)),
       (100.0 * pg_relation_size(x.indexrelid) / pg_relation_size(x.indrelid))::float8,
       pg_size_pretty(pg_relation_size(x.indrelid))
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = ANY ($1::oid[]) AND pg_relation_size(x.indrelid) > 0
ORDER BY 2, 1)";

constexpr const char* kSchemaTablesSql = R"(
SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.oid)";

/// Indexes that are invalid, not ready or being dropped: what a failed CREATE INDEX
/// CONCURRENTLY or REINDEX CONCURRENTLY leaves. They serve no query and enforce nothing, but are
/// still maintained on every write.
constexpr const char* kInvalidSql = R"(
SELECT i.relname, x.indrelid::regclass::text, pg_relation_size(i.oid), pg_size_pretty(pg_relation_size(i.oid)),
       NULL::float8,
       CASE WHEN NOT x.indislive THEN 'being dropped'
            WHEN NOT x.indisready THEN 'not ready: a CREATE INDEX CONCURRENTLY that did not finish'
            ELSE 'indisvalid = false: a failed CREATE INDEX CONCURRENTLY or REINDEX; it serves no query and enforces nothing'
       END
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = ANY ($1::oid[]) AND NOT (x.indisvalid AND x.indisready AND x.indislive)
ORDER BY 2, 1)";

/// Each name in order, with its oid or NULL; a bare name is looked up in the schema first.
constexpr const char* kNamedTablesSql = R"(
SELECT w.name, t.oid
FROM unnest($2::text[]) WITH ORDINALITY AS w(name, n)
LEFT JOIN LATERAL (
  SELECT c.oid FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'm')
    AND ((s.nspname = $1 AND c.relname = w.name) OR s.nspname || '.' || c.relname = w.name)
  ORDER BY s.nspname = $1 DESC LIMIT 1) AS t ON true
ORDER BY w.n)";

std::vector<Candidate> read_candidates(Transaction& tx, const char* sql, FindingKind kind, bool table_level,
                                       const TableScope& scope) {
  const std::vector<pg::Param> params = {scope.oids};
  const pg::Result r = tx.exec(sql, params);
  std::vector<Candidate> out;
  for (int row = 0; row < r.rows(); ++row) {
    Candidate c;
    c.kind = kind;
    c.table_level = table_level;
    c.object = r.value(row, 0);
    c.table = r.value(row, 1);
    c.bytes = std::stoull(std::string(r.value(row, 2)));
    c.size = r.value(row, 3);
    if (!r.is_null(row, 4)) c.value = std::stod(std::string(r.value(row, 4)));
    c.detail = r.value(row, 5);
    out.push_back(std::move(c));
  }
  return out;
}
}  // namespace

std::string text_array_literal(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char ch : v) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

TableScope resolve_tables(Transaction& tx, const IndexHealthOptions& options) {
  TableScope scope;
  std::vector<std::string> oids;
  if (options.tables.empty()) {
    const std::vector<pg::Param> params = {options.schema};
    const pg::Result r = tx.exec(kSchemaTablesSql, params);
    for (int row = 0; row < r.rows(); ++row) oids.emplace_back(r.value(row, 0));
  } else {
    const std::vector<pg::Param> params = {options.schema, text_array_literal(options.tables)};
    const pg::Result r = tx.exec(kNamedTablesSql, params);
    for (int row = 0; row < r.rows(); ++row) {
      if (r.is_null(row, 1))
        scope.missing.emplace_back(r.value(row, 0));
      else
        oids.emplace_back(r.value(row, 1));
    }
  }
  scope.count = oids.size();
  scope.oids = "{";
  for (const auto& oid : oids) scope.oids += (scope.oids.size() > 1 ? "," : "") + oid;
  scope.oids += "}";
  return scope;
}

std::vector<Candidate> find_candidates(Transaction& tx, FindingKind kind, const TableScope& scope) {
  switch (kind) {
    case FindingKind::kUnused: return read_candidates(tx, kUnusedSql, kind, false, scope);
    case FindingKind::kDuplicate: return read_candidates(tx, kDuplicateSql, kind, false, scope);
    case FindingKind::kRedundant: return read_candidates(tx, kRedundantSql, kind, false, scope);
    case FindingKind::kFkWithoutIndex: return read_candidates(tx, kFkWithoutIndexSql, kind, false, scope);
    case FindingKind::kIndexRatio: return read_candidates(tx, kIndexRatioSql, kind, false, scope);
    case FindingKind::kInvalid: return read_candidates(tx, kInvalidSql, kind, false, scope);
    case FindingKind::kBloat: {
      auto out = read_candidates(tx, kIndexBloatSql, kind, false, scope);
      auto tables = read_candidates(tx, kDeadTuplesSql, kind, true, scope);
      out.insert(out.end(), std::make_move_iterator(tables.begin()), std::make_move_iterator(tables.end()));
      return out;
    }
  }
  return {};
}

}  // namespace pgcertify::checks
