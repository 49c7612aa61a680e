-- Seed 000 §2.3 runs `pgbench -c 100 -j 4 -T 300 -f analytics_queries.sql`; §7.1 has 100
-- concurrent sessions reading the dashboards. These are those reads, in pgbench's syntax.
\set grade random(4, 6)
SELECT count(*) FROM current_classroom_engagement WHERE grade_level = :grade AND active_students > 0;
SELECT count(*) FROM lesson_effectiveness_summary WHERE overall_engagement_score > random() * 100;
