#!/usr/bin/env bash
# ABI check against the committed baseline (tests/abi/libmsbridge.abi, made by abidw) and the
# committed list of exported symbols (tests/abi/symbols.txt).
#  * Removing or changing an exported function or type incompatibly fails (abidiff's
#    ABIDIFF_ABI_INCOMPATIBLE_CHANGE bit), unless the SONAME changed (a declared break).
#  * The exported symbol list must equal the committed one: additions are deliberate — run
#    `./dev abi-update` and commit the new baseline with the change that adds them.
set -euo pipefail
lib=$1
here=$(cd "$(dirname "$0")" && pwd)
current=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ && $3 ~ /^msb_/ {print $3}' | sort)
if ! diff -u "$here/symbols.txt" <(echo "$current") > /tmp/msb_symbols.diff; then
  echo "exported symbols differ from tests/abi/symbols.txt (run ./dev abi-update if intended):"
  cat /tmp/msb_symbols.diff
  exit 1
fi
base_soname=$(grep -o 'soname=.[^"'"'"']*' "$here/libmsbridge.abi" | head -n1 | cut -c9-)
cur_soname=$(objdump -p "$lib" | awk '/SONAME/ {print $2}')
if [[ "$base_soname" != "$cur_soname" ]]; then
  echo "SONAME changed ($base_soname -> $cur_soname): ABI break declared, abidiff skipped"
  exit 0
fi
set +e
abidiff --no-added-syms "$here/libmsbridge.abi" "$lib" > /tmp/msb_abidiff.txt 2>&1
rc=$?
set -e
if (( rc & 8 )); then
  echo "incompatible ABI change against the baseline:"
  cat /tmp/msb_abidiff.txt
  exit 1
fi
if (( rc & 1 )); then
  echo "abidiff failed (rc $rc):"
  cat /tmp/msb_abidiff.txt
  exit 1
fi
echo "ABI compatible with the baseline ($(echo "$current" | wc -l) exported symbols, abidiff rc $rc)"
