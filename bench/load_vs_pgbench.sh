#!/usr/bin/env bash
# `pgcertify load` against `pgbench` on the same server, scripts and flags, alternating runs in
# one sitting: -b select-only and -b tpcb-like at -c 8 -j 2 and -c 100 -j 2, -M prepared.
# Prints each tool's tps and client CPU seconds (user+sys of the client process) per 10,000
# transactions (medians of REPS runs each); last line, the worst case over the configurations:
#   ratio pgcertify/pgbench client_cpu_per_tx = X   (target <= 0.8; tps ratio target >= 1.0)
# DURATION (seconds per run, default 10), REPS (default 3), SCALE (default 10) shorten or
# lengthen it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PGCERTIFY:-build/pgcertify}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[[ -x $bin ]] || { echo "build first: cmake --build build" >&2; exit 1; }
duration=${DURATION:-10}; reps=${REPS:-3}; scale=${SCALE:-10}
work=$(mktemp -d /tmp/bench-load-XXXXXX)
chmod 755 "$work"  # as root the server runs as postgres, which must reach the cluster folder
dsn=$("$bin" cluster up --dir "$work/cluster" --set max_connections=250)
trap '"$bin" cluster down --dir "$work/cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$pgbin/pgbench" -i -q -s "$scale" "$dsn" >/dev/null 2>&1

# Runs a client, prints "tps transactions cpu_seconds" (CPU of the child process only).
measure() {
  python3 - "$@" <<'PY'
import re, resource, subprocess, sys
out = subprocess.run(sys.argv[1:], capture_output=True, text=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
tps = re.search(r"^tps = ([0-9.]+)", out.stdout, re.M)
n = re.search(r"^number of transactions actually processed: ([0-9]+)", out.stdout, re.M)
if not tps or not n:
    sys.exit("no summary from %s:\n%s%s" % (sys.argv[1], out.stdout, out.stderr))
print(tps.group(1), n.group(1), "%.4f" % (r.ru_utime + r.ru_stime))
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

worst=""
printf '%-14s %4s %12s %12s %10s %14s %14s %9s\n' script -c pgbench_tps pgcertify_tps tps_ratio \
  pgbench_cpu/10k pgcertify_cpu/10k cpu_ratio
for script in select-only tpcb-like; do
  for clients in 8 100; do
    flags=(-n -b "$script" -c "$clients" -j 2 -T "$duration" -M prepared)
    bt=(); bc=(); ct=(); cc=()
    for _ in $(seq "$reps"); do
      read -r t n cpu < <(measure "$pgbin/pgbench" "${flags[@]}" "$dsn")
      bt+=("$t"); bc+=("$(echo "$cpu / $n * 10000" | bc -l)")
      read -r t n cpu < <(measure "$bin" load "${flags[@]}" "$dsn")
      ct+=("$t"); cc+=("$(echo "$cpu / $n * 10000" | bc -l)")
    done
    b_tps=$(printf '%s\n' "${bt[@]}" | median); c_tps=$(printf '%s\n' "${ct[@]}" | median)
    b_cpu=$(printf '%s\n' "${bc[@]}" | median); c_cpu=$(printf '%s\n' "${cc[@]}" | median)
    tps_ratio=$(echo "$c_tps / $b_tps" | bc -l); cpu_ratio=$(echo "$c_cpu / $b_cpu" | bc -l)
    printf '%-14s %4d %12.0f %12.0f %10.3f %14.3f %14.3f %9.3f\n' "$script" "$clients" "$b_tps" "$c_tps" \
      "$tps_ratio" "$b_cpu" "$c_cpu" "$cpu_ratio"
    if [[ -z $worst ]] || (( $(echo "$cpu_ratio > $worst" | bc -l) )); then worst=$cpu_ratio; fi
  done
done
printf 'ratio pgcertify/pgbench client_cpu_per_tx = %.3f\n' "$worst"
