#!/usr/bin/env bash
# Tests the Debian package as a user meets it: lintian, dpkg -i, `pgcertify run` on the
# installed quickstart example, dpkg -r, and checks nothing is left. Needs root (dpkg).
# Usage: scripts/test-package.sh [BUILD_DIR]   (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
debs=("$build_dir"/pgcertify_*_amd64.deb)
deb=${debs[0]}
[[ -f $deb ]] || { echo "test-package: no $build_dir/pgcertify_*_amd64.deb; run 'make package'" >&2; exit 1; }

if [[ $(id -u) -ne 0 ]]; then
  echo "test-package: skipped: dpkg -i needs root"
  exit 0
fi
# Never replace a pgcertify someone installed: this test installs and then removes its own.
if [[ -e /usr/bin/pgcertify ]] || dpkg-query -W -f='${Status}' pgcertify 2>/dev/null | grep -q installed; then
  echo "test-package: skipped: pgcertify is already installed on this machine ($(dpkg -S /usr/bin/pgcertify 2>/dev/null || echo /usr/bin/pgcertify))"
  exit 0
fi

if ! command -v lintian >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lintian
fi
echo "== lintian $deb"
lintian --fail-on error "$deb"   # errors fail the test; warnings are printed

echo "== dpkg-deb --info"
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Architecture|Depends|Recommends):'

installed=0
cleanup() { if [[ $installed -eq 1 ]]; then dpkg -r pgcertify >/dev/null || true; fi; }
trap cleanup EXIT

echo "== dpkg -i"
dpkg -i "$deb"
installed=1

# From a folder that is not the source tree, as a user would.
work=$(mktemp -d)
(
  cd "$work"
  pgcertify --version
  test -f /usr/share/man/man1/pgcertify.1.gz
  test -f /usr/share/bash-completion/completions/pgcertify
  bash -n /usr/share/bash-completion/completions/pgcertify
  pgcertify run /usr/share/pgcertify/examples/quickstart/plan.yaml
)
rm -rf "$work"

echo "== dpkg -r"
dpkg -r pgcertify
installed=0
if [[ -e /usr/bin/pgcertify || -e /usr/share/pgcertify ]] || command -v pgcertify >/dev/null; then
  echo "test-package: FAIL: files left after dpkg -r" >&2
  exit 1
fi
echo "test-package: ok"
