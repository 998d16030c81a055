"""Data dictionaries: the nine vendored versions, FIXT split, overlays, custom files, groups."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from finmsg.errors import ParseError
from finmsg.fix import dictionary
from finmsg.fix.options import parse_document

from .helpers import fix, order

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fix"
DATA = Path(dictionary.__file__).resolve().parents[1] / "data" / "fix"


@pytest.mark.parametrize(
    ("name", "begin"),
    [
        ("FIX40", "FIX.4.0"),
        ("FIX41", "FIX.4.1"),
        ("FIX.4.2", "FIX.4.2"),
        ("fix43", "FIX.4.3"),
        ("FIX.4.4", "FIX.4.4"),
        ("FIX50", "FIX.5.0"),
        ("FIX50SP1", "FIX.5.0SP1"),
        ("FIX50SP2", "FIX.5.0SP2"),
        ("FIXT.1.1", "FIXT.1.1"),
    ],
)
def test_vendored_versions_load(name: str, begin: str) -> None:
    dic = dictionary.load(name)
    assert dic.begin_string == begin
    assert dictionary.load(name) is dic  # cached


def test_sources_record_sha256_of_every_file() -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert "quickfix-1.16.0" in sources
    for xml in sorted(DATA.glob("FIX*.xml")):
        assert hashlib.sha256(xml.read_bytes()).hexdigest() in sources, xml.name


def test_fields_enums_and_data_pairs_fix44() -> None:
    dic = dictionary.load("FIX44")
    side = dic.fields[54]
    assert (side.name, side.type) == ("Side", "CHAR") and {"1", "2"} <= (side.enums or set())
    assert dic.tags["ClOrdID"] == 11
    assert dic.data_fields[95] == 96 and dic.data_fields[212] == 213 and dic.data_fields[93] == 89
    assert dic.data_fields[90] == 91


def test_nested_groups_structure() -> None:
    dic = dictionary.load("FIX44")
    parties = dic.message("D").groups[453]  # type: ignore[union-attr]
    assert parties.delimiter == 448 and parties.groups[802].delimiter == 523
    sides = dic.message("AE").groups[552]  # type: ignore[union-attr]
    assert sides.delimiter == 54 and 453 in sides.groups and 78 in sides.groups
    allocs = dic.message("J").groups[78]  # type: ignore[union-attr]
    assert allocs.delimiter == 79 and allocs.groups[539].delimiter == 524


def test_fixt_transport_application_split() -> None:
    transport = dictionary.for_message("FIXT.1.1", msg_type="0")
    assert transport.name == "FIXT11" and 55 not in transport.fields
    app = dictionary.for_message("FIXT.1.1", None, "9", "D")
    assert app.begin_string == "FIXT.1.1" and 1128 in app.header.allowed and app.message("D") is not None
    assert dictionary.for_message("FIXT.1.1", "6", msg_type="D").name == "FIXT11/FIX44"
    with pytest.raises(ParseError):
        dictionary.for_message("FIXT.1.1", "42", msg_type="D")
    with pytest.raises(ParseError):
        dictionary.load("FIX.9.9")


def test_overlay_user_defined_tags_and_venue_message() -> None:
    overlay = FIXTURES / "venue" / "overlay.xml"
    opts = {"overlay": str(overlay)}
    assert parse_document(order("5001=ALGO7|5002=42|"), opts).ok
    assert [d.code for d in parse_document(order("5001=ALGO7|"), {}).errors] == ["fix.373.0"]
    bad = parse_document(order("5002=forty|"), opts).errors
    assert [(d.code, d.path) for d in bad] == [("fix.373.6", "FIX:5002")]
    venue = fix("35=U7|49=A|56=B|34=1|52=20240102-10:11:12|117=Q1|5003=S|")
    assert parse_document(venue, opts).ok
    assert [
        d.code
        for d in parse_document(fix("35=U7|49=A|56=B|34=1|52=20240102-10:11:12|117=Q1|5003=X|"), opts).errors
    ] == ["fix.373.5"]
    assert parse_document(venue, {}).errors[0].code == "fix.373.11"  # QuickFIX's answer


def test_custom_dictionary_file(tmp_path: Path) -> None:
    custom = tmp_path / "MINI.xml"
    custom.write_text(
        """<fix type="FIX" major="4" minor="2" servicepack="0">
 <header><field name="BeginString" required="Y"/><field name="BodyLength" required="Y"/>
  <field name="MsgType" required="Y"/></header>
 <trailer><field name="CheckSum" required="Y"/></trailer>
 <messages><message name="Ping" msgtype="0" msgcat="admin"><field name="TestReqID" required="Y"/></message>
 </messages><components/>
 <fields><field number="8" name="BeginString" type="STRING"/>
  <field number="9" name="BodyLength" type="LENGTH"/>
  <field number="35" name="MsgType" type="STRING"/><field number="10" name="CheckSum" type="STRING"/>
  <field number="112" name="TestReqID" type="STRING"/></fields>
</fix>""",
        encoding="utf-8",
    )
    opts = {"dictionary": str(custom)}
    assert parse_document(fix("35=0|112=T|", "FIX.4.2"), opts).ok
    assert [d.code for d in parse_document(fix("35=0|", "FIX.4.2"), opts).errors] == ["fix.373.1"]
    assert [d.code for d in parse_document(fix("35=0|112=T|49=X|", "FIX.4.2"), opts).errors] == ["fix.373.0"]


def test_bad_dictionary_files_raise_typed_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<fix><fields>", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        dictionary.load_file(broken)
    assert info.value.code == "fix.dictionary.xml"
    entity = tmp_path / "entity.xml"
    entity.write_text(
        '<!DOCTYPE fix [<!ENTITY x SYSTEM "file:///etc/passwd">]><fix type="FIX" major="4" '
        'minor="4"><fields><field number="1" name="&x;" type="STRING"/></fields></fix>',
        encoding="utf-8",
    )
    with pytest.raises(ParseError) as info:  # external entities are refused, never resolved
        dictionary.load_file(entity)
    assert "root:" not in str(info.value)
    with pytest.raises(ParseError):
        dictionary.load_file(tmp_path / "missing.xml")
