#!/usr/bin/env bash
# Applying migrations and linting them, side by side with the tools teams use today:
#   apply: `pgcertify migrate up` (one connection, a transaction and a history row per file,
#          the advisory lock) vs `psql -1 -f FILE` per file (a connection per file, no tracking),
#          on the heroes folder and on a generated folder of $N migrations, each into its own
#          fresh database on one throwaway cluster; and vs `sqitch deploy` (Debian's sqitch,
#          installed by this bench when missing and run as root; else skipped) on the same
#          files as a sqitch project (deploy scripts, its registry in the target database).
#   lint:  `pgcertify migrate lint` vs squawk (npm install squawk-cli in this bench's temp folder;
#          skipped when npm or the network is missing) on one file of $STATEMENTS statements.
# Last lines: ratios (targets: migrate up <= 1.0x psql per file; lint <= 0.5x squawk; sqitch
# has no target, its ratio is printed for reference).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PGCERTIFY:-build/pgcertify}
n=${N:-500}
statements=${STATEMENTS:-2000}
[[ -x $bin ]] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-migrate-XXXXXX")
chmod 755 "$work"  # as root the server runs as postgres, which must reach its data folder
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
# The same files as a sqitch project: one change per up file, in order, each deploy script
# wrapped in BEGIN/COMMIT as `sqitch add` writes it.
sqitch_project() {  # folder, project dir
  mkdir -p "$2/deploy" "$2/revert" "$2/verify"
  printf '[core]\n\tengine = pg\n\tplan_file = sqitch.plan\n\ttop_dir = .\n' > "$2/sqitch.conf"
  printf '%%syntax-version=1.0.0\n%%project=bench\n\n' > "$2/sqitch.plan"
  local f name
  for f in $(ls "$1"/*.sql | grep -v '\.down\.sql$' | sort); do
    name=$(basename "$f" .sql)
    { echo "BEGIN;"; cat "$f"; echo; echo "COMMIT;"; } > "$2/deploy/$name.sql"
    echo "SELECT 1;" > "$2/revert/$name.sql"
    echo "SELECT 1;" > "$2/verify/$name.sql"
    echo "$name 2026-01-01T00:00:00Z Bench <bench@example.com> # $name" >> "$2/sqitch.plan"
  done
}
time_sqitch() {  # project dir, database
  newdb "$2"; local s uri
  uri=$(sed -E 's/.*host=([^ ]+).*port=([^ ]+).*user=([^ ]+).*/db:pg:\/\/\3@\1:\2/' <<<"$dsn")/$2
  s=$(now)
  (cd "$1" && sqitch --quiet deploy --no-verify "$uri" >"$work/sqitch.log" 2>&1) ||
    { echo "sqitch deploy failed:" >&2; cat "$work/sqitch.log" >&2; return 1; }
  echo "$(now) - $s" | bc
}
have_sqitch=""
if command -v sqitch >/dev/null || { [[ $(id -u) == 0 ]] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqitch >/dev/null 2>&1; }; then
  have_sqitch=1
fi

heroes_up=$(time_up examples/heroes/migrations heroes_a)
heroes_psql=$(time_psql examples/heroes/migrations heroes_b)
gen_up=$(time_up "$work/gen" gen_a)
gen_psql=$(time_psql "$work/gen" gen_b)
printf 'heroes (12 files):  migrate up %.3f s, psql -1 -f per file %.3f s\n' "$heroes_up" "$heroes_psql"
printf 'generated (%d files): migrate up %.3f s, psql -1 -f per file %.3f s\n' "$n" "$gen_up" "$gen_psql"
if [[ -n $have_sqitch ]]; then
  sqitch_project examples/heroes/migrations "$work/sq_heroes"
  sqitch_project "$work/gen" "$work/sq_gen"
  heroes_sqitch=$(time_sqitch "$work/sq_heroes" heroes_c) || exit 1
  gen_sqitch=$(time_sqitch "$work/sq_gen" gen_c) || exit 1
  # Both applied everything: the same tables exist either way.
  [[ $(psql "$(db gen_a)" -qAtc "SELECT count(*) FROM pg_tables WHERE tablename LIKE 't\_%'") == \
     $(psql "$(db gen_c)" -qAtc "SELECT count(*) FROM pg_tables WHERE tablename LIKE 't\_%'") ]] ||
    { echo "sqitch and migrate up built different tables" >&2; exit 1; }
  printf 'heroes (12 files):  sqitch deploy %.3f s\n' "$heroes_sqitch"
  printf 'generated (%d files): sqitch deploy %.3f s\n' "$n" "$gen_sqitch"
else
  echo "sqitch: not installed (not root, or apt-get failed); sqitch ratios skipped"
fi

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
[[ -n $have_sqitch ]] && printf 'ratio migrate up / sqitch deploy (heroes) = %.2f\n' "$(echo "$heroes_up / $heroes_sqitch" | bc -l)"
[[ -n $have_sqitch ]] && printf 'ratio migrate up / sqitch deploy (%d files) = %.2f\n' "$n" "$(echo "$gen_up / $gen_sqitch" | bc -l)"
[[ -n $lint_squawk ]] && printf 'ratio lint pgcertify / squawk = %.2f   (target <= 0.5)\n' "$(echo "$lint_ours / $lint_squawk" | bc -l)"
exit 0
