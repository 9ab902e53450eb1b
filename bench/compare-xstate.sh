#!/usr/bin/env bash
# Cohort against XState 5 on the same 5-state linear workflow, in the same run:
#   bench/compare-xstate.sh [N]      (N instances, default 100000)
# Environment:
#   RUNS=3            runs of each side; the median of each figure is reported
#   COHORT_BIN=PATH   the cohort binary (default build/default/bin/cohort, built if needed)
#   COHORT_THREADS=K  pass --threads K to cohort (default: one worker per core)
# Installs node/npm (apt) and the XState package (npm, from bench/xstate/package-lock.json)
# when missing. Exits non-zero when either side fails or does not certify every instance.
set -euo pipefail

n=${1:-100000}
runs=${RUNS:-3}
if ! [[ $n =~ ^[1-9][0-9]*$ ]]; then echo "error: N must be a positive integer, got '$n'" >&2; exit 2; fi
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then echo "error: RUNS must be a positive integer, got '$runs'" >&2; exit 2; fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

say() { echo "==> $*" >&2; }

# Node and npm: Debian's packages.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing node and npm (apt)"
  if [[ $(id -u) -ne 0 ]]; then echo "error: node/npm missing and not root: apt-get install nodejs npm" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

# XState, pinned by the lockfile.
if [[ ! -f bench/xstate/node_modules/xstate/package.json ]]; then
  say "installing bench/xstate dependencies (npm ci)"
  (cd bench/xstate && npm ci --no-audit --no-fund --loglevel=error)
fi

# The cohort binary: an explicit one is used as is; the default preset's is brought up to date.
if [[ -n ${COHORT_BIN:-} ]]; then
  cohort=$COHORT_BIN
  [[ -x $cohort ]] || { echo "error: COHORT_BIN=$cohort is not an executable" >&2; exit 1; }
else
  cohort=build/default/bin/cohort
  if [[ -f build/default/build.ninja ]]; then
    say "bringing build/default/bin/cohort up to date"
    cmake --build build/default --target cohort -j "${COHORT_JOBS:-$(nproc)}" >&2
  else
    scripts/build.sh default >&2
  fi
  [[ -x $cohort ]] || { echo "error: the build did not produce $cohort" >&2; exit 1; }
fi

cohort_cmd=("$cohort" bench --instances "$n" --skip-programme --json)
if [[ -n ${COHORT_THREADS:-} ]]; then cohort_cmd+=(--threads "$COHORT_THREADS"); fi
xstate_cmd=(node --expose-gc bench/xstate/linear.mjs "$n")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Interleaved, so that whatever else the machine is doing falls on both sides alike.
for ((i = 1; i <= runs; ++i)); do
  say "run $i/$runs: cohort"
  if ! "${cohort_cmd[@]}" >>"$work/cohort.jsonl"; then echo "error: cohort bench failed (run $i)" >&2; exit 1; fi
  say "run $i/$runs: xstate"
  if ! "${xstate_cmd[@]}" >>"$work/xstate.jsonl"; then echo "error: the XState benchmark failed (run $i)" >&2; exit 1; fi
done

# The summary, computed by node (present by now) so the script needs no jq.
node - "$work/cohort.jsonl" "$work/xstate.jsonl" "${cohort_cmd[*]}" "${xstate_cmd[*]}" "$runs" <<'EOF'
const fs = require('fs');
const [cohortFile, xstateFile, cohortCmd, xstateCmd, runs] = process.argv.slice(2);
const rows = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const c = rows(cohortFile);
const x = rows(xstateFile);
if (c.length !== Number(runs) || x.length !== Number(runs)) {
  console.error(`error: expected ${runs} results per side, got cohort ${c.length}, xstate ${x.length}`);
  process.exit(1);
}
if (!x.every((r) => r.all_certified)) {
  console.error('error: an XState run did not certify every actor');
  process.exit(1);
}
const C = {
  events_per_s: median(c.map((r) => r.events_per_s)),
  instances_per_s: median(c.map((r) => r.instances_per_s)),
  rss_bytes_per_instance: median(c.map((r) => r.rss_bytes_per_instance)),
  threads: c[0].threads,
};
const X = {
  events_per_s: median(x.map((r) => r.events_per_s)),
  actors_per_s: median(x.map((r) => r.actors_per_s)),
  rss_bytes_per_actor: median(x.map((r) => r.rss_bytes_per_actor)),
  xstate_version: x[0].xstate_version,
  node_version: x[0].node_version,
};
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const R = {
  events_per_s: ratio(C.events_per_s, X.events_per_s),
  creations_per_s: ratio(C.instances_per_s, X.actors_per_s),
  bytes_per_instance: ratio(C.rss_bytes_per_instance, X.rss_bytes_per_actor),
};
const f0 = (v) => Math.round(v).toLocaleString('en-US');
const f2 = (v) => v.toFixed(2);
const n = c[0].instances;
console.log(`5-state linear workflow, ${f0(n)} instances x 4 events, median of ${runs} runs each`);
console.log('');
console.log(`                        cohort (${C.threads} thr)   xstate ${X.xstate_version} (node ${X.node_version})   cohort/xstate`);
console.log(`  events/s           ${f0(C.events_per_s).padStart(15)}   ${f0(X.events_per_s).padStart(24)}   ${f2(R.events_per_s).padStart(13)}`);
console.log(`  creations/s        ${f0(C.instances_per_s).padStart(15)}   ${f0(X.actors_per_s).padStart(24)}   ${f2(R.creations_per_s).padStart(13)}`);
console.log(`  RSS bytes/instance ${f0(C.rss_bytes_per_instance).padStart(15)}   ${f0(X.rss_bytes_per_actor).padStart(24)}   ${f2(R.bytes_per_instance).padStart(13)}`);
console.log('');
console.log('  (events/s and creations/s: higher is better; bytes/instance: lower is better)');
console.log('');
console.log('commands:');
console.log(`  cohort: ${cohortCmd}`);
console.log(`  xstate: ${xstateCmd}`);
console.log('');
console.log(JSON.stringify({ instances: n, runs: Number(runs), cohort: C, xstate: X, ratio_cohort_over_xstate: R }));
EOF
