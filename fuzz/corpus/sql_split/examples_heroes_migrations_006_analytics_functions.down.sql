-- Undo 006_analytics_functions.
DROP FUNCTION IF EXISTS calculate_behavioral_impact_score(JSONB, JSONB, JSONB, JSONB);
DROP FUNCTION IF EXISTS calculate_engagement_score(INTEGER, INTEGER, DOUBLE PRECISION, INTEGER);
DROP FUNCTION IF EXISTS generate_anonymous_student_hash(UUID, UUID, INTEGER, DATE);
DROP FUNCTION IF EXISTS generate_anonymous_student_hash(UUID, UUID, INTEGER);
