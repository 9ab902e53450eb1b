#!/usr/bin/env bash
# The main job: install what is missing, build, then generate and run a whole
# programme end to end (GLC-2025 by default), print its funnel, and show what the
# people in it received: mails, PDFs and certificates.
#   scripts/demo.sh [PROGRAMME.json] [APPLICANTS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh default
programme=${1:-workflows/programmes/glc-2025.json}
applicants=${2:-400}
seed=${3:-2025}
out=var/demo
# Each demo starts from scratch: a data directory keeps its event log, outbox and
# certificates, and running other events into it would mix two programmes.
rm -rf "$out"
mkdir -p "$out"
cohort=build/default/bin/cohort
echo "==> generating $applicants applicants for $programme (seed $seed)"
"$cohort" generate "$programme" --applicants "$applicants" --seed "$seed" --plugin-dir build/default/plugins > "$out/events.jsonl"
echo "==> running $(wc -l < "$out/events.jsonl") events"
"$cohort" run "$programme" --events "$out/events.jsonl" --data-dir "$out" --plugin-dir build/default/plugins --until 2026-01-01

count() { find "$1" -type f -name "$2" 2>/dev/null | wc -l; }
mails=$(count "$out/outbox" '*.eml')
pdfs=$(count "$out/documents" '*.pdf')
certificates=$(find "$out/certificates" -maxdepth 1 -type f -name '*.json' ! -name '*.credential.json' ! -name '*.revocation.json' 2>/dev/null | wc -l)
revoked=$(count "$out/certificates" '*.revocation.json')
echo
echo "==> what the participants received (in $out/)"
echo "  $mails mails in $out/outbox/*.eml (no SMTP server configured: set COHORT_SMTP_URL to send them)"
if [ "$mails" -gt 0 ]; then
  grep -h '^X-Cohort-Kind:' "$out"/outbox/*.eml | sed 's/^X-Cohort-Kind: //' | sort | uniq -c | sed 's/^/    /'
fi
echo "  $pdfs PDFs in $out/documents/ (invitation letters and certificates, named by their SHA-256)"
echo "  $certificates certificates in $out/certificates/ (NUMBER.json, NUMBER.credential.json; $revoked revoked)"
first=$(find "$out/certificates" -maxdepth 1 -type f -name '*.json' ! -name '*.credential.json' ! -name '*.revocation.json' 2>/dev/null | sort | head -n 1)
if [ -n "$first" ]; then
  echo
  echo "==> verifying one certificate: $cohort verify $first --data-dir $out"
  "$cohort" verify "$first" --data-dir "$out" || true
fi
