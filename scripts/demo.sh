#!/usr/bin/env bash
# The main job: install what is missing, build, then generate and run a whole
# programme end to end (GLC-2025 by default) and print its funnel.
#   scripts/demo.sh [PROGRAMME.json] [APPLICANTS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh default
programme=${1:-workflows/programmes/glc-2025.json}
applicants=${2:-400}
seed=${3:-2025}
out=var/demo
# Each demo starts from scratch: until the durable event log lands, a run's state
# lives in memory only, so an earlier run's plugin data would not match it.
rm -rf "$out"
mkdir -p "$out"
cohort=build/default/bin/cohort
echo "==> generating $applicants applicants for $programme (seed $seed)"
"$cohort" generate "$programme" --applicants "$applicants" --seed "$seed" --plugin-dir build/default/plugins > "$out/events.jsonl"
echo "==> running $(wc -l < "$out/events.jsonl") events"
"$cohort" run "$programme" --events "$out/events.jsonl" --data-dir "$out" --plugin-dir build/default/plugins --until 2026-01-01
