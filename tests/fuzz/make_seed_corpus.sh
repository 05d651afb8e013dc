#!/usr/bin/env bash
# Collects one fuzz target's seed corpus into OUT_DIR (never into the repository): the inputs of
# that parser found in the repository (samples/, codebooks/, tests/data/<area>/, the hostile
# inputs in tests/data/hostile/, hand-written seeds in tests/fuzz/seeds/NAME/), the public EAF
# corpus in ../shared/corpus/eaf when it is present (those files are not ours to copy into the
# repo), and the target's saved regressions in tests/data/fuzz-regressions/NAME/.
# Usage: tests/fuzz/make_seed_corpus.sh NAME OUT_DIR    (NAME as in tests/fuzz/run.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
name=${1:?usage: make_seed_corpus.sh NAME OUT_DIR}
out=${2:?usage: make_seed_corpus.sh NAME OUT_DIR}

# Each case prints "DIR PATTERN" pairs, one per line: the files under DIR matching PATTERN.
sources() {
  case $1 in
    eaf)
      echo "samples *.eaf"
      echo "tests/data/eaf *"
      echo "tests/data/check *.eaf"
      echo "tests/data/hostile *.eaf"
      echo "../shared/corpus/eaf *"
      ;;
    codebook)
      echo "codebooks *.xml"
      echo "tests/data/codebook *.xml"
      echo "tests/data/hostile codebook_*"
      ;;
    project)
      echo "tests/data/check/project *.xml"
      echo "tests/data/hostile project_*"
      ;;
    ratings_csv | intervals_csv)
      echo "tests/data/stats *.csv"
      echo "tests/data/intervals *.csv"
      echo "tests/data/hostile *.csv"
      ;;
    elan_params) ;;
    elan_tier)
      echo "tests/data/plugin tier_*.xml"
      ;;
    *)
      echo "make_seed_corpus: unknown target '$1'" >&2
      return 1
      ;;
  esac
  echo "tests/fuzz/seeds/$1 *"
  echo "tests/data/fuzz-regressions/$1 *"
}

list=$(sources "$name")
# Inputs that still crash or hang the target (tests/data/fuzz-regressions/open/NAME/, not yet
# fixed) are left out wherever they come from: libFuzzer stops at the first failing seed.
open_sums=""
[[ -d tests/data/fuzz-regressions/open/$name ]] &&
  open_sums=$(find "tests/data/fuzz-regressions/open/$name" -type f -exec sha1sum {} + | cut -d' ' -f1)
mkdir -p "$out"
count=0
while read -r dir pattern; do
  [[ -d $dir ]] || continue
  while IFS= read -r -d '' f; do
    if [[ -n $open_sums ]] && grep -qx "$(sha1sum "$f" | cut -d' ' -f1)" <<<"$open_sums"; then
      echo "make_seed_corpus: leaving out $f (an open fuzz finding)" >&2
      continue
    fi
    # Files of the same name in different folders must not overwrite each other.
    cp "$f" "$out/$(printf '%s' "$f" | tr '/' '_')"
    count=$((count + 1))
  done < <(find "$dir" -type f -name "$pattern" ! -name '*.py' ! -name '*.md' -size -3M -print0)
done <<<"$list"
echo "make_seed_corpus: $count files for $name in $out" >&2
