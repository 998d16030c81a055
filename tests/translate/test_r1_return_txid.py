"""pacs.004 → MT103 /RETN/: an OrgnlTxId is only lost when no 72 line carries its value (review R1).

The MT103 return's field 72 carries the original references: ``/MREF/`` the original sender's
reference (OrgnlInstrId) and ``/TREF/`` the end-to-end reference (OrgnlEndToEndId). An
OrgnlTxId equal to one of them travels; reporting it as ``lossy.dropped`` made ``--strict``
refuse a lossless conversion. A different OrgnlTxId is still reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg import convert

_INPUT = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs004-cbpr-envelope" / "input.xml"
_TXID = "/Document/PmtRtr/TxInf[1]/OrgnlTxId"


def _with_txid(value: str) -> bytes:
    text = _INPUT.read_text(encoding="utf-8")
    assert "<OrgnlInstrId>INSTR-0001<" in text and "<OrgnlEndToEndId>E2E-INV-4711<" in text
    assert text.count("<OrgnlTxId>TX-0001</OrgnlTxId>") == 1
    return text.replace("<OrgnlTxId>TX-0001</OrgnlTxId>", f"<OrgnlTxId>{value}</OrgnlTxId>").encode()


@pytest.mark.parametrize(
    ("txid", "reported"), [("INSTR-0001", False), ("E2E-INV-4711", False), ("TX-0001", True)]
)
def test_txid_reported_only_when_72_does_not_carry_it(txid: str, reported: bool) -> None:
    out = convert(_with_txid(txid), "mt")
    text = out.value.decode()
    assert "/MREF/INSTR-0001\r\n" in text and "/TREF/E2E-INV-4711\r\n" in text
    paths = [d.path for d in out.diagnostics if d.code == "lossy.dropped"]
    assert (_TXID in paths) is reported
