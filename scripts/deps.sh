#!/usr/bin/env bash
# Installs the Debian 12 packages Cohort needs, only those that are missing.
# Sourced or run by scripts/demo.sh and scripts/test.sh; safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libspdlog-dev libfmt-dev rapidjson-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libsodium-dev
  binutils tzdata
  # plugins: mail and webhooks (libcurl), documents (cairo + pango, QR codes, fonts for every script)
  libcurl4-openssl-dev libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-core fonts-noto-cjk
  # tests against real tools: an SMTP sink, PDF text and QR decoding, an independent signature check
  python3 python3-aiosmtpd poppler-utils zbar-tools openssl
)
if [[ "${COHORT_WITH_NODE:-0}" == 1 ]]; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "==> installing missing Debian packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: packages are missing and this is not root; run as root or install: ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
