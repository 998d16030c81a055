"""The AppHdr lane (``header_fast.map_app_header``) agrees with the general reader.

(1) Hand-written expectations for a plain CBPR+ header, straight from the XML.
(2) Shapes the lane maps: equal to ``read_app_header`` (``==`` and ``repr``), which reports
    nothing on them.
(3) Shapes the lane must leave alone (returns None): each is one where the general reader
    keeps an extra or reports a diagnostic.
(4) Whole documents: every input of ``fixtures/`` (and of the shared corpus when present)
    with an AppHdr reads and validates the same with and without the lane, diagnostics in
    the same order; hypothesis drops, repeats, reorders members and puts odd texts in them.
"""

from __future__ import annotations

import glob
from datetime import datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import finmsg
from finmsg.iso20022 import document
from finmsg.iso20022.components.header import read_app_header
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.header_fast import map_app_header
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.model.common import Timestamp
from finmsg.model.payments import AppHeader
from tests.conftest import FIXTURES
from tests.corpus import CORPUS

HEAD = "urn:iso:std:iso:20022:tech:xsd:head.001.001.02"
FR = "<Fr><FIId><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></FIId></Fr>"
TO = "<To><FIId><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></FIId></To>"
PLAIN = (
    FR + TO + "<BizMsgIdr>MSG-1</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr>"
    "<BizSvc>swift.cbprplus.02</BizSvc><CreDt>2026-11-29T09:15:00+01:00</CreDt>"
)


def _header(body: str, ns: str = HEAD, attributes: str = "") -> etree._Element:
    return etree.fromstring(f'<AppHdr xmlns="{ns}"{attributes}>{body}</AppHdr>'.encode())


def _general(el: etree._Element) -> tuple[AppHeader, ReadContext]:
    ctx = ReadContext()
    return read_app_header(Node(el, "/AppHdr", ctx), "head.001.001.02"), ctx


# --------------------------------------------------------------------------- (1) by hand


def test_a_plain_header_is_mapped_as_the_xml_says() -> None:
    header = map_app_header(_header(PLAIN), "head.001.001.02")
    assert header == AppHeader(
        version="head.001.001.02",
        from_bic="BANKGB2LXXX",
        to_bic="BANKDEFFXXX",
        business_message_id="MSG-1",
        message_definition_id="pacs.008.001.08",
        business_service="swift.cbprplus.02",
        creation=Timestamp(
            datetime(2026, 11, 29, 9, 15, tzinfo=timezone(timedelta(hours=1))), "2026-11-29T09:15:00+01:00"
        ),
    )


def test_clearing_ids_duplicates_and_priority_are_mapped() -> None:
    body = (
        "<Fr><FIId><FinInstnId><ClrSysMmbId><MmbId>123456</MmbId></ClrSysMmbId></FinInstnId></FIId></Fr>"
        "<To><FIId><FinInstnId><BICFI>BANKDEFFXXX</BICFI><ClrSysMmbId><MmbId>X9</MmbId></ClrSysMmbId>"
        "</FinInstnId></FIId></To><BizMsgIdr>B</BizMsgIdr><MsgDefIdr>pacs.009.001.08</MsgDefIdr>"
        "<CreDt>2026-01-02T03:04:05Z</CreDt><CpyDplct>COPY</CpyDplct><PssblDplct>true</PssblDplct>"
        "<Prty>HIGH</Prty>"
    )
    header = map_app_header(_header(body), "head.001.001.02")
    assert header is not None
    assert (header.from_bic, header.from_clearing, header.to_bic, header.to_clearing) == (
        None,
        "123456",
        "BANKDEFFXXX",
        "X9",
    )
    assert (header.copy_duplicate, header.possible_duplicate, header.priority) == ("COPY", True, "HIGH")
    assert header.creation == Timestamp(
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc), "2026-01-02T03:04:05Z"
    )


# --------------------------------------------------------------------------- (2) same as the general reader

