#!/usr/bin/env bash
# Builds the Xerces-C 3.2.4 and the ICU 72 common library that Debian 12 ships from their Debian
# source packages, with AddressSanitizer (and libFuzzer coverage for Xerces), into PREFIX:
#   tests/fuzz/build_instrumented_xerces.sh [PREFIX]      (default build/xerces-asan)
# Then fuzz against them:
#   RAPPORT_FUZZ_XERCES=build/xerces-asan RAPPORT_FUZZ_BUILD=build/fuzz-xasan tests/fuzz/run.sh ...
# Why: the system libraries are not instrumented, so a bad write inside them shows up only later,
# as a corrupted AddressSanitizer quarantine far from the cause (tests/fuzz/findings/
# 2026-12-07-asan-quarantine/). Built like this, ASan stops at the write with its stack.
# Needs the Debian source repositories in apt ("Types: deb deb-src" in
# /etc/apt/sources.list.d/debian.sources, then apt-get update) and clang. About 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix=$(realpath -m "${1:-build/xerces-asan}")
src=$prefix/src
mkdir -p "$src"
jobs=$(nproc)

fetch() { # fetch PACKAGE: unpacks its Debian source (patches applied) into $src
  (cd "$src" && apt-get source -qq "$1" >/dev/null) || {
    echo "build_instrumented_xerces: 'apt-get source $1' failed; add deb-src to the apt sources (see the header)" >&2
    exit 2
  }
}

if [[ ! -f $prefix/lib/libxerces-c.so ]]; then
  [[ -n $(compgen -G "$src/xerces-c-3.2.4*/CMakeLists.txt") ]] || fetch xerces-c
  xsrc=$(dirname "$(compgen -G "$src/xerces-c-3.2.4*/CMakeLists.txt" | head -1)")
  flags="-fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer -g"
  # The options Debian builds it with (debian/rules: ICU transcoder, curl net accessor).
  CC=clang CXX=clang++ cmake -S "$xsrc" -B "$src/xerces-build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBUILD_SHARED_LIBS=ON -Dtranscoder=icu -Dnetaccessor=curl -Dmessage-loader=inmemory \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address \
    -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
  cmake --build "$src/xerces-build" -j "$jobs" --target xerces-c
  # Only the library and its headers (the full install also wants the HTML documentation).
  cmake -DCMAKE_INSTALL_COMPONENT= -P "$src/xerces-build/src/cmake_install.cmake" >/dev/null
  # Xerces' own install script makes this link before it installs the library, so it fails with
  # "ln: failed to create symbolic link" (harmless): made here instead.
  mkdir -p "$prefix/lib" && ln -sf libxerces-c-3.2.so "$prefix/lib/libxerces-c.so"
  rm -rf "$prefix/lib/cmake" # FindXercesC then uses the library given by run.sh
fi

if [[ ! -f $prefix/icu/lib/libicuuc.so.72 ]]; then
  [[ -n $(compgen -G "$src/icu-72*/source/configure") ]] || fetch icu
  isrc=$(dirname "$(compgen -G "$src/icu-72*/source/configure" | head -1)")
  mkdir -p "$src/icu-build/lib" "$prefix/icu/lib"
  # The data library is the system's (the same 72.1 data); only the converters' code is rebuilt.
  ln -sf /usr/lib/x86_64-linux-gnu/libicudata.so.72 "$src/icu-build/lib/libicudata.so"
  ln -sf /usr/lib/x86_64-linux-gnu/libicudata.so.72 "$src/icu-build/lib/libicudata.so.72"
  (cd "$src/icu-build" &&
    CC=clang CXX=clang++ CFLAGS="-g -O1 -fsanitize=address -fno-omit-frame-pointer" \
      CXXFLAGS="-g -O1 -fsanitize=address -fno-omit-frame-pointer" LDFLAGS=-fsanitize=address \
      "$isrc/configure" --disable-tests --disable-samples --disable-extras --disable-tools --disable-icuio \
      --disable-layoutex >/dev/null &&
    make -j "$jobs" -C common >/dev/null)
  cp -a "$src/icu-build/lib/libicuuc.so"* "$prefix/icu/lib/"
fi
echo "instrumented Xerces-C in $prefix/lib, ICU's libicuuc in $prefix/icu/lib"
