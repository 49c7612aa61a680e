#!/usr/bin/env bash
# 1,000,000 rows into a table shaped like seed 000's behavioral_analytics (uuid key, two foreign
# keys, a hash text, check-constrained ints, numerics, timestamptz, two secondary indexes), three
# ways on the same server: `pgcertify generate`, psql `\copy` of a CSV of the very same rows, and
# the seed's own INSERT … SELECT generate_series (seed 000 §7.2). Prints wall times, peak RSS of
# pgcertify, and the distinct classroom ids each produced; last line:
#   ratio pgcertify/copy_csv wall = X
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${PGCERTIFY:-build/pgcertify}")
rows=${ROWS:-1000000}
[[ -x $bin ]] || { echo "build first: cmake --build build" >&2; exit 1; }
[[ -x /usr/bin/time ]] || scripts/install-deps.sh >/dev/null  # installs time with the rest
work=$(mktemp -d /tmp/bench-datagen-XXXXXX)
chmod 755 "$work"  # as root the server runs as postgres, which must reach the cluster folder
dsn=$("$bin" cluster up --dir "$work/cluster")
trap '"$bin" cluster down --dir "$work/cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

psql "$dsn" -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE classrooms (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);
CREATE TABLE lessons (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text NOT NULL);
INSERT INTO classrooms (name) SELECT 'classroom ' || g FROM generate_series(1, 1500) g;
INSERT INTO lessons (title) SELECT 'lesson ' || g FROM generate_series(1, 12) g;
CREATE TABLE behavioral_analytics (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  classroom_id           uuid NOT NULL REFERENCES classrooms (id) ON DELETE CASCADE,
  lesson_id              uuid NOT NULL REFERENCES lessons (id) ON DELETE RESTRICT,
  anonymous_student_hash text NOT NULL,
  grade_level            integer NOT NULL CHECK (grade_level BETWEEN 4 AND 6),
  interaction_type       text NOT NULL CHECK (interaction_type ~ '^[a-z][a-z0-9_]{0,49}$'),
  engagement_score       numeric(5,2) CHECK (engagement_score BETWEEN 0 AND 100),
  completion_rate        numeric(5,2) CHECK (completion_rate BETWEEN 0 AND 100),
  time_spent_seconds     integer CHECK (time_spent_seconds BETWEEN 0 AND 86400),
  interaction_timestamp  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_ba_classroom_time ON behavioral_analytics (classroom_id, interaction_timestamp);
CREATE INDEX idx_ba_lesson ON behavioral_analytics (lesson_id);
SQL

cat >"$work/plan.yaml" <<YAML
setup:
  data:
    seed: 42
    tables:
      behavioral_analytics:
        rows: $rows
        columns:
          anonymous_student_hash: {regex: '^[a-f0-9]{64}$'}
          interaction_type: {one_of: {view: 5, click: 3, complete: 1, navigate: 1, pause: 1, resume: 1}}
          interaction_timestamp: {between: [-365d, now]}
YAML

now() { date +%s.%N; }
reset() { psql "$dsn" -q -c "TRUNCATE behavioral_analytics" -c "CHECKPOINT"; }

# The deferred run goes first: it also warms the server, so no later run pays for a cold start.
reset
t0=$(now)
"$bin" generate "$work/plan.yaml" --dsn "$dsn" --allow-write --defer-indexes >"$work/deferred.out"
t1=$(now)
deferred_wall=$(echo "$t1 - $t0" | bc -l)
deferred_check=$(psql "$dsn" -Atc "SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = 'behavioral_analytics') || ' indexes, '
  || (SELECT count(*) FROM pg_constraint WHERE conrelid = 'behavioral_analytics'::regclass AND contype = 'f' AND convalidated)
  || ' validated foreign keys'")

reset
t0=$(now)
/usr/bin/time -v -o "$work/time.txt" "$bin" generate "$work/plan.yaml" --dsn "$dsn" --allow-write >"$work/generate.out"
t1=$(now)
pgc_wall=$(echo "$t1 - $t0" | bc -l)
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
pgc_classrooms=$(psql "$dsn" -Atc "SELECT count(DISTINCT classroom_id) FROM behavioral_analytics")
pgc_rows=$(psql "$dsn" -Atc "SELECT count(*) FROM behavioral_analytics")
psql "$dsn" -q -c "\\copy behavioral_analytics TO '$work/rows.csv' CSV"

reset
t0=$(now)
psql "$dsn" -q -v ON_ERROR_STOP=1 -c "\\copy behavioral_analytics FROM '$work/rows.csv' CSV"
t1=$(now)
copy_wall=$(echo "$t1 - $t0" | bc -l)

reset
t0=$(now)
psql "$dsn" -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO behavioral_analytics (
  classroom_id, lesson_id, anonymous_student_hash, grade_level,
  interaction_type, engagement_score, completion_rate, time_spent_seconds,
  interaction_timestamp
)
SELECT
  (SELECT id FROM classrooms ORDER BY random() LIMIT 1),
  (SELECT id FROM lessons ORDER BY random() LIMIT 1),
  'stress_test_' || generate_series || '_' || floor(random()*1000),
  (array[4,5,6])[floor(random()*3)+1],
  (array['view','click','complete','navigate','pause','resume'])[floor(random()*6)+1],
  random() * 100,
  random() * 100,
  floor(random() * 3600),
  CURRENT_TIMESTAMP - (random() * interval '365 days')
FROM generate_series(1, $rows);
SQL
t1=$(now)
insert_wall=$(echo "$t1 - $t0" | bc -l)
seed_classrooms=$(psql "$dsn" -Atc "SELECT count(DISTINCT classroom_id) FROM behavioral_analytics")

printf 'rows                                   %d (pgcertify stored %d)\n' "$rows" "$pgc_rows"
printf 'pgcertify generate (binary COPY) wall  %8.2f s   peak RSS %d MB\n' "$pgc_wall" $((rss_kb / 1024))
printf 'pgcertify generate --defer-indexes wall %8.2f s   afterwards: %s\n' "$deferred_wall" "$deferred_check"
printf 'psql \\copy of the same rows (CSV) wall %8.2f s\n' "$copy_wall"
printf 'seed INSERT ... SELECT          wall   %8.2f s\n' "$insert_wall"
printf 'distinct classroom ids: pgcertify %s, seed statement %s (its scalar subquery runs once)\n' "$pgc_classrooms" "$seed_classrooms"
printf 'ratio pgcertify(--defer-indexes)/copy_csv wall = %.2f\n' "$(echo "$deferred_wall / $copy_wall" | bc -l)"
printf 'ratio pgcertify(--defer-indexes)/insert_select wall = %.2f\n' "$(echo "$deferred_wall / $insert_wall" | bc -l)"
printf 'ratio pgcertify/insert_select wall = %.2f\n' "$(echo "$pgc_wall / $insert_wall" | bc -l)"
printf 'ratio pgcertify/copy_csv wall = %.2f\n' "$(echo "$pgc_wall / $copy_wall" | bc -l)"
