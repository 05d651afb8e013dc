#!/usr/bin/env bash
# Collects the fuzzer's seed corpus into OUT_DIR (never into the repository): the public EAF
# corpus in ../shared/corpus/eaf when it is present (those files are not ours to copy into the
# repo), samples/, the reader's test inputs in tests/data/ and saved fuzz regressions.
# Usage: tests/fuzz/make_seed_corpus.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: make_seed_corpus.sh OUT_DIR}
mkdir -p "$out"
sources=(samples tests/data)
[[ -d ../shared/corpus/eaf ]] && sources+=(../shared/corpus/eaf)
count=0
while IFS= read -r -d '' f; do
  # Files of the same name in different folders must not overwrite each other.
  name=$(printf '%s' "$f" | tr '/' '_')
  cp "$f" "$out/$name"
  count=$((count + 1))
done < <(find "${sources[@]}" -type f \( -name '*.eaf' -o -name '*.etf' -o -name '*.ecv' -o -name '*.xml' \
  -o -path '*fuzz-regressions/*' \) -size -3M -print0 2>/dev/null)
echo "make_seed_corpus: $count files in $out" >&2
