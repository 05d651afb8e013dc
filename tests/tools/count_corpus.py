#!/usr/bin/env python3
"""Count the ground truth of an ELAN corpus folder, independently of Rapport's reader.

Usage: python3 tests/tools/count_corpus.py ../shared/corpus/eaf > tests/unit/eaf/corpus_expected.inc

Python 3 standard library only (xml.etree.ElementTree). For every .eaf, .etf and .ecv file in the
folder (sorted by name) it prints one C++ initializer

    {"name", /*tiers*/ N, {{"tier-id", n}, ...}, /*cvs*/ {{"cv-id", n}, ...},
     /*annotations*/ N, /*slots*/ N, /*unaligned*/ N},

for `struct ExpectedFile` (declared in the header comment of the output). Other files (.pfsx, ...)
are skipped, and so is any file whose root element is not ANNOTATION_DOCUMENT (.eaf/.etf) or
CV_RESOURCE (.ecv); each skip is noted as a comment in the output and on stderr.

Counting rules (ELAN's EAF30Parser behaviour where it matters):
  * tiers: number of distinct TIER_IDs (a TIER whose TIER_ID was already seen is merged into the
    first tier of that name, as ELAN does). The number of TIER elements is given in a comment; the
    script also warns on stderr when the two differ.
  * tier_annotations: per distinct TIER_ID in document order, the number of ANNOTATION children,
    with the counts of later same-named tiers added to the first.
  * cv_entries: per CONTROLLED_VOCABULARY (CV_ID) in document order, the number of CV_ENTRY plus
    CV_ENTRY_ML children. An external CV (EXT_REF, no entries) therefore counts 0.
    Duplicate CV_IDs are kept as separate rows (and reported on stderr).
  * annotations: all ANNOTATION elements under TIER elements.
  * slots / unaligned: TIME_SLOT elements under TIME_ORDER / those without a TIME_VALUE attribute.
"""

import datetime
import os
import sys
import xml.etree.ElementTree as ET

EXTENSIONS = {".eaf": "ANNOTATION_DOCUMENT", ".etf": "ANNOTATION_DOCUMENT", ".ecv": "CV_RESOURCE"}


def cpp_string(s):
    """An ordinary C++ "..." literal holding the UTF-8 bytes of s.

    Non-ASCII characters are emitted verbatim (the source file is UTF-8). Backslash, double quote,
    control characters and '?' after '?' (trigraph safety) are escaped. Control characters use
    3-digit octal escapes, which cannot swallow a following digit the way \\x escapes do.
    """
    out = []
    prev = ""
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\%03o" % ord(ch))
        elif ch == "?" and prev == "?":
            out.append("\\?")
        else:
            out.append(ch)
        prev = ch
    return '"' + "".join(out) + '"'


