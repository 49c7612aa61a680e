-- Undo 011_privileges.  Revoking a table privilege also revokes the
-- matching column privileges.  PUBLIC held nothing before 011 (the default
-- for tables and views), so nothing is re-granted to it.
REVOKE ALL ON TABLE
    facilitators, facilitator_sessions, classrooms, student_sessions, lessons, lesson_content,
    student_progress, student_feedback, classroom_sessions,
    behavioral_analytics, lesson_effectiveness, time_series_analytics, educational_impact_metrics,
    analytics_aggregation_cache, data_retention_log,
    audit_log, security_incidents, job_queue, backup_configurations, backup_execution_log,
    student_sessions_archive, student_progress_archive, student_feedback_archive,
    classroom_sessions_archive, audit_log_archive, security_incidents_archive,
    current_classroom_engagement, lesson_effectiveness_summary, engagement_trends,
    classroom_analytics_summary,
    anonymous_student_progress, educational_impact_dashboard, backup_health_status,
    retention_policy_status
FROM application_role, readonly_role, backup_role, analytics_role, facilitator_role;