MAPPED = {
    "plain": PLAIN,
    "reordered": "<BizSvc>s</BizSvc>" + TO + "<MsgDefIdr>camt.053.001.08</MsgDefIdr>" + FR,
    "nothing": "",
    "blank texts": "<BizMsgIdr>  </BizMsgIdr><BizSvc></BizSvc><PssblDplct> 1 </PssblDplct>",
    "false duplicate": "<PssblDplct>false</PssblDplct><CpyDplct>CODU</CpyDplct>",
    "padded date-time": "<CreDt> 2026-11-29T09:15:00.123456789Z </CreDt>",
    "unicode": "<BizMsgIdr>Müller &amp; Söhne €</BizMsgIdr>",
}


@pytest.mark.parametrize("body", MAPPED.values(), ids=MAPPED.keys())
def test_mapped_shapes_equal_the_general_reader(body: str) -> None:
    el = _header(body)
    fast = map_app_header(el, "head.001.001.02")
    slow, ctx = _general(el)
    assert fast is not None
    assert fast == slow and repr(fast) == repr(slow)
    assert ctx.diagnostics == [] and slow.extras == ()


# --------------------------------------------------------------------------- (3) left to the general reader

DECLINED = {
    "unknown member": PLAIN + "<Rltd><BizMsgIdr>R</BizMsgIdr></Rltd>",
    "repeated member": PLAIN + "<BizMsgIdr>again</BizMsgIdr>",
    "repeated party": PLAIN + FR,
    "leaf with a child": "<BizSvc><X>1</X></BizSvc>",
    "leaf attribute": '<BizMsgIdr a="1">B</BizMsgIdr>',
    "bad date-time": "<CreDt>yesterday</CreDt>",
    "branch": "<Fr><FIId><FinInstnId><BICFI>B</BICFI></FinInstnId><BrnchId><Id>1</Id></BrnchId></FIId></Fr>",
    "organisation": "<Fr><OrgId><Nm>X</Nm></OrgId></Fr>",
    "other agent id": "<To><FIId><FinInstnId><LEI>5493001KJTIIGC8Y1R12</LEI></FinInstnId></FIId></To>",
    "clearing system": (
        "<Fr><FIId><FinInstnId><ClrSysMmbId><ClrSysId><Cd>USABA</Cd></ClrSysId><MmbId>1</MmbId>"
        "</ClrSysMmbId></FinInstnId></FIId></Fr>"
    ),
    "two BICs": "<Fr><FIId><FinInstnId><BICFI>A</BICFI><BICFI>B</BICFI></FinInstnId></FIId></Fr>",
    "BIC with a child": "<Fr><FIId><FinInstnId><BICFI><X/></BICFI></FinInstnId></FIId></Fr>",
    "party attribute": '<Fr x="1"><FIId><FinInstnId><BICFI>A</BICFI></FinInstnId></FIId></Fr>',
    "foreign member": '<BizSvc>s</BizSvc><X xmlns="urn:other">1</X>',
}


def _has_something_to_say(el: etree._Element) -> bool:
    slow, ctx = _general(el)
    return bool(ctx.diagnostics or slow.extras)


@pytest.mark.parametrize("body", DECLINED.values(), ids=DECLINED.keys())
def test_unusual_shapes_are_left_to_the_general_reader(body: str) -> None:
    el = _header(body)
    assert map_app_header(el, "head.001.001.02") is None
    assert _has_something_to_say(el)


#: Comments and processing instructions carry no data, but the text around them is the
#: general reader's business (``s<!-- c -->t`` is ``st``): the lane leaves them to it.
DECLINED_QUIETLY = {
    "comment": "<BizSvc>s</BizSvc><!-- c -->",
    "comment in a leaf": "<BizSvc>s<!-- c -->t</BizSvc>",
    "processing instruction": "<?pi x?><BizSvc>s</BizSvc>",
}


@pytest.mark.parametrize("body", DECLINED_QUIETLY.values(), ids=DECLINED_QUIETLY.keys())
def test_comments_and_processing_instructions_are_left_to_the_general_reader(body: str) -> None:
    el = _header(body)
    assert map_app_header(el, "head.001.001.02") is None
    assert _general(el)[0].business_service in ("s", "st")


def test_header_attributes_and_an_empty_institution_are_left_to_the_general_reader() -> None:
    el = _header(
        PLAIN, attributes=' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x"'
    )
    assert map_app_header(el, "head.001.001.02") is None
    assert [x.path for x in _general(el)[0].extras] == [
        "/AppHdr/@{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
    ]
    empty = _header("<Fr><FIId><FinInstnId/></FIId></Fr>")
    assert map_app_header(empty, "head.001.001.02") is None
    assert _general(empty)[0].from_bic is None  # the general reader decides this one


