#!/usr/bin/env bash
# pii_scan's full scan of a 1,000,000-row table (4 text columns: names, free text with dates and
# amounts, order codes, hashes; 4 planted values: an email, a UK phone number, a card number, an
# SSN) side by side with:
#   server_regex  the query a DBA would write: SELECT count(*) … WHERE col ~ '<email>' OR
#                 col ~ '<phone>' OR col ~ '<ssn>' OR col ~ '<card>' for each column (no Luhn,
#                 no phone plans, only counts)
#   old_std_regex the detectors pgcertify had before (std::regex, one search per detector per
#                 value; main's src/privacy/detectors.cpp in a tiny harness fed by psql COPY)
# Prints wall times, pgcertify's peak RSS and its message; last lines: the ratios.
#   ROWS=10000000 OLD=0 bench/pii_scan_vs_sql.sh   # constant memory at 10M (OLD=0: skip the
#                                                 # std::regex harness, ~3 min per 1M rows)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${PGCERTIFY:-build/pgcertify}")
rows=${ROWS:-1000000}
[[ -x $bin ]] || { echo "build first: cmake --build build" >&2; exit 1; }
[[ -x /usr/bin/time ]] || scripts/install-deps.sh >/dev/null
work=$(mktemp -d /tmp/bench-pii-XXXXXX)
chmod 755 "$work"
dsn=$("$bin" cluster up --dir "$work/cluster")
trap '"$bin" cluster down --dir "$work/cluster" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

psql "$dsn" -q -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE people_notes (id bigint PRIMARY KEY, display text, note text, code text, digest text);
INSERT INTO people_notes
SELECT g,
       (ARRAY['Ada','Grace','Alan','Edsger','Barbara'])[1 + g % 5] || ' ' ||
         (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov'])[1 + (g / 5) % 5],
       'lesson ' || g % 97 || ' completed on ' || (date '2024-01-01' + g % 365) || ', score ' ||
         (g % 1000) / 10.0 || ' of 100, v1.' || g % 20 || '.3',
       'ORD-2024-' || lpad((g % 1000000)::text, 6, '0'),
       md5(g::text)
FROM generate_series(1, $rows) g;
UPDATE people_notes SET note = 'contact jane.doe@example.com' WHERE id = $rows / 8;
UPDATE people_notes SET digest = 'call +44 20 7946 0958' WHERE id = $rows / 2;
UPDATE people_notes SET display = 'card 4111 1111 1111 1111' WHERE id = $rows * 7 / 9;
UPDATE people_notes SET code = 'SSN 123-45-6789' WHERE id = $rows;
VACUUM ANALYZE people_notes;
SQL

cat >"$work/plan.yaml" <<'YAML'
suites:
  - name: pii
    checks:
      - name: full scan
        timeout: 1h
        pii_scan: {relations: [people_notes], column_patterns: []}
YAML

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

# Warm the cache once (a sequential read of the heap), so no run pays for a cold start.
psql "$dsn" -qAt -c "SELECT count(*) FROM people_notes" >/dev/null

t0=$(now)
/usr/bin/time -f "%M" -o "$work/rss" "$bin" run "$work/plan.yaml" --dsn "$dsn" --report "json=$work/r.json" \
  >"$work/run.out" 2>&1 || true
t1=$(now)
pgc=$(secs "$t0" "$t1")
rss_mb=$(( $(tail -1 "$work/rss") / 1024 ))  # time(1) may first say "Command exited with non-zero status 1"
message=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(r['status'], '-', r['message'])" "$work/r.json")

email='[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}'
# Without Luhn the card pattern matches every score written as 50.0000000000000000 in `note`, so
# the query counts every row and OR stops after the second column: it reads less than pii_scan
# does, which only flatters the server side of the ratio.
phone='\+[0-9][0-9 ().-]{7,}[0-9]'
ssn='[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}'
card='([0-9][ -]?){12,18}[0-9]'
where=""
for col in display note code digest; do
  for re in "$email" "$phone" "$ssn" "$card"; do where+="${where:+ OR }$col ~ '$re'"; done
done
t0=$(now)
server_hits=$(psql "$dsn" -qAt -c "SELECT count(*) FROM people_notes WHERE $where")
t1=$(now)
sql=$(secs "$t0" "$t1")

# The previous detectors: the std::regex code before RE2 replaced it (the parent of c8406ca),
# one detect() per value, as pii_scan ran it.
old=""
if [[ ${OLD:-1} != 0 ]]; then
mkdir -p "$work/old/privacy"
git show c8406ca^:src/privacy/detectors.cpp >"$work/old/privacy/detectors.cpp"
git show c8406ca^:src/privacy/detectors.hpp >"$work/old/privacy/detectors.hpp"
cat >"$work/old/harness.cpp" <<'CPP'
#include <iostream>
#include <string>
#include "privacy/detectors.hpp"
int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  long long rows = 0, hits = 0;
  while (std::getline(std::cin, line)) {
    ++rows;
    size_t start = 0;
    while (true) {
      const size_t end = std::min(line.find('\t', start), line.size());
      hits += !pgcertify::privacy::detect(std::string_view(line).substr(start, end - start)).empty();
      if (end == line.size()) break;
      start = end + 1;
    }
  }
  std::cout << rows << " rows, " << hits << " values flagged\n";
}
CPP
nice g++ -std=c++20 -O2 -I"$work/old" "$work/old/harness.cpp" "$work/old/privacy/detectors.cpp" -o "$work/old/harness"
t0=$(now)
old_out=$(psql "$dsn" -qAt -c "COPY people_notes (display, note, code, digest) TO STDOUT" | "$work/old/harness")
t1=$(now)
old=$(secs "$t0" "$t1")
fi

echo "rows: $rows (4 text columns, 4 planted values)"
echo "pgcertify pii_scan (full scan, all 6 detectors): ${pgc} s, peak RSS ${rss_mb} MB"
echo "  $message"
echo "server-side regex count (4 patterns x 4 columns): ${sql} s, $server_hits rows matched (no Luhn: every long amount looks like a card)"
if [[ -n $old ]]; then echo "previous std::regex detectors (COPY | harness): ${old} s, $old_out"; fi
echo "ratio pgcertify/server_regex wall = $(echo "scale=2; $pgc / $sql" | bc)"
if [[ -n $old ]]; then echo "ratio pgcertify/old_std_regex wall = $(echo "scale=2; $pgc / $old" | bc)"; fi