def count_file(path):
    root = ET.parse(path).getroot()
    info = {"root": root.tag}

    # Tiers, merged by TIER_ID into the first occurrence.
    tier_elements = root.findall("TIER")
    merged = {}  # TIER_ID -> count; dicts keep insertion (= document) order
    duplicates = []
    align = ref = 0
    for tier in tier_elements:
        tid = tier.get("TIER_ID", "")
        anns = tier.findall("ANNOTATION")
        for ann in anns:
            align += len(ann.findall("ALIGNABLE_ANNOTATION"))
            ref += len(ann.findall("REF_ANNOTATION"))
        if tid in merged:
            duplicates.append(tid)
            merged[tid] += len(anns)
        else:
            merged[tid] = len(anns)
    info["tier_elements"] = len(tier_elements)
    info["tiers"] = list(merged.items())
    info["duplicate_tiers"] = duplicates
    info["annotations"] = sum(merged.values())
    info["alignable"] = align
    info["ref"] = ref
    info["dependent"] = sum(1 for t in tier_elements if t.get("PARENT_REF") is not None)

    # Sanity: no ANNOTATION element should live anywhere but directly under a TIER.
    info["stray_annotations"] = len(list(root.iter("ANNOTATION"))) - info["annotations"]

    # Controlled vocabularies.
    cvs = []
    cv_ids_seen = set()
    dup_cvs = []
    external_cvs = []
    for cv in root.findall("CONTROLLED_VOCABULARY"):
        cid = cv.get("CV_ID", "")
        n = len(cv.findall("CV_ENTRY")) + len(cv.findall("CV_ENTRY_ML"))
        if cid in cv_ids_seen:
            dup_cvs.append(cid)
        cv_ids_seen.add(cid)
        if cv.get("EXT_REF") is not None:
            external_cvs.append(cid)
        cvs.append((cid, n))
    info["cvs"] = cvs
    info["duplicate_cvs"] = dup_cvs
    info["external_cvs"] = external_cvs

    # Time slots.
    slots = root.findall("TIME_ORDER/TIME_SLOT")
    info["slots"] = len(slots)
    info["unaligned"] = sum(1 for s in slots if s.get("TIME_VALUE") is None)
    info["stray_slots"] = len(list(root.iter("TIME_SLOT"))) - len(slots)
    return info


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: count_corpus.py FOLDER\n")
        return 2
    folder = argv[1]
    names = sorted(os.listdir(folder))

    out = []
    w = out.append
    w("// Ground-truth counts for the real ELAN corpus (.eaf, .etf, .ecv), one initializer per file.")
    w("// Produced by `python3 tests/tools/count_corpus.py ../shared/corpus/eaf` with Python's")
    w("// xml.etree.ElementTree, independently of Rapport's reader, on %s." % datetime.date.today().isoformat())
    w("// Do not edit by hand: re-run the script instead.")
    w("//")
    w("// Use from a test:")
    w("//   struct ExpectedFile { const char* name; int tiers;")
    w("//                         std::vector<std::pair<std::string,int>> tier_annotations;")
    w("//                         std::vector<std::pair<std::string,int>> cv_entries;")
    w("//                         int annotations; int slots; int unaligned_slots; };")
    w("//   static const std::vector<ExpectedFile> expected = {")
    w("//   #include \"corpus_expected.inc\"")
    w("//   };")
    w("//")
    w("// tiers = distinct TIER_IDs (same-named TIER elements are merged into the first, as ELAN does;")
    w("//         tier_annotations follows the same rule, in document order).")
    w("// cv_entries = CV_ENTRY + CV_ENTRY_ML children per CONTROLLED_VOCABULARY; an external (EXT_REF) CV")
    w("//         has 0 entries in the file that refers to it.")
    w("// annotations = ANNOTATION elements under TIER; slots = TIME_SLOT elements; unaligned = those")
    w("//         without TIME_VALUE. String literals are UTF-8 (the tier ids contain non-ASCII text).")

    for name in names:
        path = os.path.join(folder, name)
        ext = os.path.splitext(name)[1].lower()
        if not os.path.isfile(path):
            continue
        if ext not in EXTENSIONS:
            if name != "SOURCES.md":
                sys.stderr.write("skipped (not .eaf/.etf/.ecv): %s\n" % name)
                w("// skipped, not an EAF/ETF/ECV file: %s" % cpp_string(name))
            continue
        try:
            info = count_file(path)
        except ET.ParseError as e:
            sys.stderr.write("skipped (XML error %s): %s\n" % (e, name))
            w("// skipped, not well-formed XML: %s" % cpp_string(name))
            continue
        if info["root"] != EXTENSIONS[ext]:
            sys.stderr.write("skipped (root %s): %s\n" % (info["root"], name))
            w("// skipped, root element is %s: %s" % (cpp_string(info["root"]), cpp_string(name)))
            continue
        for key, what in (("duplicate_tiers", "duplicate TIER_ID"), ("duplicate_cvs", "duplicate CV_ID")):
            for d in info[key]:
                sys.stderr.write("%s: %s %r\n" % (name, what, d))
        if info["stray_annotations"] or info["stray_slots"]:
            sys.stderr.write("%s: %d ANNOTATION / %d TIME_SLOT elements outside TIER / TIME_ORDER\n"
                             % (name, info["stray_annotations"], info["stray_slots"]))

        notes = ["%s" % info["root"],
                 "%d TIER elements (%d dependent)" % (info["tier_elements"], info["dependent"]),
                 "%d alignable + %d ref annotations" % (info["alignable"], info["ref"])]
        # Names in comments are quoted like literals too, so that a newline or a trailing backslash
        # in a name cannot end or splice the // comment.
        if info["duplicate_tiers"]:
            notes.append("duplicate TIER_IDs merged: " + ", ".join(map(cpp_string, info["duplicate_tiers"])))
        if info["external_cvs"]:
            notes.append("external CVs: " + ", ".join(map(cpp_string, info["external_cvs"])))
        if info["duplicate_cvs"]:
            notes.append("duplicate CV_IDs: " + ", ".join(map(cpp_string, info["duplicate_cvs"])))
        w("")
        w("// %s: %s" % (cpp_string(name), "; ".join(notes)))
        tiers = ", ".join("{%s, %d}" % (cpp_string(t), n) for t, n in info["tiers"])
        cvs = ", ".join("{%s, %d}" % (cpp_string(c), n) for c, n in info["cvs"])
        w("{%s, /*tiers*/ %d, {%s}, /*cvs*/ {%s}, /*annotations*/ %d, /*slots*/ %d, /*unaligned*/ %d},"
          % (cpp_string(name), len(info["tiers"]), tiers, cvs, info["annotations"], info["slots"],
             info["unaligned"]))

    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
