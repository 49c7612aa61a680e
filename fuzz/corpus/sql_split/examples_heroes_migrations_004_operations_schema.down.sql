-- Undo 004_operations_schema.
DROP TABLE IF EXISTS backup_execution_log;
DROP TABLE IF EXISTS backup_configurations;
DROP TABLE IF EXISTS job_queue;
DROP TABLE IF EXISTS security_incidents;
DROP TABLE IF EXISTS audit_log;