# --------------------------------------------------------------------------- (4) whole documents


def _without_lane() -> mock._patch[object]:
    return mock.patch.object(document, "map_app_header", lambda el, version: None)


def _read_both(data: bytes) -> None:
    fast = read_iso(data, {})
    with _without_lane():
        slow = read_iso(data, {})
    assert fast.value == slow.value and repr(fast.value) == repr(slow.value)
    assert fast.diagnostics == slow.diagnostics


def _validate_both(data: bytes) -> None:
    fast = finmsg.validate(data)
    with _without_lane():
        slow = finmsg.validate(data)
    assert fast.value == slow.value
    assert fast.diagnostics == slow.diagnostics


def _header_files() -> list[Path]:
    found = [Path(p) for p in glob.glob(str(FIXTURES / "**" / "*.xml"), recursive=True)]
    if CORPUS.is_dir():
        found += [Path(p) for p in glob.glob(str(CORPUS / "**" / "*.xml"), recursive=True)]
    return sorted(p for p in found if b"AppHdr" in p.read_bytes())


def test_every_file_with_an_app_header_reads_and_validates_the_same() -> None:
    compared = 0
    for path in _header_files():
        data = path.read_bytes()
        try:
            read_iso(data, {})
        except Exception:
            continue  # unreadable on purpose (malformed fixtures): no header is mapped at all
        _read_both(data)
        _validate_both(data)
        compared += 1
    assert compared >= 10


def test_the_lane_maps_the_fixture_headers() -> None:
    """Not only a fallback: the CBPR+ fixture's header goes through the lane."""
    data = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    with mock.patch.object(document, "read_app_header", side_effect=AssertionError("general reader used")):
        header = read_iso(data, {}).value.header
    assert (
        header is not None
        and header.from_bic == "BANKGB2LXXX"
        and header.business_service == "swift.cbprplus.02"
    )


_MEMBERS = [
    FR,
    TO,
    "<BizMsgIdr>MSG-1</BizMsgIdr>",
    "<MsgDefIdr>pacs.008.001.08</MsgDefIdr>",
    "<BizSvc>swift.cbprplus.02</BizSvc>",
    "<CreDt>2026-11-29T09:15:00Z</CreDt>",
    "<CpyDplct>COPY</CpyDplct>",
    "<PssblDplct>true</PssblDplct>",
    "<Prty>NORM</Prty>",
    "<Rltd><BizMsgIdr>R</BizMsgIdr></Rltd>",
    "<!-- note -->",
    '<Prty xmlns:a="urn:a" a:x="1">HIGH</Prty>',
]
_TEXTS = st.text(alphabet=st.sampled_from(list(" \t\nAZaz09-:.+Zü&<>")), max_size=12)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_MEMBERS), max_size=8), st.lists(_TEXTS, min_size=3, max_size=3), st.booleans()
)
def test_mutated_headers_read_the_same(members: list[str], texts: list[str], indent: bool) -> None:
    """Dropped, repeated, reordered members and odd texts: the lane maps or declines, and the
    read (model, diagnostics and their order) is the same as the general reader's."""
    body = "".join(members)
    body = body.replace(">MSG-1<", f">{_escape(texts[0])}<").replace(
        ">2026-11-29T09:15:00Z<", f">{_escape(texts[1])}<"
    )
    body = body.replace(">true<", f">{_escape(texts[2])}<")
    glue = "\n  " if indent else ""
    doc = (
        f'<Envelope>{glue}<AppHdr xmlns="{HEAD}">{glue}{body}{glue}</AppHdr>{glue}'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr>'
        "<MsgId>M</MsgId><NbOfTxs>0</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>"
        f"</FIToFICstmrCdtTrf></Document>{glue}</Envelope>"
    ).encode()
    _read_both(doc)
    el = etree.fromstring(doc)[0]
    fast = map_app_header(el, "head.001.001.02")
    if fast is not None:
        slow, ctx = _general(el)
        assert fast == slow and ctx.diagnostics == []
