#!/usr/bin/env bash
# Schema assertions, pgcertify against pgTAP (pg_prove), on one throwaway server.
#   Part 1: 25 tables, 1,000 equivalent assertions (has_table, col_is_pk, has_column, col_type_is,
#           col_not_null/col_is_null, col_has_default/col_hasnt_default, fk_ok/col_is_unique, has_index)
#           as a pgTAP file run by pg_prove, and as a pgcertify plan of 25 `table` checks.
#   Part 2: 2,000 tables in two schemas with grants, comments and RLS policies; a plan written by
#           `pgcertify init` (every column's type, NOT NULL and default, keys, indexes, owners,
#           grants, comments, policies, roles, exact) against pg_prove running tables_are per
#           schema + one has_column per table.
# Each side runs RUNS times (default 5), alternating; medians are compared.
# Last line: ratio pgcertify/pg_prove wall = X   (part 1; target <= 0.1)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
bin=${PGCERTIFY:-build/pgcertify}
[[ -x $bin ]] || { echo "build first: make build" >&2; exit 1; }
command -v pg_prove >/dev/null || { echo "pg_prove is missing: scripts/install-deps.sh installs it" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/schema-bench-XXXXXX"); chmod 755 "$work"
cluster="$work/cluster"
trap '"$bin" cluster down --dir "$cluster" >/dev/null 2>&1 || true; [[ -n ${KEEP:-} ]] || rm -rf "$work"' EXIT
dsn=$("$bin" cluster up --dir "$cluster")
host=$(sed -E 's/.*host=([^ ]+).*/\1/' <<<"$dsn"); port=$(sed -E 's/.*port=([^ ]+).*/\1/' <<<"$dsn")
psql "$dsn" -qAt -c 'CREATE DATABASE bench25' -c 'CREATE DATABASE bench2000'
db25="host=$host port=$port user=postgres dbname=bench25"
db2000="host=$host port=$port user=postgres dbname=bench2000"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { local s e; s=$(now); "$@" >"$work/last.out" 2>&1 || { cat "$work/last.out" >&2; return 1; }; e=$(now); echo "$e - $s" | bc; }

# ---- part 1: 25 tables, 1,000 assertions ----
{
  echo "CREATE EXTENSION pgtap;"
  for i in $(seq -w 1 25); do
    fk=""; [[ $i != 01 ]] && fk="REFERENCES t$(printf %02d $((10#$i - 1)))(id) ON DELETE CASCADE"
    cat <<SQL
CREATE TABLE t$i (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), parent_id uuid $fk, name varchar(100) NOT NULL,
  code varchar(20) UNIQUE, amount numeric(10,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
  status text NOT NULL DEFAULT 'new', created_at timestamptz NOT NULL DEFAULT now(), note text, score integer DEFAULT 0);
CREATE INDEX t${i}_new ON t$i (created_at) WHERE status = 'new';
SQL
  done
} | psql "$db25" -qX -v ON_ERROR_STOP=1 >/dev/null

# name:type:not_null:default ("-" for none)
columns=("id:uuid:t:gen_random_uuid()" "parent_id:uuid:f:-" "name:character varying(100):t:-"
         "code:character varying(20):f:-" "amount:numeric(10,2):t:0" "status:text:t:'new'::text"
         "created_at:timestamp with time zone:t:now()" "note:text:f:-" "score:integer:f:0")
# how a person writes them in a plan: the server normalises
declare -A plan_type=([uuid]=uuid ["character varying(100)"]="varchar(100)" ["character varying(20)"]="varchar(20)"
  ["numeric(10,2)"]="numeric(10,2)" [text]=text ["timestamp with time zone"]=timestamptz [integer]=int)
{
  echo "BEGIN;"; echo "SELECT plan(1000);"
  for i in $(seq -w 1 25); do
    t="t$i"
    echo "SELECT has_table('$t');"; echo "SELECT col_is_pk('$t', 'id');"
    for c in "${columns[@]}"; do
      IFS=: read -r name type nn def <<<"$c"
      echo "SELECT has_column('$t', '$name');"
      echo "SELECT col_type_is('$t', '$name', '$type');"
      [[ $nn == t ]] && echo "SELECT col_not_null('$t', '$name');" || echo "SELECT col_is_null('$t', '$name');"
      [[ $def != - ]] && echo "SELECT col_has_default('$t', '$name');" || echo "SELECT col_hasnt_default('$t', '$name');"
    done
    if [[ $i == 01 ]]; then echo "SELECT col_is_unique('$t', 'code');"
    else echo "SELECT fk_ok('$t', 'parent_id', 't$(printf %02d $((10#$i - 1)))', 'id');"; fi
    echo "SELECT has_index('$t', '${t}_new', 'created_at');"
  done
  echo "SELECT * FROM finish();"; echo "ROLLBACK;"
} >"$work/schema.sql"
{
  echo "plan: 25 tables, 1000 assertions"; echo "suites:"; echo "  - name: schema"; echo "    checks:"
  for i in $(seq -w 1 25); do
    t="t$i"
    echo "      - table:"; echo "          name: $t"; echo "          columns:"
    for c in "${columns[@]}"; do
      IFS=: read -r name type nn def <<<"$c"
      d=$([[ $def == - ]] && echo null || echo "\"$def\"")
      echo "            $name: {type: \"${plan_type[$type]}\", not_null: $([[ $nn == t ]] && echo true || echo false), default: $d}"
    done
    echo "          primary_key: [id]"
    if [[ $i == 01 ]]; then echo "          unique: [[code]]"
    else echo "          foreign_keys: [{columns: [parent_id], references: t$(printf %02d $((10#$i - 1)))(id)}]"; fi
    echo "          indexes: [{name: ${t}_new, columns: [created_at], where: \"status = 'new'::text\"}]"
  done
} >"$work/schema.yaml"

pg_prove -h "$host" -p "$port" -U postgres -d bench25 "$work/schema.sql" >"$work/last.out" 2>&1 || { cat "$work/last.out"; exit 1; }
grep -q "^Result: PASS" "$work/last.out" || { cat "$work/last.out"; exit 1; }
"$bin" run "$work/schema.yaml" --dsn "$db25" >"$work/last.out" || { cat "$work/last.out"; exit 1; }
prove=(); ours=()
for _ in $(seq "$runs"); do
  prove+=("$(timed pg_prove -h "$host" -p "$port" -U postgres -d bench25 "$work/schema.sql")")
  ours+=("$(timed "$bin" run "$work/schema.yaml" --dsn "$db25")")
done
p1=$(printf '%s\n' "${prove[@]}" | median); o1=$(printf '%s\n' "${ours[@]}" | median)

# ---- part 2: 2,000 tables, init-pinned plan vs tables_are + has_column ----
{
  echo "CREATE EXTENSION pgtap;"
  # Security posture as well (what init pins since issue 14): 1,800 tables in public and 200 in
  # a second schema, a reader role granted every table, a comment on each, RLS with a policy on
  # every tenth.
  echo "CREATE ROLE bench_reader; CREATE SCHEMA app;"
  for i in $(seq 1 2000); do
    schema=public; (( i > 1800 )) && schema=app
    echo "CREATE TABLE $schema.s$i (id integer PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), amount numeric(12,2), tenant text);"
    echo "COMMENT ON TABLE $schema.s$i IS 'table $i';"
    if (( i % 10 == 0 )); then
      echo "ALTER TABLE $schema.s$i ENABLE ROW LEVEL SECURITY;"
      echo "CREATE POLICY tenant_only ON $schema.s$i TO bench_reader USING (tenant = current_user);"
    fi
  done
  echo "GRANT USAGE ON SCHEMA app TO bench_reader;"
  echo "GRANT SELECT ON ALL TABLES IN SCHEMA public, app TO bench_reader;"
} | psql "$db2000" -qX -v ON_ERROR_STOP=1 >/dev/null
"$bin" init --dsn "$db2000" --out "$work/pinned.yaml" 2>/dev/null
grep -q 'tenant_only' "$work/pinned.yaml" && grep -q 'bench_reader' "$work/pinned.yaml" && grep -q "comment: table 1" "$work/pinned.yaml" ||
  { echo "the pinned plan lacks the policies, grants or comments" >&2; exit 1; }
{
  echo "BEGIN;"; echo "SELECT plan(2002);"
  printf "SELECT tables_are('public', ARRAY[%s]);\n" "$(seq 1 1800 | sed "s/.*/'s&'/" | paste -sd,)"
  printf "SELECT tables_are('app', ARRAY[%s]);\n" "$(seq 1801 2000 | sed "s/.*/'s&'/" | paste -sd,)"
  for i in $(seq 1 1800); do echo "SELECT has_column('public', 's$i', 'id', '');"; done
  for i in $(seq 1801 2000); do echo "SELECT has_column('app', 's$i', 'id', '');"; done
  echo "SELECT * FROM finish();"; echo "ROLLBACK;"
} >"$work/tables.sql"
pg_prove -h "$host" -p "$port" -U postgres -d bench2000 "$work/tables.sql" >"$work/last.out" 2>&1 || { cat "$work/last.out"; exit 1; }
"$bin" run "$work/pinned.yaml" --dsn "$db2000" >"$work/last.out" || { tail -5 "$work/last.out"; exit 1; }
facts=$(grep -c 'type:' "$work/pinned.yaml")
checks=$("$bin" run "$work/pinned.yaml" --list 2>/dev/null | grep -c . || true)
prove2=(); ours2=()
for _ in $(seq "$runs"); do
  prove2+=("$(timed pg_prove -h "$host" -p "$port" -U postgres -d bench2000 "$work/tables.sql")")
  ours2+=("$(timed "$bin" run "$work/pinned.yaml" --dsn "$db2000")")
done
p2=$(printf '%s\n' "${prove2[@]}" | median); o2=$(printf '%s\n' "${ours2[@]}" | median)

echo "runs: $runs each, alternating; wall time per run including process start and connection"
echo "part 2: 2,000 tables: pg_prove tables_are + 2,000 has_column: runs ${prove2[*]}  median ${p2}s"
echo "part 2: 2,000 tables: pgcertify init-pinned plan ($checks checks, $facts columns with type/not_null/default, keys, indexes): runs ${ours2[*]}  median ${o2}s"
printf 'part 2: ratio pgcertify/pg_prove wall (2,000 tables) = %.2f\n' "$(echo "$o2 / $p2" | bc -l)"
echo "part 1: 25 tables, 1,000 assertions: pg_prove runs ${prove[*]}  median ${p1}s"
echo "part 1: 25 tables, 1,000 assertions: pgcertify runs ${ours[*]}  median ${o1}s"
printf 'ratio pgcertify/pg_prove wall = %.3f\n' "$(echo "$o1 / $p1" | bc -l)"
