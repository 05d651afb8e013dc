#!/usr/bin/env bash
# Builds Rapport's libFuzzer targets with clang 14 (ASan + UBSan), replays the saved regressions
# and fuzzes. One fuzzer process at a time, one after another.
#   tests/fuzz/run.sh [SECONDS]             build all, replay all regressions, fuzz every target
#                                           SECONDS each (default 60)
#   tests/fuzz/run.sh --regressions         build all, only replay tests/data/fuzz-regressions/
#   tests/fuzz/run.sh --target NAME SECONDS build NAME, replay its regressions, fuzz it SECONDS
#   tests/fuzz/run.sh --list                the target names
# Targets (tests/fuzz/README.md): eaf codebook project ratings_csv intervals_csv elan_params
# elan_tier. Crashes, timeouts and leaks are written to <build>/artifacts/NAME/; save a
# reproducer under tests/data/fuzz-regressions/NAME/ (named for what it breaks) so that it is
# replayed from then on. The corpus grows in <build>/corpus/NAME/ from run to run. Each fuzz run
# prints libFuzzer's final stats and appends a line to <build>/ledger.tsv; a summary table ends
# the run. Exits 1 if any target crashed, leaked or timed out (the others still run).
# Environment: RAPPORT_FUZZ_BUILD (build dir, default build/fuzz); RAPPORT_FUZZ_XERCES (a prefix
# made by tests/fuzz/build_instrumented_xerces.sh: link against Xerces-C and ICU built with ASan;
# use a build dir of its own, CMake keeps the first Xerces it found).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${RAPPORT_FUZZ_BUILD:-build/fuzz}
all_targets=(eaf codebook project ratings_csv intervals_csv elan_params elan_tier)

# Per target: dictionary and the largest input libFuzzer makes (mutating megabytes costs time).
dict_of() {
  case $1 in
    eaf) echo tests/fuzz/eaf.dict ;;
    codebook) echo tests/fuzz/codebook.dict ;;
    project) echo tests/fuzz/project.dict ;;
    ratings_csv | intervals_csv) echo tests/fuzz/csv.dict ;;
    elan_params | elan_tier) echo tests/fuzz/elan_recognizer.dict ;;
  esac
}
max_len_of() {
  case $1 in
    eaf) echo 131072 ;;    # EAF files are big; 128 KiB keeps mutations of the 2.6 MB files affordable
    codebook) echo 65536 ;; # the shipped 3rs-2015.xml is 35 KB
    *) echo 16384 ;;
  esac
}

usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
mode=fuzz
seconds=60
targets=("${all_targets[@]}")
case ${1:-} in
  --regressions) mode=replay ;;
  --list) printf '%s\n' "${all_targets[@]}"; exit 0 ;;
  --target)
    [[ $# -ge 2 ]] || usage
    [[ " ${all_targets[*]} " == *" $2 "* ]] || { echo "run.sh: unknown target '$2'" >&2; usage; }
    targets=("$2")
    seconds=${3:-60}
    ;;
  -h | --help) usage ;;
  '') ;;
  *) seconds=$1 ;;
esac
[[ $seconds =~ ^[0-9]+$ ]] || usage

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
xerces=()
run_env=()
if [[ -n ${RAPPORT_FUZZ_XERCES:-} ]]; then
  # Xerces-C and ICU built with ASan by tests/fuzz/build_instrumented_xerces.sh.
  p=$(realpath "$RAPPORT_FUZZ_XERCES")
  [[ -f $p/lib/libxerces-c.so ]] || { echo "run.sh: no instrumented Xerces in $p" >&2; exit 2; }
  xerces=(-DXercesC_INCLUDE_DIR="$p/include" -DXercesC_LIBRARY="$p/lib/libxerces-c.so" -DCMAKE_BUILD_RPATH="$p/lib")
  # Only for the targets: cmake and the shell's tools must keep the system's ICU.
  run_env=(env "LD_LIBRARY_PATH=$p/icu/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
fi
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRAPPORT_FUZZ=ON \
  -DRAPPORT_BUILD_TESTS=OFF -DRAPPORT_WERROR=ON -DCMAKE_CXX_FLAGS="$flags" "${xerces[@]}" >/dev/null
cmake --build "$build" --target "${targets[@]/#/rapport_fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0}
common=(-timeout=10 -rss_limit_mb=2048)
failed=()

# Replays tests/data/fuzz-regressions/NAME/* (each file once).
replay() {
  local name=$1 bin=$build/tests/fuzz/rapport_fuzz_$1
  local files=()
  [[ -d tests/data/fuzz-regressions/$name ]] &&
    mapfile -t files < <(find "tests/data/fuzz-regressions/$name" -type f ! -name '*.md' | sort)
  [[ ${#files[@]} -gt 0 ]] || return 0
  echo "== $name: replaying ${#files[@]} saved regression(s)"
  if ! "${run_env[@]}" "$bin" "${common[@]}" "${files[@]}" >"$build/replay-$name.log" 2>&1; then
    cat "$build/replay-$name.log" >&2
    echo "== $name: a saved regression fails again" >&2
    failed+=("$name (regression)")
  fi
}

summary=()
fuzz() {
  local name=$1 bin=$build/tests/fuzz/rapport_fuzz_$1
  local seeds=$build/seed-corpus/$name work=$build/corpus/$name artifacts=$build/artifacts/$name/
  local log=$build/fuzz-$name.log
  rm -rf "$seeds"
  bash tests/fuzz/make_seed_corpus.sh "$name" "$seeds"
  mkdir -p "$work" "$artifacts"
  echo "== $name: fuzzing for $seconds s"
  local start end rc=0
  start=$(date +%s)
  "${run_env[@]}" "$bin" "$work" "$seeds" -dict="$(dict_of "$name")" -max_total_time="$seconds" -max_len="$(max_len_of "$name")" \
    "${common[@]}" -print_final_stats=1 -artifact_prefix="$artifacts" >"$log" 2>&1 || rc=$?
  end=$(date +%s)
  local execs corpus
  # A target that fails on its seeds prints no corpus line (and no stats if it crashed).
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1) || true
  corpus=$(grep -o 'corp: [0-9]*/[0-9A-Za-z]*' "$log" | tail -1 | cut -d' ' -f2) || true
  execs=${execs:-0}
  local wall=$((end - start))
  local rate=$((execs / (wall > 0 ? wall : 1)))
  if [[ $rc -ne 0 ]]; then
    tail -n 60 "$log" >&2
    echo "== $name: FAILED (exit $rc); reproducer in $artifacts, log in $log" >&2
    failed+=("$name")
  fi
  grep '^stat::' "$log" || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$name" "$execs" "$wall" "$rate" "${corpus:-?}" \
    "$([[ $rc -eq 0 ]] && echo ok || echo FAILED)" >>"$build/ledger.tsv"
  summary+=("$(printf '%-14s %12s execs %6s s %8s exec/s  corpus %-14s %s' "$name" "$execs" "$wall" "$rate" \
    "${corpus:-?}" "$([[ $rc -eq 0 ]] && echo ok || echo FAILED)")")
}

for t in "${targets[@]}"; do replay "$t"; done
if [[ $mode == fuzz ]]; then
  for t in "${targets[@]}"; do fuzz "$t"; done
  echo "== fuzzing summary (corpus: units/bytes as libFuzzer counts them; ledger in $build/ledger.tsv)"
  printf '%s\n' "${summary[@]}"
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "== FAILED: ${failed[*]}" >&2
  exit 1
fi
