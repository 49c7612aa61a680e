-- Undo 003_monitoring_views.
DROP VIEW IF EXISTS video_analytics_consistency;
DROP VIEW IF EXISTS blocking_locks;
DROP VIEW IF EXISTS index_usage;
DROP VIEW IF EXISTS table_sizes;
DROP VIEW IF EXISTS active_connections;
