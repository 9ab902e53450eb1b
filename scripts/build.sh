#!/usr/bin/env bash
# Configures (once) and builds one CMake preset: scripts/build.sh [default|debug|asan]
set -euo pipefail
preset=${1:-default}
cd "$(dirname "$0")/.."
export CCACHE_DIR=${CCACHE_DIR:-$PWD/build/.ccache}
if [[ ! -f build/$preset/build.ninja ]]; then
  cmake --preset "$preset" >/dev/null
fi
echo "==> building preset '$preset'"
cmake --build --preset "$preset" -j "${COHORT_JOBS:-$(nproc)}"
