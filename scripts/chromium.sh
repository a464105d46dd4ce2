#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (playwright-core drives
# /usr/bin/chromium; `npx playwright install` cannot work on these machines). Installs the
# package `chromium` with apt-get (as root, or through sudo without a password) when it is
# missing; `npm test` runs this first (pretest), and so does .ci/run.
# CHROMIUM_PATH names another browser binary instead (nothing is installed then).
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || { echo "chromium.sh: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1; }
  exit 0
fi
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! sudo -n true 2>/dev/null; then
    echo "chromium.sh: Chromium is missing; install it as root: apt-get install -y chromium" >&2
    exit 1
  fi
  as_root=(sudo -n)
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium.sh: no apt-get here: install Chromium and set CHROMIUM_PATH to its binary" >&2
  exit 1
fi
echo "chromium.sh: installing Debian's chromium for the browser tests"
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "chromium.sh: $(/usr/bin/chromium --version 2>/dev/null || echo 'installed')"
