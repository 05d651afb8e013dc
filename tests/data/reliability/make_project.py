#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the hand-made 3RS project of tests/unit/reliability/ (issue 7): three 15-minute
# sessions (three 5-minute segments each) coded by coderA and coderB, plus S04 coded by coderA
# only. Two layouts with the same coding: hand/ (one file per coder, S01_coderA.eaf) and
# one_file/ (both coders in S01.eaf, tiers 3RS_W@coderA, 3RS_W@coderB, ...).
# Run from this folder: python3 make_project.py. The segment table the test derives by hand is
# in tests/unit/reliability/hand_project_test.cpp.
import os

SESSION_MS = 900000
SEGMENTS = [(0, 300000), (300000, 600000), (600000, 900000)]

# session -> coder -> {"events": [(tier, code, start, end)], "seg": {scale: [3 values]}, "ses": "..."}
CODING = {
    "S01": {
        "coderA": {"events": [("3RS_W", "W2", 10000, 20000), ("3RS_W", "W3", 310000, 330000),
                              ("3RS_C", "C1", 620000, 640000),
                              ("3RS_R", "R4", 50000, 60000), ("3RS_R", "R4", 650000, 660000)],
                   "seg": {"SEG_WSIG": ["3", "3", "1"], "SEG_CSIG": ["1", "1", "4"], "SEG_RES": ["4", "NA", "3"]},
                   "ses": "SES_WSIG=3;SES_CSIG=2;SES_TCONTRIB=2;SES_RES=4"},
        "coderB": {"events": [("3RS_W", "W2", 12000, 21000), ("3RS_W", "W4", 311000, 329000),
                              ("3RS_R", "R4", 51000, 60000), ("3RS_R", "R1", 700000, 710000)],
                   "seg": {"SEG_WSIG": ["3", "2", "1"], "SEG_CSIG": ["1", "1", "1"], "SEG_RES": ["4", "NA", "NA"]},
                   "ses": "SES_WSIG=3;SES_CSIG=1;SES_TCONTRIB=2;SES_RES=3"},
    },
    "S02": {
        "coderA": {"events": [("3RS_W", "W2", 290000, 310000), ("3RS_C", "C2", 400000, 420000),
                              ("3RS_R", "R5", 420000, 430000)],
                   "seg": {"SEG_WSIG": ["2", "2", "1"], "SEG_CSIG": ["1", "4", "1"], "SEG_RES": ["NA", "5", "NA"]},
                   "ses": "SES_WSIG=2;SES_CSIG=4;SES_TCONTRIB=3;SES_RES=4"},
        "coderB": {"events": [("3RS_W", "W2", 295000, 305000), ("3RS_C", "C2", 401000, 419000),
                              ("3RS_C", "C5", 800000, 810000), ("3RS_R", "R5", 421000, 431000)],
                   "seg": {"SEG_WSIG": ["2", "3", "1"], "SEG_CSIG": ["1", "4", "2"], "SEG_RES": ["NA", "4", "NA"]},
                   "ses": "SES_WSIG=3;SES_CSIG=4;SES_TCONTRIB=3;SES_RES=4"},
    },
    "S03": {
        "coderA": {"events": [("3RS_W", "W7", 100000, 110000)],
                   "seg": {"SEG_WSIG": ["2", "1", "1"], "SEG_CSIG": ["1", "1", "1"], "SEG_RES": ["NA", "NA", "NA"]},
                   "ses": "SES_WSIG=2;SES_CSIG=1;SES_TCONTRIB=1;SES_RES=3"},
        "coderB": {"events": [("3RS_W", "W7", 100500, 110000), ("3RS_W", "W2", 500000, 505000),
                              ("3RS_R", "R4", 610000, 615000)],
                   "seg": {"SEG_WSIG": ["2", "2", "1"], "SEG_CSIG": ["1", "1", "1"], "SEG_RES": ["NA", "NA", "2"]},
                   "ses": "SES_WSIG=2;SES_CSIG=1;SES_TCONTRIB=2;SES_RES=2"},
    },
    "S04": {
        "coderA": {"events": [("3RS_C", "C3", 100000, 120000)],
                   "seg": {"SEG_WSIG": ["1", "1", "1"], "SEG_CSIG": ["3", "1", "1"], "SEG_RES": ["2", "NA", "NA"]},
                   "ses": "SES_WSIG=1;SES_CSIG=3;SES_TCONTRIB=2;SES_RES=2"},
    },
}

CODE_TIERS = ["3RS_W", "3RS_C", "3RS_R"]
RATING_TIERS = ["SEG_WSIG", "SEG_CSIG", "SEG_RES"]


class Writer:
    def __init__(self):
        self.slots = []
        self.next_annotation = 1

    def slot(self, ms):
        self.slots.append(ms)
        return "ts%d" % len(self.slots)

    def aid(self):
        a = "a%d" % self.next_annotation
        self.next_annotation += 1
        return a


