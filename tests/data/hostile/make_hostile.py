#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the hostile-input corpus of tests/unit/hostile/ (issue 11): one small file per attack,
# named for what it breaks. Several files hold bytes an editor would mangle (UTF-16, NUL, overlong
# UTF-8), so they are generated here rather than typed; run it from this folder and commit the
# output. Big or environment-dependent cases (truncations at every 1/20, 10,000-deep nesting, a
# 500 MB text node, folders, FIFOs, symlink loops, unreadable files, a listening port for the
# network traps) are made by the tests themselves in a temporary folder, never committed.
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def eaf(value="W1", ts1="1000", ts2="2000", doctype="", extra_tier="", annotator=""):
    """valid_minimal.eaf of tests/data/eaf with the hostile part spliced in."""
    ann = f' ANNOTATOR="{annotator}"' if annotator else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + doctype
        + '<ANNOTATION_DOCUMENT AUTHOR="" DATE="2026-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0">\n'
        '<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>\n'
        "<TIME_ORDER>\n"
        f'<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="{ts1}"/>\n'
        f'<TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="{ts2}"/>\n'
        "</TIME_ORDER>\n"
        f'<TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="W"{ann}>\n'
        "<ANNOTATION>\n"
        '<ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">\n'
        f"<ANNOTATION_VALUE>{value}</ANNOTATION_VALUE>\n"
        "</ALIGNABLE_ANNOTATION>\n"
        "</ANNOTATION>\n"
        "</TIER>\n"
        + extra_tier
        + '<LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>\n'
        '<LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="assoc" TIME_ALIGNABLE="false"/>\n'
        '<CONSTRAINT DESCRIPTION="Symbolic association" STEREOTYPE="Symbolic_Association"/>\n'
        "</ANNOTATION_DOCUMENT>\n"
    )


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# --- encodings -------------------------------------------------------------------------------
utf16_body = eaf().replace('encoding="UTF-8"', 'encoding="UTF-16"')
write("utf16le_with_bom.eaf", b"\xff\xfe" + utf16_body.encode("utf-16-le"))
write("utf16le_without_bom.eaf", utf16_body.encode("utf-16-le"))
write("utf16be_bom_declared_utf8.eaf", b"\xfe\xff" + eaf().encode("utf-16-be"))
write("overlong_utf8_slash.eaf", eaf(value="@@").encode("utf-8").replace(b"@@", b"W\xc0\xafX"))
write("lone_surrogate_in_utf8.eaf", eaf(value="@@").encode("utf-8").replace(b"@@", b"W\xed\xa0\x80X"))
write("nul_byte_in_value.eaf", eaf(value="@@").encode("utf-8").replace(b"@@", b"W\x00X"))
write("latin1_inside_utf8.eaf", eaf(value="@@").encode("utf-8").replace(b"@@", "Gespräch über".encode("latin-1")))
write("utf8_declared_but_latin1_in_attribute.eaf",
      eaf(annotator="@@").encode("utf-8").replace(b"@@", "Jürgen".encode("latin-1")))

# --- not XML at all --------------------------------------------------------------------------
write("only_whitespace.eaf", "\n  \t\n")
write("only_utf8_bom.eaf", b"\xef\xbb\xbf")
write("binary_garbage.eaf", bytes((i * 151 + 7) % 256 for i in range(4096)))
write("zip_archive_named_eaf.eaf", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4)
write("html_page_named_eaf.eaf", "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
      "<body><h1>Not Found</h1></body></html>\n")

# --- external entities, DTDs, XInclude: nothing may be read or fetched -----------------------
write("xxe_external_parameter_entity.eaf", eaf(doctype=(
    '<!DOCTYPE ANNOTATION_DOCUMENT [\n<!ENTITY % ext SYSTEM "file:///etc/passwd">\n%ext;\n]>\n')))
write("xxe_parameter_entity_defines_external.eaf", eaf(doctype=(
    "<!DOCTYPE ANNOTATION_DOCUMENT [\n"
    "<!ENTITY % outer \"<!ENTITY &#x25; inner SYSTEM 'file:///etc/hostname'>\">\n"
    "%outer;\n%inner;\n]>\n")))
write("xxe_external_entity_in_attribute.eaf", eaf(annotator="&ext;", doctype=(
    '<!DOCTYPE ANNOTATION_DOCUMENT [\n<!ENTITY ext SYSTEM "file:///etc/passwd">\n]>\n')))
write("xxe_external_dtd_subset_http.eaf", eaf(doctype=(
    '<!DOCTYPE ANNOTATION_DOCUMENT SYSTEM "http://127.0.0.1:9/rapport-hostile.dtd">\n')))
write("xxe_http_general_entity.eaf", eaf(value="&ext;", doctype=(
    '<!DOCTYPE ANNOTATION_DOCUMENT [\n<!ENTITY ext SYSTEM "http://127.0.0.1:9/secret">\n]>\n')))
