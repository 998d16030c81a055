"""The dictionary reader fills its raw form from lxml parser events: same content as a tree walk.

Hand-written expectations for a small QuickFIX-format file (including the parts the reader must
skip), and every bundled dictionary and overlay compared with an independent walk of the lxml tree.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
from lxml import etree

from finmsg.errors import ParseError
from finmsg.fix.dictxml import RawDictionary, read_raw

MINI = b"""<?xml version="1.0"?>
<fix type="FIX" major="4" minor="2">
 <!-- a comment is no element -->
 <header>
  <field name="BeginString" required="Y"/>
  <field name="MsgType" required="y"><value enum="X" description="ignored below a reference"/></field>
  <component name="Hop" required="N"/>
 </header>
 <header><field name="SecondHeader" required="Y"/></header>
 <trailer><field name="CheckSum" required="Y"/></trailer>
 <messages>
  <message name="Order" msgtype="D" msgcat="app">
   <field name="ClOrdID" required="Y"/>
   <note name="NotANode"/>
   <group name="NoPartyIDs" required="N">
    <field name="PartyID"/>
    <group name="NoPartySubIDs" required="Y"><field name="PartySubID" required="Y"/></group>
   </group>
  </message>
  <message name="Ping" msgtype="0"/>
 </messages>
 <components>
  <component name="Hop"><field name="HopCompID" required="N"/></component>
 </components>
 <fields>
  <field number="8" name="BeginString" type="string"/>
  <field number="35" name="MsgType" type="STRING">
   <value enum="D" description="ORDER_SINGLE"/>
   <value enum="0" description="HEARTBEAT"/>
   <extra><value enum="Z" description="not a direct child"/></extra>
  </field>
  <field number="11" name="ClOrdID"/>
 </fields>
 <extras><fields><field number="99" name="Elsewhere" type="INT"/></fields></extras>
</fix>
"""


def test_a_small_file_reads_as_written() -> None:
    raw = read_raw(MINI, "mini")
    assert (raw.kind, raw.major, raw.minor, raw.servicepack) == ("FIX", "4", "2", "0")
    assert raw.header == [
        ("field", "BeginString", True),
        ("field", "MsgType", True),
        ("component", "Hop", False),
    ]  # the second <header> is not read (the first one is the header)
    assert raw.trailer == [("field", "CheckSum", True)]
    assert raw.messages == {
        "D": (
            "Order",
            "app",
            [
                ("field", "ClOrdID", True),
                (
                    "group",
                    "NoPartyIDs",
                    False,
                    [
                        ("field", "PartyID", False),
                        ("group", "NoPartySubIDs", True, [("field", "PartySubID", True)]),
                    ],
                ),
            ],
        ),
        "0": ("Ping", "app", []),
    }
    assert raw.components == {"Hop": [("field", "HopCompID", False)]}
    assert raw.fields == {
        "BeginString": (8, "STRING", {}),
        "MsgType": (35, "STRING", {"D": "ORDER_SINGLE", "0": "HEARTBEAT"}),
        "ClOrdID": (11, "STRING", {}),
    }
    assert list(raw.fields) == ["BeginString", "MsgType", "ClOrdID"]


def test_a_bad_field_number_is_a_field_error_unless_the_xml_is_broken() -> None:
    bad_number = b'<fix><fields><field number="x1" name="Odd" type="INT"/></fields></fix>'
    with pytest.raises(ParseError) as info:
        read_raw(bad_number, "odd")
    assert info.value.code == "fix.dictionary.field"
    assert "'Odd'" in info.value.message
    # the syntax error further on is what the file is reported for (the XML is read first)
    with pytest.raises(ParseError) as info:
        read_raw(bad_number.replace(b"</fix>", b"<fix>"), "odd")
    assert info.value.code == "fix.dictionary.xml"


def _tree_nodes(elem: Any) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        req = child.get("required", "N").upper() == "Y"
        if child.tag == "group":
            out.append(("group", child.get("name", ""), req, _tree_nodes(child)))
        elif child.tag in ("field", "component"):
            out.append((child.tag, child.get("name", ""), req))
    return out


def _tree_walk(data: bytes) -> RawDictionary:
    """An independent reading of the same file: build the tree, then walk it with paths."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    raw = RawDictionary(
        root.get("type", "FIX"),
        root.get("major", ""),
        root.get("minor", ""),
        root.get("servicepack", "0") or "0",
    )
    for elem in root.iterfind("fields/field"):
        enums = {v.get("enum", ""): v.get("description", "") for v in elem.iterfind("value")}
        raw.fields[elem.get("name", "")] = (
            int(elem.get("number", "")),
            elem.get("type", "STRING").upper(),
            enums,
        )
    for name in ("header", "trailer"):
        found = root.find(name)
        if found is not None:
            getattr(raw, name).extend(_tree_nodes(found))
    for elem in root.iterfind("messages/message"):
        raw.messages[elem.get("msgtype", "")] = (
            elem.get("name", ""),
            elem.get("msgcat", "app"),
            _tree_nodes(elem),
        )
    for elem in root.iterfind("components/component"):
        raw.components[elem.get("name", "")] = _tree_nodes(elem)
    return raw


def _bundled() -> list[str]:
    folder = resources.files("finmsg") / "data" / "fix"
    names = [f"{p.name}" for p in folder.iterdir() if p.name.endswith(".xml")]
    names += [f"overlays/{p.name}" for p in (folder / "overlays").iterdir() if p.name.endswith(".xml")]
    return sorted(names)


@pytest.mark.parametrize("name", _bundled())
def test_every_bundled_file_reads_as_the_tree_walk_does(name: str) -> None:
    data = (resources.files("finmsg") / "data" / "fix" / name).read_bytes()
    streamed, walked = read_raw(data, name), _tree_walk(data)
    assert streamed == walked
    for part in ("fields", "messages", "components"):  # insertion order too: it is the file's order
        assert list(getattr(streamed, part)) == list(getattr(walked, part))
