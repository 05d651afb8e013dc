#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Prints corpus_expected.inc: runs each case of the committed hostile corpus through the binary
# and writes the exact output as C++ rows. Read every new line for clarity before committing:
#   python3 tests/unit/hostile/make_expected.py build/bin/engine/cli/rapport > tests/unit/hostile/corpus_expected.inc
import os, subprocess, sys
R = os.path.abspath(sys.argv[1])  # the rapport binary of a build
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'hostile')
D = os.path.normpath(D)
cases = []
HIDDEN = {'quadratic_blowup.eaf', 'quadratic_blowup_in_attribute.eaf', 'lone_surrogate_in_utf8.eaf', 'utf8_declared_but_latin1_in_attribute.eaf', 'xinclude_etc_passwd.eaf', 'utf16le_without_bom.eaf', 'time_int64_max.eaf', 'codebook_quadratic_blowup_in_attribute.xml'}
files = sorted(os.listdir(D))
for f in files:
    if f.endswith('.eaf') and f not in HIDDEN:
        cases.append((f, ['check', '--codebook', '3rs-2015', f]))
for f in files:
    if f.startswith('codebook_') and f not in HIDDEN:
        cases.append((f, ['codebook', 'validate', f]))
        cases.append((f, ['check', '--codebook', f, '../../../samples/S01_coderA.eaf']))
for f in files:
    if f.startswith('project_'):
        cases.append((f, ['check', '--project', f]))
for f in files:
    if f.startswith('ratings_'):
        cases.append((f, ['agree', '--ratings', f, '--level', 'interval']))
for f in files:
    if f.startswith('intervals_'):
        cases.append((f, ['agree', '--intervals', f]))

def lit(b):
    out = '"'
    for c in b:
        if c == 0x22: out += '\\"'
        elif c == 0x5c: out += '\\\\'
        elif c == 0x0a: out += '\\n'
        elif 0x20 <= c < 0x7f:
            # avoid trigraph-like ?? sequences
            out += chr(c)
        else: out += '\\%03o' % c
    return out + '"s'

for f, args in cases:
    p = subprocess.run([R] + args, cwd=D, capture_output=True, timeout=120)
    out = p.stdout.replace(D.encode(), b'{dir}')
    err = p.stderr.replace(D.encode(), b'{dir}')
    a = ', '.join('"%s"' % x for x in args)
    print('    {{%s}, %d,\n     %s,\n     %s},' % (a, p.returncode, lit(out) if out else '""s', lit(err) if err else '""s'))
