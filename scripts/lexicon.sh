#!/usr/bin/env bash
# The Dutch lexicon for compound splitting (search/lexicon.py): OpenTaal's Hunspell
# dictionary, Debian package hunspell-nl, at /usr/share/hunspell/nl.{aff,dic}.
# Installs it when missing and the machine can (root with apt-get); otherwise says how.
# Search works without it, but compounds are then not split.
set -euo pipefail
DIC="${HUNSPELL_NL:-/usr/share/hunspell/nl}"
[[ -f "$DIC.dic" && -f "$DIC.aff" ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "[lexicon] installing hunspell-nl (Dutch Hunspell dictionary) ..." >&2
  apt-get update -qq >/dev/null || true  # a fresh machine has no package lists yet
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q hunspell-nl >/dev/null
else
  echo "[lexicon] WARNING: no Dutch dictionary at $DIC.dic: install hunspell-nl" \
    "(sudo apt-get install hunspell-nl) or set HUNSPELL_NL; compounds are not split." >&2
fi
