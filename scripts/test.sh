#!/usr/bin/env bash
# The whole test suite: install what is missing, build and run ctest in the
# default preset, then again under AddressSanitizer + UBSan (asan preset).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
for preset in default asan; do
  bash scripts/build.sh "$preset"
  echo "==> testing preset '$preset'"
  ctest --preset "$preset"
done
