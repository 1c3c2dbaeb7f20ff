#!/usr/bin/env bash
# Runs every benchmark under bench/ (each compares libmsbridge with a peer on the same work in
# the same run and prints a Markdown table on stdout), counts instructions of the hot paths
# with valgrind --tool=callgrind, and writes docs/performance.md from the prose in bench/doc/
# and the tables of this run, with the machine facts (CPU, load average, commit, date).
#
#   bench/run_all.sh                 Release build in build-bench/, full sizes, rewrite the doc
#   bench/run_all.sh --quick         smallest sizes (a smoke run of the harness, ~30 s)
#   options: --lib DIR    use the library already built in DIR (no Release build)
#            --out FILE   write the page to FILE instead of docs/performance.md ('-': stdout)
#            --only ID    run only benchmark ID (repeatable; ids: see BENCHES below)
#            --no-callgrind
# Exit status: non-zero if any benchmark failed or printed no Markdown table.
# The contract of a benchmark: `<command> [--quick]` prints one or more Markdown tables (and
# nothing else) on stdout, diagnostics on stderr, exits 0; every row with a peer has the ratio.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=""
LIBDIR=""
OUT=docs/performance.md
CALLGRIND=1
ONLY=()
while (($#)); do
  case $1 in
    --quick) QUICK=--quick ;;
    --lib) LIBDIR=$2; shift ;;
    --out) OUT=$2; shift ;;
    --only) ONLY+=("$2"); shift ;;
    --no-callgrind) CALLGRIND=0 ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
  shift
done
log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
JOBS=${MSB_JOBS:-2}
PY=${MSB_PYTHON:-/usr/bin/python3}

if [[ -z $LIBDIR ]]; then
  LIBDIR=build-bench
  log "Release build (-O3, no sanitizers) in $LIBDIR/"
  cmake -S . -B "$LIBDIR" -DCMAKE_BUILD_TYPE=Release -DMSB_BUILD_TESTS=OFF -DMSB_BUILD_FORTRAN=OFF \
    -DMSB_BUILD_EXAMPLES=OFF -DMSB_BUILD_TOOLS=OFF >/dev/null || exit 1
  cmake --build "$LIBDIR" -j "$JOBS" >/dev/null || exit 1
fi
LIBDIR=$(cd "$LIBDIR" && pwd)
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$LIBDIR/CMakeCache.txt" 2>/dev/null)
BIN=$LIBDIR/bench
mkdir -p "$BIN"
for c in law_eval callgrind_hot; do
  # build under a private name and rename: parallel smoke tests share $BIN
  ${CC:-gcc} -O2 -std=c11 -Wall -Wextra -I include -I "$LIBDIR/include" "bench/$c.c" -o "$BIN/$c.$$" \
    -L "$LIBDIR" -lmsbridge -Wl,-rpath,"$LIBDIR" -lm && mv -f "$BIN/$c.$$" "$BIN/$c" || exit 1
done
export MSBRIDGE_LIBRARY=$LIBDIR/libmsbridge.so PYTHONPATH=$ROOT/bindings/python
# Every benchmark is single-threaded on both sides unless it says otherwise.
export OPENBLAS_NUM_THREADS=1

