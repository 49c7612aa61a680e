#!/usr/bin/env bash
# Compares every `#include "layer/…"` under src/ with the "may include" column of
# src/README.md's table of layers, and fails on an include the table does not allow.
# The table is the contract: change it (and say why) before adding an include across layers.
#   scripts/check-layers.sh [SRC_DIR]    exit 0: every include allowed; 1: violations listed
set -euo pipefail
src=${1:-"$(dirname "$0")/../src"}
readme="$src/README.md"
[[ -f "$readme" ]] || { echo "check-layers: $readme not found" >&2; exit 2; }

# From each table row "| `layer/` | what | may include |": layer -> allowed layers ("*" = any).
declare -A allowed
while IFS= read -r row; do
  layer=$(sed -E 's/^\| `([a-z_]+)\/` \|.*/\1/' <<<"$row")
  may=$(awk -F'|' '{print $4}' <<<"$row")
  if grep -qE 'all of the above|everything' <<<"$may"; then
    allowed[$layer]="*"
  else
    allowed[$layer]=" $( (grep -oE '`[a-z_]+`' <<<"$may" || true) | tr -d '`' | tr '\n' ' ')"
  fi
done < <(grep -E '^\| `[a-z_]+/` \|' "$readme")

violations=0
for dir in "$src"/*/; do
  layer=$(basename "$dir")
  if [[ -z "${allowed[$layer]+x}" ]]; then
    echo "src/$layer/: no row in src/README.md's table of layers"
    violations=$((violations + 1))
    continue
  fi
  [[ "${allowed[$layer]}" == "*" ]] && continue
  while IFS=: read -r file line text; do
    target=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"$text")
    [[ "$target" == "$layer" ]] && continue
    [[ "${allowed[$layer]}" == *" $target "* ]] && continue
    echo "${file#"$src"/}:$line: $layer may not include $target (src/README.md allows:${allowed[$layer]:- nothing})"
    violations=$((violations + 1))
  done < <(grep -rnE '^#include "[a-z_]+/' "$dir" --include='*.hpp' --include='*.cpp' --include='*.inc' || true)
done

if ((violations > 0)); then
  echo "check-layers: $violations include(s) outside the layer table" >&2
  exit 1
fi
echo "check-layers: every include under src/ follows src/README.md's table (${#allowed[@]} layers)"
