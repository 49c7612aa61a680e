#!/usr/bin/env bash
# pgcertify's `latency` check against `pgbench -n -r -M prepared -c 1` on the same statements,
# same server, same run (alternating, median of REPS runs each): a point lookup, an aggregate over 100k rows and a
# function call. Prints both means per statement; last line:
#   ratio pgcertify/pgbench mean latency = X   (for the statement furthest from 1; target within 0.9-1.1)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PGCERTIFY:-build/pgcertify}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[[ -x $bin ]] || { echo "build first: make build" >&2; exit 1; }
work=$(mktemp -d /tmp/bench-latency-XXXXXX)
chmod 755 "$work"  # as root the server runs as postgres, which must reach the cluster folder
dsn=$("$bin" cluster up --dir "$work/cluster")
trap '"$bin" cluster down --dir "$work/cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

psql "$dsn" -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE bench_items (id int PRIMARY KEY, v int NOT NULL, label text NOT NULL);
INSERT INTO bench_items SELECT g, g % 1000, 'item ' || g FROM generate_series(1, 100000) g;
ANALYZE bench_items;
CREATE FUNCTION bench_hash(a uuid, b uuid, g int) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT encode(digest(a::text || b::text || g::text, 'sha256'), 'hex') $$;
SQL

names=(point_lookup aggregate_100k function_call)
sqls=("SELECT * FROM bench_items WHERE id = 4242"
      "SELECT avg(v) FROM bench_items"
      "SELECT bench_hash('550e8400-e29b-41d4-a716-446655440000', '550e8400-e29b-41d4-a716-446655440001', 5)")
runs=(${RUNS_POINT:-10000} ${RUNS_AGG:-150} ${RUNS_FN:-10000})

pgbench_mean_us() {  # statement, transactions
  printf '%s;\n' "$1" >"$work/script.sql"
  "$pgbin/pgbench" -n -r -M prepared -c 1 -t "$2" -f "$work/script.sql" "$dsn" 2>/dev/null |
    awk '/^tps = / {printf "%.4f\n", 1e6 / $3}'  # -c 1: latency average is 1/tps, printed with more digits
}

pgcertify_mean_us() {  # statement, runs
  cat >"$work/plan.yaml" <<YAML
suites:
  - name: bench
    checks:
      - name: statement
        latency: {sql: "$1", runs: $2, warmup: 100, mode: prepared}
YAML
  "$bin" run "$work/plan.yaml" --dsn "$dsn" --report "json=$work/report.json" >/dev/null
  python3 - "$work/report.json" <<'PY'
import json, re, sys
m = {x["name"]: x["value"] for x in json.load(open(sys.argv[1]))["results"][0]["measurements"]}
value, unit = re.match(r"([0-9.e+]+)(us|ms|s)$", m["mean"]).groups()
print(float(value) * {"us": 1, "ms": 1e3, "s": 1e6}[unit])
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
reps=${REPS:-5}

worst=""; worst_name=""
printf '%-16s %12s %12s %8s   %s\n' statement pgbench_us pgcertify_us ratio "(medians of $reps alternating runs each)"
for i in "${!names[@]}"; do
  pgbench_mean_us "${sqls[$i]}" 200 >/dev/null  # warm the server's caches
  bs=(); cs=()
  for _ in $(seq "$reps"); do
    bs+=("$(pgbench_mean_us "${sqls[$i]}" "${runs[$i]}")")
    cs+=("$(pgcertify_mean_us "${sqls[$i]}" "${runs[$i]}")")
  done
  b=$(printf '%s\n' "${bs[@]}" | median); c=$(printf '%s\n' "${cs[@]}" | median)
  r=$(echo "$c / $b" | bc -l)
  printf '%-16s %12.2f %12.2f %8.3f   pgbench: %s  pgcertify: %s\n' "${names[$i]}" "$b" "$c" "$r" "${bs[*]}" "${cs[*]}"
  if [[ -z $worst ]] || (( $(echo "($r - 1)^2 > ($worst - 1)^2" | bc -l) )); then
    worst=$r; worst_name=${names[$i]}
  fi
done
printf 'ratio pgcertify/pgbench mean latency = %.3f (%s)\n' "$worst" "$worst_name"
