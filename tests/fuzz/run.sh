#!/usr/bin/env bash
# Builds the EAF reader fuzz target with clang 14 + libFuzzer (ASan + UBSan) and runs it.
#   tests/fuzz/run.sh [SECONDS]        fuzz for SECONDS (default 60) starting from the seed corpus
#   tests/fuzz/run.sh --regressions    only replay tests/data/fuzz-regressions/ (exit 1 on a crash)
# Crashes, timeouts and leaks are written to <build>/artifacts/; save a reproducer under
# tests/data/fuzz-regressions/ (named for what it breaks) so that it is replayed from then on.
# Environment: RAPPORT_FUZZ_BUILD (build dir, default build/fuzz).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${RAPPORT_FUZZ_BUILD:-build/fuzz}
mode=${1:-60}

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRAPPORT_FUZZ=ON \
  -DRAPPORT_BUILD_TESTS=OFF -DRAPPORT_WERROR=ON -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$build" --target rapport_fuzz_eaf
target=$build/tests/fuzz/rapport_fuzz_eaf

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

regressions=(tests/data/fuzz-regressions/*)
if [[ -e ${regressions[0]} ]]; then
  echo "== replaying ${#regressions[@]} saved fuzz regressions"
  "$target" -runs=0 "${regressions[@]}"
fi
[[ $mode == --regressions ]] && exit 0

seeds=$build/seed-corpus
work=$build/corpus
rm -rf "$seeds"
bash tests/fuzz/make_seed_corpus.sh "$seeds"
mkdir -p "$work" "$build/artifacts"
echo "== fuzzing for $mode s"
# Inputs are capped at 128 KiB: mutations of the 2.6 MB corpus files would mostly cost time.
"$target" "$work" "$seeds" -dict=tests/fuzz/eaf.dict -max_total_time="$mode" -max_len=131072 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/"
