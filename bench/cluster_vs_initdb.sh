#!/usr/bin/env bash
# Time from nothing to a server answering its first query, median of N runs:
#   plain:     initdb --no-sync + pg_ctl start -w + psql -c 'SELECT 1'
#   pgcertify: pgcertify cluster up (copies a cached initdb'd template, polls readiness every 2 ms)
#              + psql -c 'SELECT 1'
# Both run in the same folder, $BENCH_DIR (default /tmp, a disk here; try BENCH_DIR=/dev/shm).
# Last line: ratio pgcertify/plain startup = X   (target <= 0.6)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
base=${BENCH_DIR:-/tmp}
bin=${PGCERTIFY:-build/pgcertify}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[[ -x $bin ]] || { echo "build first: make build" >&2; exit 1; }

as_server() {  # initdb and pg_ctl refuse to run as root
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

plain_once() {
  local dir port start end
  dir=$(mktemp -d "$base/bench-plain-XXXXXX"); chmod 755 "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
  port=$(( 20000 + RANDOM % 20000 ))
  start=$(now)
  as_server "$pgbin/initdb" -D "$dir/data" -U postgres -A trust --no-sync --no-instructions >/dev/null
  as_server "$pgbin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null
  end=$(now)
  as_server "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null
  rm -rf "$dir"
  echo "$end - $start" | bc
}

pgcertify_once() {
  local dir dsn start end
  dir=$(mktemp -d -u "$base/bench-pgcertify-XXXXXX")
  start=$(now)
  dsn=$("$bin" cluster up --dir "$dir")
  psql "$dsn" -Atqc 'SELECT 1' >/dev/null
  end=$(now)
  "$bin" cluster down --dir "$dir"
  echo "$end - $start" | bc
}

pgcertify_once >/dev/null  # the first run builds the template cache; it is not timed
plain=() ; ours=()
for _ in $(seq "$runs"); do  # alternate, so both see the same machine state
  plain+=("$(plain_once)")
  ours+=("$(pgcertify_once)")
done
p=$(printf '%s\n' "${plain[@]}" | median)
o=$(printf '%s\n' "${ours[@]}" | median)
echo "folder: $base, $runs runs each, alternating"
echo "plain initdb+pg_ctl+query: runs ${plain[*]}  median ${p}s"
echo "pgcertify cluster up+query: runs ${ours[*]}  median ${o}s"
printf 'ratio pgcertify/plain startup = %.2f\n' "$(echo "$o / $p" | bc -l)"
