#!/usr/bin/env bash
# Runs every libFuzzer target of BUILD_DIR for SECONDS each on its seed corpus (fuzz/corpus/<t>/,
# committed) plus a scratch corpus it grows in a temporary folder. Exit 1 on the first crash,
# leak, timeout (a hang: -timeout per input) or out-of-memory, with the reproducer kept.
#   scripts/run-fuzz.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build-fuzz"}
seconds=${2:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/pgcertify-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The project's own files are seeds too, read where they live rather than copied into fuzz/.
seed_from() {  # seed_from TARGET GLOB…: copies matching files into TARGET's scratch corpus
  local target=$1; shift
  mkdir -p "$work/$target"
  for f in "$@"; do [[ -f "$f" ]] && cp "$f" "$work/$target/$(echo "${f#"$root"/}" | tr / _)"; done
  return 0
}
seed_from plan_loader_fuzz "$root"/examples/*/*.yaml "$root"/tests/plans/*/plan.yaml
seed_from script_parser_fuzz "$root"/examples/*/load/*.sql
seed_from sql_split_fuzz "$root"/examples/*/migrations/*.sql
status=0
for target in plan_loader_fuzz script_parser_fuzz sql_split_fuzz dsn_fuzz pii_fuzz; do
  binary="$build/fuzz/$target"
  [[ -x "$binary" ]] || { echo "run-fuzz: $binary is not built (make fuzz builds it)" >&2; exit 2; }
  mkdir -p "$work/$target" "$work/artifacts"
  # The committed corpus holds only hand-written and once-crashing inputs; a target may have
  # none, and libFuzzer refuses a corpus folder that does not exist.
  corpora=("$work/$target")
  [[ -d "$root/fuzz/corpus/${target%_fuzz}" ]] && corpora+=("$root/fuzz/corpus/${target%_fuzz}")
  echo "== $target: ${seconds}s"
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$work/artifacts/$target-" -print_final_stats=1 \
      "${corpora[@]}" 2>"$work/$target.log"; then
    tail -40 "$work/$target.log"
    mkdir -p "$root/fuzz/findings"
    cp "$work"/artifacts/"$target"-* "$root/fuzz/findings/" 2>/dev/null || true
    echo "run-fuzz: $target found a problem; reproducer in fuzz/findings/" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$target.log" | tr '\n' ' '
    echo
  fi
done
exit $status
