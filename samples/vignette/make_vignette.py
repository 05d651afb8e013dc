#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the vignette session of `rapport stages`: V01_coderA.eaf and V01_coderB.eaf, a
10-minute synthetic session (two 5-minute segments) with ONE withdrawal rupture that is
resolved, coded by two coders. Run from anywhere; it rewrites the files next to itself.

Everything is made up: no recording, transcript or coding comes from a real therapy.

The story (coder A; times in seconds). The patient goes quiet (W2 minimal response, 95 s) and
then agrees too readily (W5 deferential, 130 s). The therapist first restates the rationale of
the homework (R3, immediate, 110 s), then turns to the relationship: invites the patient to say
how it is to be here with them (R4, 150 s), shares their own experience of the exchange (R6,
190 s) and owns their part (R5, 250 s). Stages on the withdrawal path (Safran & Muran): S1 with
the first marker (95 s), S2 disembedding with R4 (150 s), S3 the patient voices that the
therapist did not listen (205 s), S4 the patient takes it back and the therapist explores the
retreat (225 s), S5 self-assertion, "I need you to ask me first" (270 s). The mutual-recognition
model (Lipner, Liu & Muran 2019): MR1 163 s, MR2 221 s, MR3 286 s (one STAGE tier, so the MR
annotations sit between the S annotations: ELAN annotations on a tier do not overlap). Segment 1 is rated
SEG_WSIG 3 and SEG_RES 4; segment 2 has no rupture (SEG_RES NA).

Expected from `rapport stages` (coder A): one withdrawal episode E1, 95.0-292.0 s; strategies
R3 R4 R6 R5 (1 immediate, 3 exploratory; SMEC2011 SM1 and 3 x SM4); SM-W S1 S2 S3 S4 S5,
highest S5, annotated; outcome resolved (the last stage of SM-W); first strategy after 15 s;
highest stage after 175 s; MR1 MR2 MR3 on the MR model. Coder B codes the same episode with small differences (no W5, no R6,
no S4: S4 is skipped) and rates SEG_RES 5; both reach S5 and call it resolved.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PATIENT, THERAPIST = "P-V01", "T-V01"

W_CODES = [f"W{i}" for i in range(1, 8)]
C_CODES = [f"C{i}" for i in range(1, 8)]
R_CODES = [f"R{i}" for i in range(1, 11)]
STAGES = ["S1", "S2", "S3", "S4", "S5", "MR1", "MR2", "MR3"]

TRANSCRIPT_P = [
    (95000, 102000, "Fine. I guess."),
    (130000, 138000, "Sure, whatever you think is best."),
    (205000, 220000, "Honestly, last week it felt like you were not really listening."),
    (225000, 240000, "Sorry, that is unfair. Forget I said it."),
    (270000, 285000, "No. I need you to ask me first, before we jump to the homework."),
]
TRANSCRIPT_T = [
    (110000, 118000, "The diary is meant to help us see when the worry starts."),
    (150000, 162000, "I notice I am doing most of the talking today. How is it for you to be here with me right now?"),
    (190000, 200000, "I feel a bit like I am pushing and you are going along with it."),
    (250000, 262000, "You are right that I rushed ahead last week. That was my part."),
]


def coder_a():
    return {
        "coder": "coderA",
        "W": [("W2", 95000, 102000), ("W5", 130000, 138000)],
        "C": [],
        "R": [("R3", 110000, 118000), ("R4", 150000, 162000), ("R6", 190000, 200000), ("R5", 250000, 262000)],
        "STAGE": [("S1", 95000, 102000), ("S2", 150000, 162000), ("MR1", 163000, 170000), ("S3", 205000, 220000),
                  ("MR2", 221000, 224000), ("S4", 225000, 240000), ("S5", 270000, 285000), ("MR3", 286000, 292000)],
        "SEG": [("3", "1", "4"), ("1", "1", "NA")],
        "SESSION": "SES_WSIG=3;SES_CSIG=1;SES_TCONTRIB=2;SES_RES=4",
    }


def coder_b():
    return {
        "coder": "coderB",
        "W": [("W2", 96000, 103000)],
        "C": [],
        "R": [("R3", 111000, 118000), ("R4", 151000, 162000), ("R5", 251000, 262000)],
        "STAGE": [("S1", 96000, 103000), ("S2", 151000, 162000), ("MR1", 164000, 170000), ("S3", 206000, 220000),
                  ("MR2", 221000, 224000), ("S5", 271000, 285000), ("MR3", 286000, 291000)],
        "SEG": [("3", "1", "5"), ("1", "1", "NA")],
        "SESSION": "SES_WSIG=3;SES_CSIG=1;SES_TCONTRIB=2;SES_RES=5",
    }


def cv_xml(cv_id, values):
    out = [f'    <CONTROLLED_VOCABULARY CV_ID="{cv_id}">']
    for v in values:
        out += [f'        <CV_ENTRY_ML CVE_ID="cve_{cv_id}_{v}">',
                f'            <CVE_VALUE LANG_REF="eng">{v}</CVE_VALUE>',
                "        </CV_ENTRY_ML>"]
    out.append("    </CONTROLLED_VOCABULARY>")
    return out


