-- Undo 009_data_retention.
DROP FUNCTION IF EXISTS generate_backup_health_report(INTEGER);
DROP FUNCTION IF EXISTS cleanup_old_backups();
DROP FUNCTION IF EXISTS generate_retention_report(DATE, DATE);
DROP VIEW IF EXISTS retention_policy_status;
DROP FUNCTION IF EXISTS get_retention_status();
DROP FUNCTION IF EXISTS execute_retention_policy_optimized();
DROP FUNCTION IF EXISTS execute_data_retention_policy(TEXT, INTEGER);
DROP FUNCTION IF EXISTS cleanup_old_analytics_data();
DROP FUNCTION IF EXISTS retention_policy_definitions();
