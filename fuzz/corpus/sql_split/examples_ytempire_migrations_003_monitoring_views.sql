-- 003_monitoring_views: the production monitoring views of seed 004
-- section 10.1 that work without extensions, with the seed's column-name
-- errors corrected, plus the analytics-consistency check of section 4.1.
-- slow_queries is omitted: it needs pg_stat_statements, which needs
-- shared_preload_libraries (DECISIONS.md, Y-06).

CREATE VIEW active_connections AS
SELECT pid,
       usename,
       application_name,
       client_addr,
       state,
       query_start,
       state_change,
       query
FROM pg_stat_activity
WHERE state <> 'idle'
ORDER BY query_start;

CREATE VIEW table_sizes AS
SELECT schemaname,
       tablename,
       pg_size_pretty(pg_total_relation_size(format('%I.%I', schemaname, tablename)::regclass)) AS size,
       pg_total_relation_size(format('%I.%I', schemaname, tablename)::regclass)                AS size_bytes
FROM pg_tables
WHERE schemaname = 'public'
ORDER BY size_bytes DESC;

-- pg_stat_user_indexes has relname / indexrelname, not tablename / indexname
CREATE VIEW index_usage AS
SELECT schemaname,
       relname       AS tablename,
       indexrelname  AS indexname,
       idx_scan,
       idx_tup_read,
       idx_tup_fetch
FROM pg_stat_user_indexes
ORDER BY idx_scan DESC;

CREATE VIEW blocking_locks AS
SELECT blocked_locks.pid          AS blocked_pid,
       blocked_activity.usename   AS blocked_user,
       blocking_locks.pid         AS blocking_pid,
       blocking_activity.usename  AS blocking_user,
       blocked_activity.query     AS blocked_statement,
       blocking_activity.query    AS blocking_statement
FROM pg_catalog.pg_locks blocked_locks
JOIN pg_catalog.pg_stat_activity blocked_activity ON blocked_activity.pid = blocked_locks.pid
JOIN pg_catalog.pg_locks blocking_locks
     ON blocking_locks.locktype = blocked_locks.locktype
    AND blocking_locks.database IS NOT DISTINCT FROM blocked_locks.database
    AND blocking_locks.relation IS NOT DISTINCT FROM blocked_locks.relation
    AND blocking_locks.page IS NOT DISTINCT FROM blocked_locks.page
    AND blocking_locks.tuple IS NOT DISTINCT FROM blocked_locks.tuple
    AND blocking_locks.virtualxid IS NOT DISTINCT FROM blocked_locks.virtualxid
    AND blocking_locks.transactionid IS NOT DISTINCT FROM blocked_locks.transactionid
    AND blocking_locks.classid IS NOT DISTINCT FROM blocked_locks.classid
    AND blocking_locks.objid IS NOT DISTINCT FROM blocked_locks.objid
    AND blocking_locks.objsubid IS NOT DISTINCT FROM blocked_locks.objsubid
    AND blocking_locks.pid <> blocked_locks.pid
JOIN pg_catalog.pg_stat_activity blocking_activity ON blocking_activity.pid = blocking_locks.pid
WHERE NOT blocked_locks.granted;

-- Seed 004 validate_analytics_consistency for every video: videos.view_count
-- against the sum of daily analytics views, tolerance 100.
CREATE VIEW video_analytics_consistency AS
SELECT v.id                                       AS video_id,
       v.view_count                               AS video_views,
       COALESCE(a.analytics_views, 0)             AS analytics_sum,
       abs(v.view_count - COALESCE(a.analytics_views, 0))         AS difference,
       abs(v.view_count - COALESCE(a.analytics_views, 0)) <= 100  AS consistent
FROM videos v
LEFT JOIN (SELECT video_id, sum(views) AS analytics_views FROM analytics GROUP BY video_id) a
       ON a.video_id = v.id;