def tiers_for(w, coder, coding, suffix):
    out = []
    seg_ids = []
    anns = []
    for i, (s, e) in enumerate(SEGMENTS):
        a = w.aid()
        seg_ids.append(a)
        anns.append('<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="%s" TIME_SLOT_REF1="%s" TIME_SLOT_REF2="%s">'
                    '<ANNOTATION_VALUE>%d</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>'
                    % (a, w.slot(s), w.slot(e), i + 1))
    out.append(('3RS_SEG' + suffix, "3RS_SEGMENT", None, anns))
    for scale in RATING_TIERS:
        anns = []
        for i, v in enumerate(coding["seg"][scale]):
            anns.append('<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="%s" ANNOTATION_REF="%s">'
                        '<ANNOTATION_VALUE>%s</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>'
                        % (w.aid(), seg_ids[i], v))
        out.append((scale + suffix, "3RS_SEG_RATING", '3RS_SEG' + suffix, anns))
    for tier in CODE_TIERS:
        anns = []
        for (t, code, s, e) in sorted(coding["events"], key=lambda x: (x[2], x[3])):
            if t != tier:
                continue
            anns.append('<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="%s" TIME_SLOT_REF1="%s" TIME_SLOT_REF2="%s">'
                        '<ANNOTATION_VALUE>%s</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>'
                        % (w.aid(), w.slot(s), w.slot(e), code))
        out.append((tier + suffix, "3RS_CODES", None, anns))
    anns = ['<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="%s" TIME_SLOT_REF1="%s" TIME_SLOT_REF2="%s">'
            '<ANNOTATION_VALUE>%s</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>'
            % (w.aid(), w.slot(0), w.slot(SESSION_MS), coding["ses"])]
    out.append(('SESSION' + suffix, "3RS_SESSION", None, anns))
    return out


def document(coders):
    """coders: [(coder, coding, suffix)]"""
    w = Writer()
    tiers = []
    for coder, coding, suffix in coders:
        tiers += [(t, lt, parent, anns, coder) for (t, lt, parent, anns) in tiers_for(w, coder, coding, suffix)]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<ANNOTATION_DOCUMENT AUTHOR="rapport tests" DATE="2024-05-0%dT10:00:00+02:00" FORMAT="3.0" VERSION="3.0" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">' % SESSION_NUMBER[0],
             '    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>',
             '    <TIME_ORDER>']
    for i, ms in enumerate(w.slots):
        lines.append('        <TIME_SLOT TIME_SLOT_ID="ts%d" TIME_VALUE="%d"/>' % (i + 1, ms))
    lines.append('    </TIME_ORDER>')
    for (t, lt, parent, anns, coder) in tiers:
        attrs = 'ANNOTATOR="%s" LINGUISTIC_TYPE_REF="%s"' % (coder, lt)
        if parent:
            attrs += ' PARENT_REF="%s"' % parent
        attrs += ' TIER_ID="%s"' % t
        if anns:
            lines.append('    <TIER %s>' % attrs)
            lines += ['        ' + a for a in anns]
            lines.append('    </TIER>')
        else:
            lines.append('    <TIER %s/>' % attrs)
    lines += [
        '    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="3RS_SEGMENT" TIME_ALIGNABLE="true"/>',
        '    <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" '
        'LINGUISTIC_TYPE_ID="3RS_SEG_RATING" TIME_ALIGNABLE="false"/>',
        '    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="3RS_CODES" TIME_ALIGNABLE="true"/>',
        '    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="3RS_SESSION" TIME_ALIGNABLE="true"/>',
        '    <CONSTRAINT DESCRIPTION="Time subdivision of parent annotation\'s time interval, no time gaps allowed '
        'within this interval" STEREOTYPE="Time_Subdivision"/>',
        '    <CONSTRAINT DESCRIPTION="Symbolic subdivision of a parent annotation. Annotations refering to the same '
        'parent are ordered" STEREOTYPE="Symbolic_Subdivision"/>',
        '    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>',
        '    <CONSTRAINT DESCRIPTION="Time alignable annotations within the parent annotation\'s time interval, gaps '
        'are allowed" STEREOTYPE="Included_In"/>',
        '</ANNOTATION_DOCUMENT>', '']
    return "\n".join(lines)


SESSION_NUMBER = [0]
here = os.path.dirname(os.path.abspath(__file__))
for layout in ["hand", "one_file"]:
    os.makedirs(os.path.join(here, layout), exist_ok=True)
for session, coders in CODING.items():
    SESSION_NUMBER[0] = int(session[1:])
    for coder, coding in coders.items():
        with open(os.path.join(here, "hand", "%s_%s.eaf" % (session, coder)), "w") as f:
            f.write(document([(coder, coding, "")]))
    if len(coders) > 1:
        with open(os.path.join(here, "one_file", "%s.eaf" % session), "w") as f:
            f.write(document([(c, coding, "@" + c) for c, coding in coders.items()]))
