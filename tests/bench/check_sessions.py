#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Checks files written by rapport_generate_sessions against the 3RS tier convention
# (tests/bench/README.md, "Generator"), independently of rapport's reader: segment tiling,
# one rating per segment, CVE_REFs resolving in the tier's CV, no overlaps within a tier,
# ANNOTATOR on every coded tier, slot ids sorted by time. Usage: check_sessions.py FILE...
import re
import sys
import xml.etree.ElementTree as ET

SEGMENT_MS = 300_000
CODED = ["3RS_SEG", "SEG_WSIG", "SEG_CSIG", "SEG_RES", "3RS_W", "3RS_C", "3RS_R", "STAGE", "SESSION"]
CVS = {"SEG_WSIG": "SCALE_1_5", "SEG_CSIG": "SCALE_1_5", "SEG_RES": "SCALE_1_5_NA", "3RS_W": "3RS_W_CODES",
       "3RS_C": "3RS_C_CODES", "3RS_R": "3RS_R_CODES", "STAGE": "STAGES"}


def check(path):
    problems = []
    root = ET.parse(path).getroot()
    coder = re.search(r"_(coder[A-Z])\.eaf$", path).group(1)
    slots = [(s.get("TIME_SLOT_ID"), int(s.get("TIME_VALUE"))) for s in root.iter("TIME_SLOT")]
    times = dict(slots)
    if [t for _, t in slots] != sorted(t for _, t in slots):
        problems.append("TIME_ORDER not sorted by time")
    cvs = {}
    for cv in root.iter("CONTROLLED_VOCABULARY"):
        cvs[cv.get("CV_ID")] = {e.get("CVE_ID"): e.find("CVE_VALUE").text for e in cv.iter("CV_ENTRY_ML")}
    types = {lt.get("LINGUISTIC_TYPE_ID"): lt for lt in root.iter("LINGUISTIC_TYPE")}
    tiers = {t.get("TIER_ID"): t for t in root.iter("TIER")}
    ids = {}
    for tier in tiers.values():
        for a in tier.iter("ALIGNABLE_ANNOTATION"):
            ids[a.get("ANNOTATION_ID")] = (times[a.get("TIME_SLOT_REF1")], times[a.get("TIME_SLOT_REF2")])
    for name in CODED + ["Patient", "Therapist"]:
        if name not in tiers:
            problems.append(f"tier {name} missing")
    if problems:
        return problems
    for name in CODED:
        if tiers[name].get("ANNOTATOR") != coder:
            problems.append(f"{name}: ANNOTATOR is not {coder}")
    end = ids[tiers["SESSION"].find(".//ALIGNABLE_ANNOTATION").get("ANNOTATION_ID")][1]
    segs = [(a.get("ANNOTATION_ID"), ids[a.get("ANNOTATION_ID")], a.find("ANNOTATION_VALUE").text)
            for a in tiers["3RS_SEG"].iter("ALIGNABLE_ANNOTATION")]
    expected = [(s, min(s + SEGMENT_MS, end)) for s in range(0, end, SEGMENT_MS)]
    if [span for _, span, _ in segs] != expected or [v for *_, v in segs] != [str(i + 1) for i in range(len(segs))]:
        problems.append("3RS_SEG does not tile [0, end] in 300 s segments numbered 1..n")
    seg_ids = [i for i, *_ in segs]
    for name, cv_id in CVS.items():
        tier = tiers[name]
        cv = cvs[cv_id]
        if types[tier.get("LINGUISTIC_TYPE_REF")].get("CONTROLLED_VOCABULARY_REF") != cv_id:
            problems.append(f"{name}: linguistic type does not use CV {cv_id}")
        for a in list(tier.iter("ALIGNABLE_ANNOTATION")) + list(tier.iter("REF_ANNOTATION")):
            value = a.find("ANNOTATION_VALUE").text
            if cv.get(a.get("CVE_REF")) != value:
                problems.append(f"{name} {a.get('ANNOTATION_ID')}: CVE_REF does not resolve to {value!r}")
        if name.startswith("SEG_"):
            parents = [a.get("ANNOTATION_REF") for a in tier.iter("REF_ANNOTATION")]
            if parents != seg_ids:
                problems.append(f"{name}: not exactly one rating per segment")
        else:
            spans = [ids[a.get("ANNOTATION_ID")] for a in tier.iter("ALIGNABLE_ANNOTATION")]
            for (s0, e0), (s1, e1) in zip(spans, spans[1:]):
                if s1 < e0:
                    problems.append(f"{name}: overlapping annotations at {s1} ms")
            if any(s >= e or e > end for s, e in spans):
                problems.append(f"{name}: empty annotation or one past the session end")
    session = tiers["SESSION"].find(".//ANNOTATION_VALUE").text
    if not re.fullmatch(r"SES_WSIG=[1-5];SES_CSIG=[1-5];SES_TCONTRIB=[1-5];SES_RES=[1-5]", session):
        problems.append(f"SESSION value {session!r}")
    for name, who in (("3RS_W", "patient"), ("3RS_C", "patient"), ("3RS_R", "therapist"),
                      ("Patient", "patient"), ("Therapist", "therapist")):
        if tiers[name].get("PARTICIPANT") != who:
            problems.append(f"{name}: PARTICIPANT is not {who}")
    last = root.find("HEADER/PROPERTY[@NAME='lastUsedAnnotationId']").text
    if int(last) != len(list(root.iter("ANNOTATION"))):
        problems.append("lastUsedAnnotationId is not the annotation count")
    return problems


def main():
    bad = 0
    for path in sys.argv[1:]:
        for p in check(path):
            print(f"{path}: {p}")
            bad += 1
    print(f"check_sessions: {len(sys.argv) - 1} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
