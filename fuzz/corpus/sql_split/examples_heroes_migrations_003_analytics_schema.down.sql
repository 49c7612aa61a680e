-- Undo 003_analytics_schema.
DROP TABLE IF EXISTS data_retention_log;
DROP TABLE IF EXISTS analytics_aggregation_cache;
DROP TABLE IF EXISTS educational_impact_metrics;
DROP TABLE IF EXISTS time_series_analytics;
DROP TABLE IF EXISTS lesson_effectiveness;
DROP TABLE IF EXISTS behavioral_analytics;
