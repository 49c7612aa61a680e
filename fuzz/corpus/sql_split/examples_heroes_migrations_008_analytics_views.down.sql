-- Undo 008_analytics_views.
DROP VIEW IF EXISTS backup_health_status;
DROP VIEW IF EXISTS educational_impact_dashboard;
DROP VIEW IF EXISTS anonymous_student_progress;
DROP FUNCTION IF EXISTS refresh_analytics_summary();
DROP FUNCTION IF EXISTS refresh_analytics_materialized_views();
DROP MATERIALIZED VIEW IF EXISTS classroom_analytics_summary;
DROP MATERIALIZED VIEW IF EXISTS engagement_trends;
DROP MATERIALIZED VIEW IF EXISTS lesson_effectiveness_summary;
DROP MATERIALIZED VIEW IF EXISTS current_classroom_engagement;
