-- Seed 000 §7.1 concurrent_analytics_load_test.sh: 100 sessions, each inserting 100 analytics
-- rows (the seed's statement, unchanged) and reading two dashboards. pgbench syntax.
BEGIN;
INSERT INTO behavioral_analytics (
  classroom_id, lesson_id, anonymous_student_hash, grade_level,
  interaction_type, engagement_score, completion_rate, time_spent_seconds
)
SELECT
  (SELECT id FROM classrooms ORDER BY random() LIMIT 1),
  (SELECT id FROM lessons ORDER BY random() LIMIT 1),
  'load_test_' || extract(epoch from clock_timestamp()) || '_' || floor(random()*1000),
  (array[4,5,6])[floor(random()*3)+1],
  (array['view','click','complete'])[floor(random()*3)+1],
  random() * 100,
  random() * 100,
  floor(random() * 3600)
FROM generate_series(1, 100);
COMMIT;
SELECT COUNT(*) FROM current_classroom_engagement;
SELECT COUNT(*) FROM lesson_effectiveness_summary;
