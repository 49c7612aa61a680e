#!/usr/bin/env bash
# Applying migrations and linting them, side by side with the tools teams use today:
#   apply: `pgcertify migrate up` (one connection, a transaction and a history row per file,
#          the advisory lock) vs `psql -1 -f FILE` per file (a connection per file, no tracking),
#          on the heroes folder and on a generated folder of $N migrations, each into its own
#          fresh database on one throwaway cluster.
#   lint:  `pgcertify migrate lint` vs squawk (npm install squawk-cli in this bench's temp folder;
#          skipped when npm or the network is missing) on one file of $STATEMENTS statements.
# Last lines: ratios (targets: migrate up <= 1.0x psql per file; lint <= 0.5x squawk).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PGCERTIFY:-build/pgcertify}
n=${N:-500}
statements=${STATEMENTS:-2000}
[[ -x $bin ]] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-migrate-XXXXXX")
trap '"$bin" cluster down --dir "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
now() { date +%s.%N; }
dsn=$("$bin" cluster up --dir "$work/pg" | head -1)
db() { echo "$dsn" | sed "s/dbname=[^ ]*/dbname=$1/"; }
newdb() { psql "$dsn" -qAtc "CREATE DATABASE $1" >/dev/null; }

mkdir -p "$work/gen"
for i in $(seq -f %04g 1 "$n"); do
  printf 'CREATE TABLE t_%s (id int PRIMARY KEY, name text NOT NULL, at timestamptz DEFAULT now());\nCREATE INDEX t_%s_name ON t_%s (name);\nINSERT INTO t_%s VALUES (1, %s);\n' \
    "$i" "$i" "$i" "$i" "'x'" > "$work/gen/${i}_table_$i.sql"
done

time_up() {  # folder, database
  newdb "$2"; local s; s=$(now)
  "$bin" migrate up "$1" --dsn "$(db "$2")" >/dev/null
  echo "$(now) - $s" | bc
}
time_psql() {  # folder, database
  newdb "$2"; local s f; s=$(now)
  for f in $(ls "$1"/*.sql | grep -v '\.down\.sql$' | sort); do psql "$(db "$2")" -q -X -v ON_ERROR_STOP=1 -1 -f "$f" >/dev/null 2>&1; done
  echo "$(now) - $s" | bc
}
heroes_up=$(time_up examples/heroes/migrations heroes_a)
heroes_psql=$(time_psql examples/heroes/migrations heroes_b)
gen_up=$(time_up "$work/gen" gen_a)
gen_psql=$(time_psql "$work/gen" gen_b)
printf 'heroes (12 files):  migrate up %.3f s, psql -1 -f per file %.3f s\n' "$heroes_up" "$heroes_psql"
printf 'generated (%d files): migrate up %.3f s, psql -1 -f per file %.3f s\n' "$n" "$gen_up" "$gen_psql"

# One file of $statements statements: ALTERs, indexes, constraints on existing tables.
for i in $(seq 1 $((statements / 4))); do
  printf 'CREATE INDEX i_%d ON events (c%d);\nALTER TABLE events ADD COLUMN c%d int DEFAULT 0;\nALTER TABLE events ADD CONSTRAINT k%d CHECK (c%d > 0);\nALTER TABLE events ALTER COLUMN d%d TYPE bigint;\n' \
    "$i" "$i" "$i" "$i" "$i" "$i"
done > "$work/big.sql"
s=$(now); "$bin" migrate lint "$work/big.sql" >/dev/null || true; lint_ours=$(echo "$(now) - $s" | bc)
printf 'lint of %d statements: pgcertify %.3f s\n' "$statements" "$lint_ours"
lint_squawk=""
if command -v npm >/dev/null && (cd "$work" && npm install --silent --no-audit --no-fund squawk-cli >/dev/null 2>&1); then
  squawk="$work/node_modules/.bin/squawk"
  s=$(now); "$squawk" "$work/big.sql" >/dev/null 2>&1 || true; lint_squawk=$(echo "$(now) - $s" | bc)
  printf 'lint of %d statements: squawk %.3f s\n' "$statements" "$lint_squawk"
else
  echo "squawk: not installed (npm or network missing); lint ratio skipped"
fi

printf 'ratio migrate up / psql per file (heroes) = %.2f   (target <= 1.0)\n' "$(echo "$heroes_up / $heroes_psql" | bc -l)"
printf 'ratio migrate up / psql per file (%d files) = %.2f   (target <= 1.0)\n' "$n" "$(echo "$gen_up / $gen_psql" | bc -l)"
[[ -n $lint_squawk ]] && printf 'ratio lint pgcertify / squawk = %.2f   (target <= 0.5)\n' "$(echo "$lint_ours / $lint_squawk" | bc -l)"
exit 0
