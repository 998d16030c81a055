"""Shared helpers of the settlement tests: read fixtures, write and validate MT and ISO output."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

import finmsg
from finmsg.diagnostics import Diagnostic, Severity
from finmsg.fix.reader import read_message
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.schemas import validate_document
from finmsg.model.settlement import SettlementInstruction
from finmsg.model.trading import TradingMessage
from finmsg.mt import read_one, validate_message, write_message
from finmsg.mt.message import MtMessage

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "settlement"


def read_fix_file(path: Path) -> list[TradingMessage]:
    out = []
    for line in path.read_bytes().splitlines():
        if line.strip():
            out.append(read_message(line.replace(b"|", b"\x01")).value)
    return out


#: The missing-SSI case has, by design, no place of settlement and no counterparty agent:
#: SWIFT rejects that (network rule E91), and so must the MT validator.
EXPECTED_MT_ERRORS = {"missing_ssi": ["mt.E91", "mt.E91"]}


def mt_text(msg: MtMessage, expected_errors: list[str] | None = None) -> str:
    """FIN text of an MT that must pass every validation layer of the MT engine (but the expected errors)."""
    problems = [d.code for d in validate_message(msg) if d.severity is Severity.ERROR]
    assert problems == (expected_errors or []), problems
    return write_message(msg).value.decode("ascii").replace("\r\n", "\n")


def read_mt(text: str) -> MtMessage:
    return read_one(text.replace("\n", "\r\n").encode("ascii")).value


def sese_xml(model: SettlementInstruction, family: str) -> bytes:
    """ISO XML of ``model``, asserted valid against the vendored XSD."""
    result = finmsg.write(model, family)
    doc = etree.fromstring(result.value)
    version = (
        family
        if family.count(".") == 3
        else {"sese.023": "sese.023.001.12", "sese.025": "sese.025.001.12"}[family]
    )
    assert validate_document(doc, version) == [], validate_document(doc, version)
    return bytes(result.value)


def read_sese(data: bytes) -> SettlementInstruction:
    value = read_iso(data, {}).value
    assert isinstance(value, SettlementInstruction)
    return value


def diag_dicts(diags: list[Diagnostic]) -> list[dict[str, object]]:
    return [d.to_dict() for d in diags]
