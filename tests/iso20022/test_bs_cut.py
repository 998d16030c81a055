"""Cutting an ISO 20022 input of several messages: each part is the exact original bytes of its
AppHdr through its Document, and still reads (namespaces and encoding of the wrapper included)."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from finmsg.errors import LimitExceededError
from finmsg.iso20022.format import IsoPart
from finmsg.registry import RawMessage, get_format, sniff_format

HEAD_NS = "urn:iso:std:iso:20022:tech:xsd:head.001.001.02"
PACS_NS = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"


def _header(n: int, prefix: str = "", declare: bool = True) -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f' xmlns{":" + prefix if prefix else ""}="{HEAD_NS}"' if declare else ""
    return (
        f"<{p}AppHdr{xmlns}><{p}Fr><{p}FIId><{p}FinInstnId><{p}BICFI>BANKDEFFXXX</{p}BICFI>"
        f"</{p}FinInstnId></{p}FIId></{p}Fr>\n<{p}To><{p}FIId><{p}FinInstnId><{p}BICFI>BANKGB2LXXX</{p}BICFI>"
        f"</{p}FinInstnId></{p}FIId></{p}To>\n<{p}BizMsgIdr>B{n}</{p}BizMsgIdr>"
        f"<{p}MsgDefIdr>pacs.008.001.08</{p}MsgDefIdr><{p}CreDt>2026-01-05T10:00:00Z</{p}CreDt></{p}AppHdr>"
    )


def _document(n: int, name: str = "Debtor", prefix: str = "", declare: bool = True, extra: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f' xmlns{":" + prefix if prefix else ""}="{PACS_NS}"' if declare else ""
    return (
        f"<{p}Document{xmlns}><{p}FIToFICstmrCdtTrf><{p}GrpHdr><{p}MsgId>M{n}</{p}MsgId>"
        f"<{p}CreDtTm>2026-01-05T10:00:00Z</{p}CreDtTm>\n<{p}NbOfTxs>1</{p}NbOfTxs><{p}SttlmInf>"
        f"<{p}SttlmMtd>INDA</{p}SttlmMtd></{p}SttlmInf></{p}GrpHdr>{extra}\n<{p}CdtTrfTxInf><{p}PmtId>"
        f"<{p}InstrId>I{n}</{p}InstrId><{p}EndToEndId>E{n}</{p}EndToEndId></{p}PmtId>"
        f'<{p}IntrBkSttlmAmt Ccy="EUR">{n}00.25</{p}IntrBkSttlmAmt><{p}ChrgBr>SHAR</{p}ChrgBr>\n'
        f"<{p}Dbtr><{p}Nm>{name}</{p}Nm></{p}Dbtr><{p}DbtrAgt><{p}FinInstnId><{p}BICFI>BANKDEFFXXX</{p}BICFI>"
        f"</{p}FinInstnId></{p}DbtrAgt><{p}CdtrAgt><{p}FinInstnId><{p}BICFI>BANKGB2LXXX</{p}BICFI>"
        f"</{p}FinInstnId></{p}CdtrAgt><{p}Cdtr><{p}Nm>Creditor</{p}Nm></{p}Cdtr></{p}CdtTrfTxInf>"
        f"</{p}FIToFICstmrCdtTrf></{p}Document>"
    )


def _split(data: bytes) -> list[RawMessage]:
    return list(get_format("iso20022").split(data, {}))


def _read(data: bytes) -> tuple[str | None, str | None, list[str]]:
    """(AppHdr BizMsgIdr, debtor name, diagnostic codes) of one message read by the ISO reader."""
    result = get_format("iso20022").read(data, {})
    message: Any = result.value
    header = None if message.header is None else message.header.business_message_id
    return header, message.transactions[0].debtor.name, [d.code for d in result.diagnostics]


def test_each_part_is_the_exact_bytes_from_its_apphdr_to_the_end_of_its_document() -> None:
    first = (_header(1) + "\n  " + _document(1)).encode()
    second = (_header(2) + _document(2)).encode()
    lead = b'<?xml version="1.0" encoding="UTF-8"?>\n<Batch>\n  '
    data = lead + first + b"\n  " + second + b"\n</Batch>\n"
    parts = _split(data)
    assert [bytes(p.data) for p in parts] == [first, second]
    assert [(p.index, p.message_type, p.offset) for p in parts] == [
        (1, "pacs.008.001.08", len(lead)),
        (2, "pacs.008.001.08", len(lead) + len(first) + 3),
    ]
    assert [_read(p.data)[:2] for p in parts] == [("B1", "Debtor"), ("B2", "Debtor")]


def test_a_part_reads_as_the_same_message_alone() -> None:
    data = (
        "<Envelope>" + _header(1) + _document(1) + _header(2) + _document(2, "Other") + "</Envelope>"
    ).encode()
    alone = ("<Envelope>" + _header(2) + _document(2, "Other") + "</Envelope>").encode()
    part = _split(data)[1].data
    reader = get_format("iso20022")
    assert reader.read(part, {}).value == reader.read(alone, {}).value
    assert reader.validate(part, {}).diagnostics == reader.validate(alone, {}).diagnostics


def test_a_document_without_header_is_cut_alone() -> None:
    data = ("<Envelope>" + _document(1) + _header(2) + _document(2) + "</Envelope>").encode()
    parts = _split(data)
    assert [bytes(p.data) for p in parts] == [_document(1).encode(), (_header(2) + _document(2)).encode()]


def test_namespaces_declared_by_the_wrapper_travel_with_the_part() -> None:
    data = (
        f'<w:Batch xmlns:w="urn:example:wrap" xmlns:h="{HEAD_NS}" xmlns:p="{PACS_NS}">'
        + _header(1, "h", False)
        + _document(1, "Debtor", "p", False)
        + _header(2, "h", False)
        + _document(2, "Second", "p", False)
        + "</w:Batch>"
    ).encode()
    parts = _split(data)
    assert bytes(parts[1].data) == (_header(2, "h", False) + _document(2, "Second", "p", False)).encode()
    assert b"xmlns" not in bytes(parts[1].data)  # the declarations are the wrapper's only
    assert sniff_format(parts[1].data).family == "iso20022"
    assert _read(parts[1].data)[:2] == ("B2", "Second")
    copy = pickle.loads(pickle.dumps(parts[1].data))  # another process: no parsed elements
    assert isinstance(copy, IsoPart) and copy.envelope is None and copy == parts[1].data
    assert _read(copy)[:2] == ("B2", "Second")


def test_a_wrapper_in_iso_8859_1_gives_its_own_bytes_and_reads_its_names() -> None:
    body = _header(1) + _document(1, "Zoé Müller") + _header(2) + _document(2, "Ærøskøbing")
    data = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<Batch>' + body + "</Batch>").encode("latin-1")
    parts = _split(data)
    assert bytes(parts[0].data) == (_header(1) + _document(1, "Zoé Müller")).encode("latin-1")
    assert [_read(p.data)[1] for p in parts] == ["Zoé Müller", "Ærøskøbing"]
    assert _read(pickle.loads(pickle.dumps(parts[1].data)))[1] == "Ærøskøbing"


def test_a_wrapper_in_utf_16_is_still_cut_and_read() -> None:
    body = _header(1) + _document(1, "Zoé") + _header(2) + _document(2, "Łódź")
    data = ('<?xml version="1.0" encoding="UTF-16"?>\n<Batch>' + body + "</Batch>").encode("utf-16")
    parts = _split(data)
    assert [(p.index, p.message_type) for p in parts] == [(1, "pacs.008.001.08"), (2, "pacs.008.001.08")]
    assert [_read(p.data)[:2] for p in parts] == [("B1", "Zoé"), ("B2", "Łódź")]


def test_tag_names_in_comments_and_cdata_do_not_cut() -> None:
    second = _document(2, "Second", extra="<!-- not a tag: </Document> -->")
    data = (
        "<Envelope><!-- <Document> <AppHdr> -->"
        + _document(1, "<![CDATA[</Document><AppHdr>]]>")
        + "<?pi <Document>?>"
        + second
        + "</Envelope>"
    ).encode()
    parts = _split(data)
    assert [bytes(p.data) for p in parts] == [
        _document(1, "<![CDATA[</Document><AppHdr>]]>").encode(),
        second.encode(),
    ]
    assert _read(parts[0].data)[1] == "</Document><AppHdr>"


def test_comments_are_reported_for_the_part_that_holds_them_only() -> None:
    data = (
        "<Envelope><!-- about the batch -->"
        + _document(1)
        + "<!-- between -->"
        + _document(2, extra="<!-- inside the second -->")
        + "</Envelope>"
    ).encode()
    codes = [_read(p.data)[2] for p in _split(data)]
    assert "iso.comments-dropped" not in codes[0]
    assert "iso.comments-dropped" in codes[1]


def test_a_header_that_heads_nothing_is_not_sliced_into_a_neighbour() -> None:
    # the reader pairs a Document with the AppHdr just before it in the same parent only
    data = (
        "<Batch><Stray>" + _header(9) + "</Stray>" + _document(1) + _header(2) + _document(2) + "</Batch>"
    ).encode()
    parts = _split(data)
    assert [_read(p.data)[0] for p in parts] == [None, "B2"]
    assert b"B9" not in bytes(parts[0].data)


def test_a_part_split_again_is_itself() -> None:
    data = ("<Envelope>" + _document(1) + _document(2) + "</Envelope>").encode()
    part = _split(data)[1]
    again = _split(part.data)
    assert len(again) == 1 and again[0].data is part.data and again[0].message_type == "pacs.008.001.08"


def test_entities_and_dtds_are_still_refused() -> None:
    data = (
        '<?xml version="1.0"?><!DOCTYPE Batch [<!ENTITY n "Debtor">]><Batch>'
        + _document(1, "&n;")
        + _document(2)
        + "</Batch>"
    ).encode()
    with pytest.raises(LimitExceededError) as caught:
        _split(data)
    assert caught.value.code == "xml.dtd-forbidden"
