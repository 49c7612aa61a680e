#!/usr/bin/env bash
# Regenerates src/pg/sqlstate_table.inc from the installed PostgreSQL's errcodes.txt.
set -euo pipefail
src=${1:-/usr/share/postgresql/15/errcodes.txt}
out=$(dirname "$0")/../src/pg/sqlstate_table.inc
{
  echo "// SQLSTATE codes and their condition names, from PostgreSQL 15's errcodes.txt"
  echo "// (regenerate with scripts/gen-sqlstate.sh when moving to a new major version)."
  grep -E '^[0-9A-Z]{5} +[EWS] +ERRCODE_' "$src" | awk 'NF>=4 {printf "    {\"%s\", \"%s\"},\n", $1, $4}'
} >"$out"