write("xinclude_etc_passwd.eaf", eaf(value=(
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>')))

# --- entity bombs ----------------------------------------------------------------------------
big = "A" * 50000
write("quadratic_blowup.eaf", eaf(value="&big;" * 9000, doctype=(
    f'<!DOCTYPE ANNOTATION_DOCUMENT [\n<!ENTITY big "{big}">\n]>\n')))
write("quadratic_blowup_in_attribute.eaf", eaf(annotator="&big;" * 9000, doctype=(
    f'<!DOCTYPE ANNOTATION_DOCUMENT [\n<!ENTITY big "{big}">\n]>\n')))
lol = ['<!ENTITY % l0 "lol">']
for i in range(1, 10):
    lol.append(f'<!ENTITY % l{i} "' + f"%l{i - 1};" * 10 + '">')
write("billion_laughs_parameter_entities.eaf", eaf(doctype=(
    "<!DOCTYPE ANNOTATION_DOCUMENT [\n" + "\n".join(lol) + "\n<!ENTITY boom \"%l9;\">\n]>\n")))

# --- references and cycles -------------------------------------------------------------------
self_ref = (
    '<TIER LINGUISTIC_TYPE_REF="assoc" PARENT_REF="note" TIER_ID="note">\n'
    "<ANNOTATION>\n"
    '<REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a2">\n'
    "<ANNOTATION_VALUE>self</ANNOTATION_VALUE>\n"
    "</REF_ANNOTATION>\n"
    "</ANNOTATION>\n"
    "</TIER>\n")
write("tier_and_annotation_refer_to_themselves.eaf", eaf(extra_tier=self_ref))
write("duplicate_time_slot_id.eaf", eaf().replace('TIME_SLOT_ID="ts2"', 'TIME_SLOT_ID="ts1"'))
write("annotation_id_equals_time_slot_id.eaf", eaf().replace('ANNOTATION_ID="a1"', 'ANNOTATION_ID="ts1"'))
write("empty_ids_everywhere.eaf", eaf().replace('"ts1"', '""').replace('"ts2"', '""').replace('"a1"', '""')
      .replace('TIER_ID="W"', 'TIER_ID=""'))

# --- times -----------------------------------------------------------------------------------
write("time_2_pow_64.eaf", eaf(ts2="18446744073709551616"))
write("time_int64_max.eaf", eaf(ts1="0", ts2="9223372036854775807"))
write("time_not_numeric.eaf", eaf(ts1="1e3", ts2="0x7D0"))
write("time_negative_zero_and_spaces.eaf", eaf(ts1="-0", ts2=" 2000 "))

# --- codebooks and project files -------------------------------------------------------------
with open(os.path.join(HERE, "..", "codebook", "minimal_valid.xml"), encoding="utf-8") as f:
    codebook = f.read()
head, rest = codebook.split("\n", 1)
write("codebook_xxe_external_entity.xml", head + "\n<!DOCTYPE codebook [\n<!ENTITY ext SYSTEM \"file:///etc/passwd\">\n]>\n"
      + rest.replace("Minimal valid codebook (the base every bad file here is derived from)", "&ext;"))
write("codebook_billion_laughs.xml", head + "\n<!DOCTYPE codebook [\n"
      + "\n".join(['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10)])
      + "\n]>\n" + rest.replace("Minimal valid codebook (the base every bad file here is derived from)", "&l9;"))
write("codebook_quadratic_blowup_in_attribute.xml", head + "\n<!DOCTYPE codebook [\n<!ENTITY big \"" + big + "\">\n]>\n"
      + rest.replace('instrument="test"', 'instrument="' + "&big;" * 9000 + '"'))
write("codebook_truncated.xml", codebook[: len(codebook) // 2])
write("codebook_utf16_without_bom.xml", codebook.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"))
write("codebook_is_an_eaf_file.xml", eaf())
write("codebook_empty.xml", "")
write("project_xxe_external_dtd.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<!DOCTYPE project SYSTEM "http://127.0.0.1:9/project.dtd">\n'
      '<project xmlns="urn:rapport:project" schema_version="1.0" codebook="3rs-2015">\n'
      '  <file path="S01_coderA.eaf"/>\n</project>\n')
write("project_path_traversal.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<project xmlns="urn:rapport:project" schema_version="1.0" codebook="3rs-2015">\n'
      '  <file path="../../../../../../../../etc/passwd" session="S01" coder="mallory"/>\n</project>\n')
write("project_codebook_is_the_project.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<project xmlns="urn:rapport:project" schema_version="1.0" codebook="project_codebook_is_the_project.xml">\n'
      '  <file path="S01_coderA.eaf"/>\n</project>\n')
write("project_truncated.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<project xmlns="urn:rapport:project" schema_version="1.0" codebook="3rs-2015">\n'
      '  <file path="S01_co')

# --- CSVs for rapport agree ------------------------------------------------------------------
write("ratings_binary_garbage.csv", bytes((i * 73 + 11) % 256 for i in range(2048)))
write("ratings_nul_in_value.csv", b"unit,rater,value\ns1,A,3\ns1,B,\x004\n")
write("ratings_huge_and_nan_values.csv", "unit,rater,value\ns1,A,1e400\ns1,B,nan\ns2,A,inf\ns2,B,-inf\n"
      "s3,A,18446744073709551616\ns3,B,2\n")
write("ratings_unterminated_quote.csv", 'unit,rater,value\ns1,A,"3\ns1,B,4\ns2,A,5\n')
write("ratings_header_only.csv", "unit,rater,value\n")
write("ratings_utf16_with_bom.csv", b"\xff\xfe" + "unit,rater,value\ns1,A,3\ns1,B,4\n".encode("utf-16-le"))
write("intervals_inf_nan_and_2_pow_64.csv", "rater,start_ms,end_ms,category\nA,nan,100,x\nB,0,inf,x\n"
      "A,18446744073709551616,18446744073709551617,x\nB,100,200,x\n")
write("intervals_end_before_start_and_negative.csv",
      "rater,start_ms,end_ms,category\nA,500,100,x\nB,-100,-50,x\nA,0,100,x\nB,0,100,x\n")
write("intervals_int64_extremes.csv", "rater,start_ms,end_ms,category\nA,-9223372036854775808,9223372036854775807,x\n"
      "B,0,9223372036854775807,x\n")
write("intervals_empty.csv", "")