def render(c):
    segs = [("s1", 0, 300000, "1"), ("s2", 300000, 600000, "2")]
    tiers = [
        ("3RS_SEG", "3RS_SEGMENT", None, None, [(f"seg{i}", a, b, v) for i, (_, a, b, v) in enumerate(segs, 1)]),
        ("SEG_WSIG", "3RS_SEG_RATING", "3RS_SEG", None, [(f"wsig{i}", f"seg{i}", r[0]) for i, r in enumerate(c["SEG"], 1)]),
        ("SEG_CSIG", "3RS_SEG_RATING", "3RS_SEG", None, [(f"csig{i}", f"seg{i}", r[1]) for i, r in enumerate(c["SEG"], 1)]),
        ("SEG_RES", "3RS_SEG_RATING_NA", "3RS_SEG", None, [(f"res{i}", f"seg{i}", r[2]) for i, r in enumerate(c["SEG"], 1)]),
        ("3RS_W", "3RS_W_MARKER", None, PATIENT, [(f"w{i}", a, b, v) for i, (v, a, b) in enumerate(c["W"], 1)]),
        ("3RS_C", "3RS_C_MARKER", None, PATIENT, [(f"c{i}", a, b, v) for i, (v, a, b) in enumerate(c["C"], 1)]),
        ("3RS_R", "3RS_R_STRATEGY", None, THERAPIST, [(f"r{i}", a, b, v) for i, (v, a, b) in enumerate(c["R"], 1)]),
        ("STAGE", "3RS_STAGE", None, None, [(f"g{i}", a, b, v) for i, (v, a, b) in enumerate(c["STAGE"], 1)]),
        ("SESSION", "3RS_SESSION", None, None, [("x1", 0, 600000, c["SESSION"])]),
        ("Patient", "transcript", None, PATIENT, [(f"p{i}", a, b, v) for i, (a, b, v) in enumerate(TRANSCRIPT_P, 1)]),
        ("Therapist", "transcript", None, THERAPIST, [(f"t{i}", a, b, v) for i, (a, b, v) in enumerate(TRANSCRIPT_T, 1)]),
    ]
    times = sorted({t for _, _, parent, _, anns in tiers if parent is None for a in anns for t in (a[1], a[2])})
    slot = {t: f"ts{i + 1}" for i, t in enumerate(times)}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<ANNOTATION_DOCUMENT AUTHOR="rapport samples (synthetic)" DATE="2024-01-01T00:00:00Z" FORMAT="3.0"'
             ' VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
             ' xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">',
             '    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>',
             "    <TIME_ORDER>"]
    lines += [f'        <TIME_SLOT TIME_SLOT_ID="{slot[t]}" TIME_VALUE="{t}"/>' for t in times]
    lines.append("    </TIME_ORDER>")
    for tier_id, lt, parent, participant, anns in tiers:
        shared = tier_id in ("Patient", "Therapist")
        attrs = "" if shared else f' ANNOTATOR="{c["coder"]}"'
        attrs += f' LINGUISTIC_TYPE_REF="{lt}"'
        if parent:
            attrs += f' PARENT_REF="{parent}"'
        if participant:
            attrs += f' PARTICIPANT="{participant}"'
        lines.append(f'    <TIER{attrs} TIER_ID="{tier_id}">')
        for ann in anns:
            lines.append("        <ANNOTATION>")
            if parent:
                aid, ref, value = ann
                lines += [f'            <REF_ANNOTATION ANNOTATION_ID="{c["coder"]}_{aid}" ANNOTATION_REF="{c["coder"]}_{ref}">',
                          f"                <ANNOTATION_VALUE>{value}</ANNOTATION_VALUE>",
                          "            </REF_ANNOTATION>"]
            else:
                aid, start, end, value = ann
                lines += [f'            <ALIGNABLE_ANNOTATION ANNOTATION_ID="{c["coder"]}_{aid}"'
                          f' TIME_SLOT_REF1="{slot[start]}" TIME_SLOT_REF2="{slot[end]}">',
                          f"                <ANNOTATION_VALUE>{value}</ANNOTATION_VALUE>",
                          "            </ALIGNABLE_ANNOTATION>"]
            lines.append("        </ANNOTATION>")
        lines.append("    </TIER>")
    types = [("3RS_SEGMENT", None, None), ("3RS_SEG_RATING", "Symbolic_Association", "SCALE_1_5"),
             ("3RS_SEG_RATING_NA", "Symbolic_Association", "SCALE_1_5_NA"), ("3RS_W_MARKER", None, "3RS_W_CODES"),
             ("3RS_C_MARKER", None, "3RS_C_CODES"), ("3RS_R_STRATEGY", None, "3RS_R_CODES"),
             ("3RS_STAGE", None, "STAGES"), ("3RS_SESSION", None, None), ("transcript", None, None)]
    for lt, constraint, cv in types:
        a = "    <LINGUISTIC_TYPE"
        if constraint:
            a += f' CONSTRAINTS="{constraint}"'
        if cv:
            a += f' CONTROLLED_VOCABULARY_REF="{cv}"'
        a += (f' GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="{lt}"'
              f' TIME_ALIGNABLE="{"false" if constraint else "true"}"/>')
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


def main():
    for c in (coder_a(), coder_b()):
        path = os.path.join(HERE, f"V01_{c['coder']}.eaf")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(render(c))
        print("wrote", path)


if __name__ == "__main__":
    main()