# id | command (run from the repository root)
BENCHES=(
  "law_eval|$BIN/law_eval $QUICK"
  "law_eval_numpy|$PY bench/law_eval_numpy.py $QUICK"
  "green_kubo|$PY bench/bench_green_kubo.py $QUICK"
  "vrh|$PY bench/vrh_bench.py $QUICK"
  "thermo|$PY bench/bench_thermo.py $QUICK"
  "lattice|$PY bench/lattice_bench.py $QUICK"
)
[[ -f bench/msd_bench.py ]] && BENCHES+=("msd|$PY bench/msd_bench.py $QUICK")

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
FAILED=()
wanted() { ((${#ONLY[@]} == 0)) && return 0; local o; for o in "${ONLY[@]}"; do [[ $o == "$1" ]] && return 0; done; return 1; }
for b in "${BENCHES[@]}"; do
  id=${b%%|*}; cmd=${b#*|}
  wanted "$id" || continue
  log "$id: $cmd"
  t0=$(date +%s)
  if $cmd >"$TMP/$id.out" 2>"$TMP/$id.err" && grep -q '^|---' "$TMP/$id.out"; then
    log "$id: done in $(($(date +%s) - t0)) s (load average $(cut -d' ' -f1 /proc/loadavg))"
  else
    FAILED+=("$id"); log "$id: FAILED"; tail -n 20 "$TMP/$id.err" >&2
  fi
  echo "$(cut -d' ' -f1 /proc/loadavg)" >"$TMP/$id.load"
done

# Instruction counts: Ir(n2) - Ir(n1) over n2 - n1 cancels setup and library loading.
if ((CALLGRIND)) && wanted callgrind; then
  if command -v valgrind >/dev/null; then
    log "callgrind: instruction counts of the hot paths"
    {
      echo "| hot path | unit | instructions per unit (Ir) | n1, n2 |"
      echo "|---|---|---|---|"
      for spec in "law_values|msb_law_eval|Arrhenius values (\`msb_law_eval\`: input check, kernel, output check)|point|20000|40000" \
                  "law_deriv|msb_law_eval|Arrhenius values + dD/dT (\`msb_law_eval\`)|point|20000|40000" \
                  "cohesive|msb_law_eval|exponential cohesive law, values + dT/ddelta (\`msb_law_eval\`)|point|20000|40000" \
                  "vrh|msb_elastic_moduli|Voigt-Reuss-Hill moduli (\`msb_elastic_moduli\`, 11 properties)|tensor|200|400" \
                  "hull|msb_hull_analyze|binary hull, all outputs (\`msb_hull_analyze\`)|entry|5000|10000" \
                  "msd|msb_msd_compute|all-origin MSD tensor, 1000 frames (\`msb_msd_compute\`)|atom-frame|40|80"; do
        IFS='|' read -r what fn text unit n1 n2 <<<"$spec"
        # MSB_CALLGRIND_PATHS="law_values msd ..." limits the paths (the smoke tests use it)
        [[ -n ${MSB_CALLGRIND_PATHS:-} && " $MSB_CALLGRIND_PATHS " != *" $what "* ]] && continue
        if [[ -n $QUICK ]]; then n1=$((n1 / 10)); n2=$((n2 / 10)); fi
        ir=()
        for n in "$n1" "$n2"; do
          valgrind --tool=callgrind --toggle-collect="$fn" --callgrind-out-file="$TMP/cg.$what.$n" "$BIN/callgrind_hot" "$what" "$n" \
            >/dev/null 2>"$TMP/cg.$what.$n.err" || { FAILED+=("callgrind:$what"); break; }
          ir+=("$(sed -n 's/^summary: *//p; s/^totals: *//p' "$TMP/cg.$what.$n" | head -n1 | cut -d' ' -f1)")
        done
        ((${#ir[@]} == 2)) || continue
        [[ $what == msd ]] && scale=1000 || scale=1
        echo "| $text | $unit | $(( (ir[1] - ir[0]) / ((n2 - n1) * scale) )) | $n1, $n2 |"
      done
    } >"$TMP/callgrind.out"
  else
    log "valgrind not found: no instruction counts"
    echo "(valgrind not installed: no instruction counts in this run)" >"$TMP/callgrind.out"
  fi
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

versions=$($PY - <<'EOF' 2>/dev/null
import importlib
out = []
for m in ("numpy", "scipy", "pymatgen.core"):
    try:
        mod = importlib.import_module(m)
        out.append(f"{m.split('.')[0]} {getattr(mod, '__version__', '?')}")
    except Exception:
        out.append(f"{m.split('.')[0]} (not installed)")
print(", ".join(out))
EOF
)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"

emit() {
  cat bench/doc/00-intro.md
  echo
  echo "## This run"
  echo
  echo "| fact | value |"
  echo "|---|---|"
  echo "| date (UTC) | $(date -u '+%Y-%m-%d %H:%M') |"
  echo "| commit | $commit |"
  echo "| CPU | $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1), $(nproc) cores |"
  echo "| load average (1, 5, 15 min) | start $LOAD_START; end $LOAD_END |"
  echo "| library build | $BUILD_TYPE, $(${CC:-gcc} --version | head -n1) |"
  echo "| Python peers | $versions |"
  echo "| mode | ${QUICK:-full sizes} |"
  for b in "${BENCHES[@]}" "callgrind|"; do
    id=${b%%|*}
    [[ -f $TMP/$id.out ]] || continue
    echo
    cat "bench/doc/$id.md"
    echo
    if [[ -f $TMP/$id.load ]]; then
      echo "Measured in this run (1-min load average at the end: $(cat "$TMP/$id.load")):"
    else
      echo "Counted in this run:"
    fi
    echo
    cat "$TMP/$id.out"
  done
  if ((${#FAILED[@]})); then
    echo
    echo "**Failed in this run:** ${FAILED[*]}"
  fi
}
if [[ $OUT == - ]]; then
  emit
else
  emit >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"
  log "wrote $OUT"
fi
if ((${#ONLY[@]})) && ! ls "$TMP"/*.out >/dev/null 2>&1; then
  FAILED+=("no benchmark matched --only ${ONLY[*]}")
fi
if ((${#FAILED[@]})); then
  log "failed: ${FAILED[*]}"
  exit 1
fi
