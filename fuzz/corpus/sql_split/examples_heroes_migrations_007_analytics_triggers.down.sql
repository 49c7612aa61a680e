-- Undo 007_analytics_triggers.
DROP TRIGGER IF EXISTS trigger_invalidate_analytics_cache ON behavioral_analytics;
DROP TRIGGER IF EXISTS trigger_update_lesson_effectiveness ON behavioral_analytics;
DROP TRIGGER IF EXISTS trigger_normalize_anonymous_student_hash ON behavioral_analytics;
DROP FUNCTION IF EXISTS invalidate_analytics_cache();
DROP FUNCTION IF EXISTS update_lesson_effectiveness();
DROP FUNCTION IF EXISTS normalize_anonymous_student_hash();
