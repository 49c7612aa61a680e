#!/usr/bin/env bash
# Installs the Debian packages pgcertify builds and runs with, when any is missing.
# As root it runs apt-get; otherwise it prints the command to run.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  help2man  # the man page in `make package`
  libpq-dev libyaml-cpp-dev libcli11-dev nlohmann-json3-dev libfmt-dev libpg-query-dev libxxhash-dev
  libre2-dev libphonenumber-dev  # privacy/: pattern sets in one pass; phone numbers of every region
  libgtest-dev libbenchmark-dev
  postgresql-15 postgresql-contrib pgbouncer libxml2-utils bc
  postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl  # bench/schema_vs_pgtap.sh: pgTAP and pg_prove
  time python3  # bench/datagen_vs_copy.sh (peak RSS), bench/load_vs_pgbench.sh (client CPU)
  clang libclang-rt-14-dev  # make fuzz: libFuzzer with ASan and UBSan
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "pgcertify needs these Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The Debian package starts a system cluster on 5432; pgcertify starts its own, so leave it be.
