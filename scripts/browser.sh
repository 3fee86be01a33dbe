#!/usr/bin/env bash
# The browser for the browser tests: Debian's chromium, installed when missing.
#
#   scripts/browser.sh path    install if needed, print the executable's path
#
# Playwright (from PyPI) drives it; no browser is ever downloaded from elsewhere (never run
# `playwright install`). Under CI=true a browser that cannot be installed fails the run.
set -euo pipefail
LOG_PREFIX="browser"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM="${WWDW_CHROMIUM:-/usr/bin/chromium}"

case "${1:-path}" in
  path)
    if [[ ! -x "$CHROMIUM" ]]; then
      [[ "$(id -u)" == 0 ]] || die "chromium is missing; install it with: sudo apt-get install chromium"
      log "installing chromium from Debian's packages ..."
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq chromium >/dev/null || die "apt-get install chromium failed"
    fi
    [[ -x "$CHROMIUM" ]] || die "no chromium at $CHROMIUM"
    echo "$CHROMIUM"
    ;;
  *) die "usage: scripts/browser.sh path" ;;
esac
