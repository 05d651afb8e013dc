#!/bin/sh
# SPDX-License-Identifier: MIT
# ELAN runs recognizers without PATH and, on macOS, with a C locale (elan.md §3.3): set both,
# point the engine at the codebooks shipped in this folder, and hand over stdin/stdout as is.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
PATH=/usr/local/bin:/usr/bin:/bin
LC_ALL=C.UTF-8
RAPPORT_DATA_DIR="$here/share/rapport"
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
DYLD_LIBRARY_PATH="$here/lib${DYLD_LIBRARY_PATH:+:$DYLD_LIBRARY_PATH}"
export PATH LC_ALL RAPPORT_DATA_DIR LD_LIBRARY_PATH DYLD_LIBRARY_PATH
if [ ! -x "$here/bin/rapport-elan" ]; then
  echo "ERROR: $here/bin/rapport-elan is missing; reinstall the Rapport bundle"
  echo "RESULT: FAILED."
  exit 1
fi
exec "$here/bin/rapport-elan" "$@"
