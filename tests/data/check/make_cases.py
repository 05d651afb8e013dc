#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the test files of tests/unit/check: one clean, synthetic 3RS-coded session
(`clean/S01_coderA.eaf`) and, for every check rule, a copy with exactly that mistake injected,
named for the mistake. Run from anywhere; it rewrites the files next to itself.

It also prints, for each case, where the injected mistake is: the line of the <ANNOTATION>
(or <TIER>) start tag of the changed element, found by searching the written text, so the
expectations in tests/unit/check/rules_test.cpp do not come from the engine under test.

The session is synthetic (no real therapy data): 650 s, three segments (300 s, 300 s, 50 s),
one withdrawal rupture (W2, minimal response) at 60-75 s that the therapist addresses with R4
(invites discussion of the relationship) and R8 (links to patterns outside therapy); stages S1,
S2 and S5 follow it.
"""
import copy
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODER = "coderA"

W_CODES = [f"W{i}" for i in range(1, 8)]
C_CODES = [f"C{i}" for i in range(1, 8)]
R_CODES = [f"R{i}" for i in range(1, 11)]
STAGES = ["S1", "S2", "S3", "S4", "S5", "MR1", "MR2", "MR3"]


def base_model():
    """tiers: list of dicts; alignable annotations (id, start, end, value, extra attributes),
    reference annotations (id, ref, value)."""
    seg = [("s1", 0, 300000, "1"), ("s2", 300000, 600000, "2"), ("s3", 600000, 650000, "3")]
    tiers = [
        {"id": "3RS_SEG", "type": "3RS_SEGMENT", "ann": [(i, a, b, v, {}) for i, a, b, v in seg]},
        {"id": "SEG_WSIG", "type": "3RS_SEG_RATING", "parent": "3RS_SEG",
         "ref": [("w1", "s1", "3"), ("w2", "s2", "1"), ("w3", "s3", "1")]},
        {"id": "SEG_CSIG", "type": "3RS_SEG_RATING", "parent": "3RS_SEG",
         "ref": [("c1", "s1", "1"), ("c2", "s2", "1"), ("c3", "s3", "1")]},
        {"id": "SEG_RES", "type": "3RS_SEG_RATING_NA", "parent": "3RS_SEG",
         "ref": [("r1", "s1", "4"), ("r2", "s2", "NA"), ("r3", "s3", "NA")]},
        {"id": "3RS_W", "type": "3RS_W_MARKER", "participant": "patient",
         "ann": [("m1", 60000, 75000, "W2", {})]},
        {"id": "3RS_C", "type": "3RS_C_MARKER", "participant": "patient", "ann": []},
        {"id": "3RS_R", "type": "3RS_R_STRATEGY", "participant": "therapist",
         "ann": [("t1", 90000, 110000, "R4", {}), ("t2", 130000, 150000, "R8", {})]},
        {"id": "STAGE", "type": "3RS_STAGE",
         "ann": [("g1", 60000, 75000, "S1", {}), ("g2", 90000, 110000, "S2", {}), ("g3", 200000, 220000, "S5", {})]},
        {"id": "SESSION", "type": "3RS_SESSION",
         "ann": [("x1", 0, 650000, "SES_WSIG=3;SES_CSIG=1;SES_TCONTRIB=2;SES_RES=4", {})]},
        {"id": "Patient", "type": "transcript", "participant": "patient", "shared": True,
         "ann": [("p1", 60000, 75000, "Mm. Fine, I guess.", {})]},
        {"id": "Therapist", "type": "transcript", "participant": "therapist", "shared": True,
         "ann": [("q1", 90000, 110000, "You seem far away today. What is it like to be back here with me?", {})]},
    ]
    return {"tiers": tiers, "annotator": True}


def cv_xml(cv_id, values):
    out = [f'    <CONTROLLED_VOCABULARY CV_ID="{cv_id}">']
    for v in values:
        out.append(f'        <CV_ENTRY_ML CVE_ID="cve_{cv_id}_{v}">')
        out.append(f'            <CVE_VALUE LANG_REF="eng">{v}</CVE_VALUE>')
        out.append("        </CV_ENTRY_ML>")
    out.append("    </CONTROLLED_VOCABULARY>")
    return out


def render(model):
    times = sorted({t for tier in model["tiers"] for a in tier.get("ann", []) for t in (a[1], a[2])})
    slot = {t: f"ts{i + 1}" for i, t in enumerate(times)}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<ANNOTATION_DOCUMENT AUTHOR="rapport tests" DATE="2024-01-01T00:00:00Z" FORMAT="3.0" VERSION="3.0"'
             ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
             ' xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">',
             '    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>',
             "    <TIME_ORDER>"]
    for t in times:
        lines.append(f'        <TIME_SLOT TIME_SLOT_ID="{slot[t]}" TIME_VALUE="{t}"/>')
    lines.append("    </TIME_ORDER>")
    for tier in model["tiers"]:
        attrs = ""
        if model["annotator"] and not tier.get("shared"):
            attrs += f' ANNOTATOR="{tier.get("annotator", CODER)}"'
        attrs += f' LINGUISTIC_TYPE_REF="{tier["type"]}"'
        if "parent" in tier:
            attrs += f' PARENT_REF="{tier["parent"]}"'
        if "participant" in tier:
            attrs += f' PARTICIPANT="{tier["participant"]}"'
        attrs += f' TIER_ID="{tier["id"]}"'
        lines.append(f"    <TIER{attrs}>")
        for aid, start, end, value, extra in tier.get("ann", []):
            extra_attrs = "".join(f' {k}="{v}"' for k, v in extra.items())
            lines += ["        <ANNOTATION>",
                      f'            <ALIGNABLE_ANNOTATION ANNOTATION_ID="{aid}"{extra_attrs}'
                      f' TIME_SLOT_REF1="{slot[start]}" TIME_SLOT_REF2="{slot[end]}">',
                      f"                <ANNOTATION_VALUE>{value}</ANNOTATION_VALUE>",
                      "            </ALIGNABLE_ANNOTATION>",
                      "        </ANNOTATION>"]
        for aid, ref, value in tier.get("ref", []):
            lines += ["        <ANNOTATION>",
                      f'            <REF_ANNOTATION ANNOTATION_ID="{aid}" ANNOTATION_REF="{ref}">',
                      f"                <ANNOTATION_VALUE>{value}</ANNOTATION_VALUE>",
                      "            </REF_ANNOTATION>",
                      "        </ANNOTATION>"]
        lines.append("    </TIER>")
    types = [("3RS_SEGMENT", None, None), ("3RS_SEG_RATING", "Symbolic_Association", "SCALE_1_5"),
             ("3RS_SEG_RATING_NA", "Symbolic_Association", "SCALE_1_5_NA"), ("3RS_W_MARKER", None, "3RS_W_CODES"),
             ("3RS_C_MARKER", None, "3RS_C_CODES"), ("3RS_R_STRATEGY", None, "3RS_R_CODES"),
             ("3RS_STAGE", None, "STAGES"), ("3RS_SESSION", None, None), ("transcript", None, None)]
    for lt, constraint, cv in types:
        a = f'    <LINGUISTIC_TYPE'
        if constraint:
            a += f' CONSTRAINTS="{constraint}"'
        if cv:
            a += f' CONTROLLED_VOCABULARY_REF="{cv}"'
        a += f' GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="{lt}" TIME_ALIGNABLE="{"false" if constraint else "true"}"/>'
        lines.append(a)
    lines.append('    <LANGUAGE LANG_DEF="http://cdb.iso.org/lg/CDB-00138502-001" LANG_ID="eng" LANG_LABEL="English (eng)"/>')
    lines.append('    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>')
    lines += cv_xml("SCALE_1_5", ["1", "2", "3", "4", "5"])
    lines += cv_xml("SCALE_1_5_NA", ["1", "2", "3", "4", "5", "NA"])
    lines += cv_xml("3RS_W_CODES", W_CODES)
    lines += cv_xml("3RS_C_CODES", C_CODES)
    lines += cv_xml("3RS_R_CODES", R_CODES)
    lines += cv_xml("STAGES", STAGES)
    lines.append("</ANNOTATION_DOCUMENT>")
    return "\n".join(lines) + "\n"


def tier(model, tier_id):
    return next(t for t in model["tiers"] if t["id"] == tier_id)


def set_ann(model, tier_id, aid, start=None, end=None, value=None, extra=None):
    t = tier(model, tier_id)
    for i, (a, s, e, v, x) in enumerate(t["ann"]):
        if a == aid:
            t["ann"][i] = (a, s if start is None else start, e if end is None else end, v if value is None else value,
                           x if extra is None else extra)
            return
    raise KeyError(aid)


def set_ref(model, tier_id, aid, value):
    t = tier(model, tier_id)
    t["ref"] = [(a, r, value if a == aid else v) for a, r, v in t["ref"]]


def case(name, target, mutate):
    return name, target, mutate


CASES = [
    case("code_unknown", "m1", lambda m: set_ann(m, "3RS_W", "m1", value="w2")),
    case("code_wrong_family", "m1", lambda m: set_ann(m, "3RS_W", "m1", value="C2")),
    case("code_unverified", "t2", lambda m: set_ann(m, "3RS_R", "t2", value="R11")),
    case("cve_ref_mismatch", "m1", lambda m: set_ann(m, "3RS_W", "m1", extra={"CVE_REF": "cve_3RS_W_CODES_W3"})),
    case("rating_out_of_scale", "w1", lambda m: set_ref(m, "SEG_WSIG", "w1", "7")),
    case("rating_na_not_allowed", "c2", lambda m: set_ref(m, "SEG_CSIG", "c2", "NA")),
    case("segment_rating_missing", "s2",
         lambda m: tier(m, "SEG_CSIG").update(ref=[r for r in tier(m, "SEG_CSIG")["ref"] if r[0] != "c2"])),
    case("session_rating_missing", "x1",
         lambda m: set_ann(m, "SESSION", "x1", value="SES_WSIG=3;SES_CSIG=1;SES_TCONTRIB=2")),
    case("session_rating_unknown", "x1",
         lambda m: set_ann(m, "SESSION", "x1", value="SES_WSIG=3;SES_CSIG=1;SES_TCONTRIBUTION=2;SES_TCONTRIB=2;SES_RES=4")),
    case("segment_gap", "s3", lambda m: set_ann(m, "3RS_SEG", "s3", start=610000)),
    case("segment_overlap", "s3", lambda m: set_ann(m, "3RS_SEG", "s3", start=590000)),
    case("segment_length", "s2",
         lambda m: (set_ann(m, "3RS_SEG", "s2", end=590000), set_ann(m, "3RS_SEG", "s3", start=590000))),
    case("segment_number", "s3", lambda m: set_ann(m, "3RS_SEG", "s3", value="4")),
    case("annotation_overlap", "t2", lambda m: set_ann(m, "3RS_R", "t2", start=100000)),
    case("annotation_zero_length", "t2", lambda m: set_ann(m, "3RS_R", "t2", start=130000, end=130000)),
    case("annotation_past_media_end", "p1", lambda m: set_ann(m, "Patient", "p1", start=640000, end=660000)),
    case("strategy_without_marker", "t2", lambda m: set_ann(m, "3RS_R", "t2", start=400000, end=420000)),
    case("significance_without_marker", "w2", lambda m: set_ref(m, "SEG_WSIG", "w2", "3")),
    case("marker_without_significance", "w1", lambda m: set_ref(m, "SEG_WSIG", "w1", "1")),
    case("stage_unknown", "g2", lambda m: set_ann(m, "STAGE", "g2", value="S6")),
    case("stage_outside_rupture", "g3", lambda m: set_ann(m, "STAGE", "g3", start=500000, end=520000)),
    case("stage_marker_mismatch", "g1", lambda m: set_ann(m, "STAGE", "g1", start=80000, end=85000)),
    case("tier_missing", None, lambda m: m["tiers"].remove(tier(m, "SEG_RES"))),
    case("tier_duplicate", "TIER:3RS_W@coderA",
         lambda m: m["tiers"].insert(5, {"id": "3RS_W@coderA", "type": "3RS_W_MARKER", "participant": "patient",
                                         "ann": [("m9", 62000, 70000, "W2", {})]})),
    case("coder_conflict", "TIER:3RS_C@coderB",
         lambda m: tier(m, "3RS_C").update(id="3RS_C@coderB")),
]


def find_line(text, target):
    lines = text.split("\n")
    if target.startswith("TIER:"):
        needle = f'TIER_ID="{target[5:]}"'
        for i, line in enumerate(lines):
            if needle in line and line.lstrip().startswith("<TIER"):
                return i + 1, len(line) + 1
    needle = f'ANNOTATION_ID="{target}"'
    for i, line in enumerate(lines):
        if needle in line:
            return i, len(lines[i - 1]) + 1  # the <ANNOTATION> line above, column just after its '>'
    raise KeyError(target)


def main():
    os.makedirs(os.path.join(HERE, "clean"), exist_ok=True)
    with open(os.path.join(HERE, "clean", "S01_coderA.eaf"), "w") as f:
        f.write(render(base_model()))
    for name, target, mutate in CASES:
        m = copy.deepcopy(base_model())
        mutate(m)
        text = render(m)
        path = os.path.join(HERE, f"{name}_coderA.eaf")
        with open(path, "w") as f:
            f.write(text)
        where = find_line(text, target) if target else (0, 0)
        print(f"{name}: line {where[0]} column {where[1]}")
    # No coder anywhere: no ANNOTATOR, no affix, no separator in the file name.
    m = base_model()
    m["annotator"] = False
    with open(os.path.join(HERE, "nocoder.eaf"), "w") as f:
        f.write(render(m))
    # A real-looking non-3RS file: tiers that match nothing in the codebook.
    other = {"tiers": [{"id": "words", "type": "transcript", "ann": [("o1", 0, 1000, "hello", {})]},
                       {"id": "gloss", "type": "transcript", "ann": [("o2", 0, 1000, "greeting", {})]}],
             "annotator": False}
    with open(os.path.join(HERE, "not_3rs.eaf"), "w") as f:
        f.write(render(other))
    return 0


if __name__ == "__main__":
    sys.exit(main())
