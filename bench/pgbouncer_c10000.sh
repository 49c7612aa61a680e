#!/usr/bin/env bash
# 10,000 clients from one process through a real PgBouncer (transaction pooling,
# max_client_conn 12000): `pgcertify load` and `pgbench` with the same flags
# (-c 10000 -j 2 -S -M simple -T DURATION), alternating in one sitting. Prints for each tool
# tps, connection acquisition and client peak RSS per connection; last line the ratios.
# Connection acquisition: pgcertify measures each connect (p95 and average); pgbench prints
# only "initial connection time" (its threads connect their clients one after another), so its
# average is derived as initial_connection_time x threads / clients and it has no p95.
# CLIENTS (default 10000), DURATION (default 10), REPS (default 1), POOL (default 20) adjust it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PGCERTIFY:-build/pgcertify}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[[ -x $bin ]] || { echo "build first: cmake --build build" >&2; exit 1; }
clients=${CLIENTS:-10000}; duration=${DURATION:-10}; reps=${REPS:-1}; pool=${POOL:-20}; threads=2
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) >= clients + 100 )) || { echo "the open-files hard limit ($(ulimit -Hn)) is below $clients clients" >&2; exit 1; }
work=$(mktemp -d /tmp/bench-bouncer-XXXXXX)
chmod 755 "$work"  # as root the server and PgBouncer run as postgres, which must reach the folder
mapfile -t dsns < <("$bin" cluster up --dir "$work/cluster" --pgbouncer --pool-mode transaction \
                      --max-client-conn 12000 --default-pool-size "$pool")
trap '"$bin" cluster down --dir "$work/cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
direct=${dsns[0]}; pooled=${dsns[1]}
"$pgbin/pgbench" -i -q -s 1 "$direct" >/dev/null 2>&1
flags=(-n -S -M simple -c "$clients" -j "$threads" -T "$duration")

# Runs a client under /usr/bin/time; prints "tps connect_p95_ms connect_avg_ms rss_kb failed".
measure() {
  local tool=$1; shift
  /usr/bin/time -f 'maxrss %M' -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
  python3 - "$tool" "$work/out" "$work/time" "$clients" "$threads" <<'PY'
import re, sys
tool, out, timing, clients, threads = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read(), int(sys.argv[4]), int(sys.argv[5])
def grab(pattern, default=None):
    m = re.search(pattern, out, re.M)
    if m: return float(m.group(1))
    if default is None: sys.exit("%s printed no summary:\n%s" % (tool, out))
    return default
tps = grab(r"^tps = ([0-9.]+)")
failed = grab(r"^number of failed transactions: ([0-9]+)", 0)
rss = float(re.search(r"maxrss ([0-9]+)", timing).group(1))
if tool == "pgcertify":
    p95 = grab(r"^connection time p95 = ([0-9.]+) ms")
    avg = grab(r"\(average ([0-9.]+) ms")
else:
    p95 = float("nan")
    avg = grab(r"^initial connection time = ([0-9.]+) ms") * threads / clients
print(tps, p95, avg, rss, int(failed))
PY
}

printf '%-10s %12s %18s %18s %16s %8s\n' tool tps connect_p95_ms connect_avg_ms rss_kb/conn failed
for _ in $(seq "$reps"); do
  read -r b_tps b_p95 b_avg b_rss b_failed < <(measure pgbench "$pgbin/pgbench" "${flags[@]}" "$pooled")
  printf '%-10s %12.0f %18s %18.3f %16.1f %8d\n' pgbench "$b_tps" "n/a" "$b_avg" "$(echo "$b_rss / $clients" | bc -l)" "$b_failed"
  read -r c_tps c_p95 c_avg c_rss c_failed < <(measure pgcertify "$bin" load "${flags[@]}" "$pooled")
  printf '%-10s %12.0f %18.3f %18.3f %16.1f %8d\n' pgcertify "$c_tps" "$c_p95" "$c_avg" "$(echo "$c_rss / $clients" | bc -l)" "$c_failed"
done
printf 'ratio pgcertify/pgbench tps = %.3f, rss_per_connection = %.3f\n' \
  "$(echo "$c_tps / $b_tps" | bc -l)" "$(echo "$c_rss / $b_rss" | bc -l)"
