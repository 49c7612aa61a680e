-- 011_privileges: table and view privileges for the group roles of 010
-- (seed 002 "Database Roles", seed 000 section 4.2).
--   application_role  CRUD on every table; SELECT on views
--   readonly_role     SELECT on everything except password_hash and token_hash
--   backup_role       SELECT on everything (pg_dump)
--   analytics_role    SELECT on anonymous analytics only: no facilitators,
--                     facilitator_sessions, audit_log, security_incidents,
--                     job_queue, backup tables, archives; classrooms and
--                     student_sessions only through non-identifying columns
--   facilitator_role  own classrooms/sessions (CRUD) and analytics (SELECT),
--                     narrowed to their own rows by row-level security (012)
-- PUBLIC holds nothing on any table or view.

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
FROM PUBLIC;

-- application_role ---------------------------------------------------------
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE
    facilitators, facilitator_sessions, classrooms, student_sessions, lessons, lesson_content,
    student_progress, student_feedback, classroom_sessions,
    behavioral_analytics, lesson_effectiveness, time_series_analytics, educational_impact_metrics,
    analytics_aggregation_cache, data_retention_log,
    audit_log, security_incidents, job_queue, backup_configurations, backup_execution_log,
    student_sessions_archive, student_progress_archive, student_feedback_archive,
    classroom_sessions_archive, audit_log_archive, security_incidents_archive
TO application_role;

GRANT SELECT ON TABLE
    current_classroom_engagement, lesson_effectiveness_summary, engagement_trends,
    classroom_analytics_summary,
    anonymous_student_progress, educational_impact_dashboard, backup_health_status,
    retention_policy_status
TO application_role;

-- readonly_role ------------------------------------------------------------
GRANT SELECT ON TABLE
    classrooms, student_sessions, lessons, lesson_content,
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
TO readonly_role;

GRANT SELECT (id, email, first_name, last_name, role, is_active, last_login_at, created_at, updated_at)
    ON TABLE facilitators TO readonly_role;
GRANT SELECT (id, facilitator_id, expires_at, device_info, ip_address, revoked_at, created_at)
    ON TABLE facilitator_sessions TO readonly_role;

-- backup_role --------------------------------------------------------------
GRANT SELECT ON TABLE
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
TO backup_role;

-- analytics_role -----------------------------------------------------------
GRANT SELECT ON TABLE
    lessons, lesson_content, student_progress, student_feedback, classroom_sessions,
    behavioral_analytics, lesson_effectiveness, time_series_analytics, educational_impact_metrics,
    analytics_aggregation_cache,
    current_classroom_engagement, lesson_effectiveness_summary, engagement_trends,
    classroom_analytics_summary,
    anonymous_student_progress, educational_impact_dashboard
TO analytics_role;

GRANT SELECT (id, grade_level, max_students, is_active, created_at, updated_at)
    ON TABLE classrooms TO analytics_role;
GRANT SELECT (id, classroom_id, demographic_data, is_active, last_activity_at, expires_at,
              created_at, updated_at)
    ON TABLE student_sessions TO analytics_role;

-- facilitator_role ---------------------------------------------------------
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE classrooms, student_sessions TO facilitator_role;
GRANT SELECT ON TABLE behavioral_analytics, lessons, lesson_content TO facilitator_role;
