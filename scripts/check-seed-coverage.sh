#!/usr/bin/env bash
# Keeps docs/seed-coverage.md honest against the reference plans:
#  1. every check the matrix cites (`examples/<plan>.yaml: <check name>` in backticks) exists in
#     that plan, as `pgcertify run PLAN --list` prints it;
#  2. every check of the reference plans (heroes and ytempire, with their volume plans) cites a seed section
#     at the start of its name ("1.1 …", "2.3/7.1 …", "001 …", "§2.1 …", "Appendix A …");
#  3. every check of those plans is cited by at least one row (the matrix and --list agree);
#  4. every row has a status (executed by a cited check, "partly: …", "not yet: … #N" naming the
#     open issue, or "out of scope: …"), and the counts table at the top agrees with the rows.
#   scripts/check-seed-coverage.sh [PGCERTIFY_BINARY]    exit 0: consistent; 1: findings listed
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin=${1:-"$root/build/pgcertify"}
[[ -x "$bin" ]] || { echo "check-seed-coverage: $bin is not an executable (build the pgcertify target)" >&2; exit 2; }
exec python3 - "$root" "$bin" <<'PY'
import re, subprocess, sys, collections

root, binary = sys.argv[1], sys.argv[2]
matrix_path = f"{root}/docs/seed-coverage.md"
plans = ["examples/heroes/plan.yaml", "examples/heroes/stress.yaml",
         "examples/ytempire/plan.yaml", "examples/ytempire/volume.yaml"]
problems = []

def listed(plan):
    """check names of a plan, from `pgcertify run PLAN --list` (suite lines, then '  kind  name')."""
    out = subprocess.run([binary, "run", f"{root}/{plan}", "--list"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"check-seed-coverage: {binary} run {plan} --list exited {out.returncode}: {out.stderr.strip()}")
    names = []
    for line in out.stdout.splitlines():
        m = re.match(r"^  (\S+)\s+(.*)$", line)
        if m:
            names.append(m.group(2).strip())
    return names

checks = {plan: listed(plan) for plan in plans}

# 2. every check of the reference plans cites its seed section at the start of its name
section = re.compile(r"^(§?\d+(\.\d+)*[a-z]?(/\d+(\.\d+)*)*( \+ \d+(\.\d+)*)*|00[0-4]|Appendix [A-Z])\b")
for plan, names in checks.items():
    for name in names:
        if not section.match(name):
            problems.append(f"{plan}: check '{name}' does not start with a seed section (e.g. '1.1 …', '001 …', 'Appendix A …')")

# 1 and 3. the matrix rows
text = open(matrix_path, encoding="utf-8").read()
cite = re.compile(r"`(examples/[a-z_/]+\.yaml): ([^`]+)`")
counts = collections.defaultdict(collections.Counter)
rows = 0
for lineno, line in enumerate(text.splitlines(), 1):
    cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
    if len(cells) != 4 or not re.fullmatch(r"00[0-4]", cells[0]):
        continue
    rows += 1
    seed, status = cells[0], cells[3]
    cited = cite.findall(status)
    for plan, name in cited:
        if plan not in checks:
            problems.append(f"docs/seed-coverage.md:{lineno}: cites {plan}, which is not one of {', '.join(plans)}")
        elif name not in checks[plan]:
            problems.append(f"docs/seed-coverage.md:{lineno}: cites '{name}', which {plan} has no check named")
    if status.startswith("executed"):
        if not cited:
            problems.append(f"docs/seed-coverage.md:{lineno}: 'executed' without a cited check")
        counts[seed]["executed"] += 1
    elif status.startswith("partly:"):
        counts[seed]["partly"] += 1
    elif status.startswith("not yet:"):
        if not re.search(r"#\d+", status):
            problems.append(f"docs/seed-coverage.md:{lineno}: 'not yet' without the open issue (#N) that builds it")
        counts[seed]["not yet"] += 1
    elif status.startswith("out of scope:"):
        counts[seed]["out of scope"] += 1
    else:
        problems.append(f"docs/seed-coverage.md:{lineno}: status must start with executed / partly: / not yet: / out of scope:")

# the counts table: "| 000 | executed | partly | not yet | out of scope | total |" rows under <!-- counts -->
block = text.split("<!-- counts -->", 1)
if len(block) < 2:
    problems.append("docs/seed-coverage.md: no '<!-- counts -->' table")
else:
    for line in block[1].split("<!-- /counts -->", 1)[0].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"00[0-4]", cells[0]):
            seed = cells[0]
            want = [counts[seed][k] for k in ("executed", "partly", "not yet", "out of scope")]
            want.append(sum(want))
            have = [int(c) if c.isdigit() else c for c in cells[1:]]
            if have != want:
                problems.append(f"docs/seed-coverage.md: counts for seed {seed} say {have}, the rows give {want}")

cited_all = {(p, n) for p, n in cite.findall(text)}
uncited = [f"{p}: {n}" for p, names in checks.items() for n in names if (p, n) not in cited_all]
for u in uncited:
    problems.append(f"docs/seed-coverage.md: no row cites {u} (add it to the row of the requirement it executes)")
for p in problems:
    print(p)
print(f"check-seed-coverage: {rows} requirement rows, {sum(len(v) for v in checks.values())} checks in "
      f"{len(plans)} plans, {len(uncited)} checks not cited by any row, {len(problems)} problems")
sys.exit(1 if problems else 0)
PY
