#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Calling Rapport's C ABI (rapport/c/rapport.h) from Python with ctypes only.

This is how a Python host (QualCoder, a Jupyter notebook, a lab's own scripts) uses the engine
without a build step: load librapport_c, check the ABI version, open a handle, and get back the
same JSON that `rapport check|agree|stages --format json` prints.

    python3 rapport_ctypes.py --library build/plugin/librapport_c.so samples
    python3 rapport_ctypes.py --library ... --cli build/plugin/engine/cli/rapport --compare

With --compare it runs check, agree and stages on samples/ (and stages on samples/vignette)
and exits 1 if any JSON differs from the CLI's.
"""
import argparse
import ctypes
import json
import subprocess
import sys

ABI_VERSION = 1  # RAPPORT_C_ABI_VERSION this script was written against
RAPPORT_OK = 0


class RapportError(RuntimeError):
    pass


class Rapport:
    """One open engine (a codebook read once). Use as a context manager."""

    def __init__(self, library_path, codebook=None):
        lib = ctypes.CDLL(library_path)
        lib.rapport_abi_version.restype = ctypes.c_uint32
        if lib.rapport_abi_version() < ABI_VERSION:
            raise RapportError(f"{library_path} provides ABI {lib.rapport_abi_version()}, need {ABI_VERSION}")
        lib.rapport_version.restype = ctypes.c_char_p
        lib.rapport_last_error.restype = ctypes.c_char_p
        # Strings we must free come back as void* so that ctypes does not copy and lose them.
        lib.rapport_free_string.argtypes = [ctypes.c_void_p]
        lib.rapport_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.rapport_free.argtypes = [ctypes.c_void_p]
        paths_fn = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t,
                    ctypes.POINTER(ctypes.c_void_p)]
        for name in ("rapport_check", "rapport_agree", "rapport_stages"):
            getattr(lib, name).argtypes = paths_fn
            getattr(lib, name).restype = ctypes.c_int
        lib.rapport_check_memory.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                             ctypes.POINTER(ctypes.c_void_p)]
        lib.rapport_check_memory.restype = ctypes.c_int
        lib.rapport_open.restype = ctypes.c_int
        self._lib = lib
        self.version = lib.rapport_version().decode()
        handle = ctypes.c_void_p()
        if lib.rapport_open(codebook.encode() if codebook else None, ctypes.byref(handle)) != RAPPORT_OK:
            raise RapportError(self._error())
        self._handle = handle

    def _error(self):
        return self._lib.rapport_last_error().decode("utf-8", "replace")

    def _take(self, status, out):
        if status != RAPPORT_OK:
            raise RapportError(self._error())
        try:
            return ctypes.string_at(out.value).decode("utf-8")
        finally:
            self._lib.rapport_free_string(out)

    def _paths_call(self, fn, paths):
        array = (ctypes.c_char_p * len(paths))(*[p.encode() for p in paths])
        out = ctypes.c_void_p()
        return self._take(fn(self._handle, array, len(paths), ctypes.byref(out)), out)

    def check(self, *paths):
        """The JSON text of `rapport check PATHS --format json`."""
        return self._paths_call(self._lib.rapport_check, paths)

    def check_xml(self, xml_bytes, name="memory.eaf"):
        out = ctypes.c_void_p()
        status = self._lib.rapport_check_memory(self._handle, xml_bytes, len(xml_bytes), name.encode(),
                                                ctypes.byref(out))
        return self._take(status, out)

    def agree(self, *paths):
        return self._paths_call(self._lib.rapport_agree, paths)

    def stages(self, *paths):
        return self._paths_call(self._lib.rapport_stages, paths)

    def close(self):
        if self._handle:
            self._lib.rapport_free(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", required=True, help="path to librapport_c.so / .dylib / rapport_c.dll")
    parser.add_argument("--cli", help="path to the rapport program (for --compare)")
    parser.add_argument("--compare", action="store_true", help="compare with the CLI's JSON on samples/")
    parser.add_argument("paths", nargs="*", default=["samples"])
    args = parser.parse_args()

    with Rapport(args.library) as rapport:
        if not args.compare:
            summary = json.loads(rapport.check(*args.paths))["summary"]
            print(f"rapport {rapport.version}: {summary['files']} files, {summary['errors']} errors, "
                  f"{summary['warnings']} warnings")
            for session in json.loads(rapport.stages(*args.paths))["sessions"]:
                print(f"  {session['session']} / {session['coder']}: {len(session['episodes'])} episode(s)")
            return 0
        if not args.cli:
            parser.error("--compare needs --cli")
        failures = 0
        for command, paths, got in (("check", ["samples"], lambda: rapport.check("samples")),
                                    ("agree", ["samples"], lambda: rapport.agree("samples")),
                                    ("stages", ["samples/vignette"], lambda: rapport.stages("samples/vignette"))):
            expected = subprocess.run([args.cli, command, *paths, "--format", "json"], capture_output=True,
                                      text=True, encoding="utf-8").stdout
            same = got() == expected
            print(f"{command}: {'same JSON as the CLI' if same else 'DIFFERENT from the CLI'}")
            failures += not same
        with open("samples/S01_coderA.eaf", "rb") as f:
            from_memory = json.loads(rapport.check_xml(f.read(), "samples/S01_coderA.eaf"))
        same = from_memory == json.loads(rapport.check("samples/S01_coderA.eaf"))
        print(f"check from memory: {'same as from disk' if same else 'DIFFERENT'}")
        failures += not same
        try:
            Rapport(args.library, codebook="no-such-codebook")
            failures += 1
        except RapportError as e:
            print(f"bad codebook reported: {str(e).splitlines()[0][:60]}...")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
