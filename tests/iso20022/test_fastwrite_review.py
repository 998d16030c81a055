"""Review findings on the fast write lane: cases where it wrote other bytes than the general writer.

Both found by differential testing (lane on / lane off):

- an ``UndrlygCstmrCdtTrf`` holding an element twice (a second ``RmtInf``, a second
  ``IntrmyAgt3Acct``): the reader keeps the second as a supplementary fragment; the general
  writer inserts it among the members in call order and then sorts them, so the fragment
  lands *before* the member of the same name, while the lane wrote it after;
- an AppHdr ``CreDt`` whose timestamp text is not text: the general writer writes the element
  (empty), the lane silently left it out.

Each test compares the two writers (bytes and diagnostics, or the same error).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from finmsg.iso20022 import fastwrite
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.model.payments import CreditTransfer

V8, V9 = "pacs.008.001.08", "pacs.009.001.08"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022"
COV = (FIXTURES / "pacs009-cov" / "input.xml").read_text(encoding="utf-8")
#: Where the additions go: right after the underlying's debtor agent.
ANCHOR = "<DbtrAgt><FinInstnId><BICFI>BANKFRPPXXX</BICFI></FinInstnId></DbtrAgt>"
CHAIN = "".join(
    f"<IntrmyAgt{n}><FinInstnId><BICFI>INTRMY{n}AXXX</BICFI></FinInstnId></IntrmyAgt{n}>"
    f"<IntrmyAgt{n}Acct><Id><IBAN>DE8937040044053201300{n}</IBAN></Id></IntrmyAgt{n}Acct>"
    for n in (1, 2, 3)
)


def _cov(addition: str) -> CreditTransfer:
    assert ANCHOR in COV
    message = read_iso(COV.replace(ANCHOR, ANCHOR + addition).encode(), {}).value
    assert isinstance(message, CreditTransfer)
    return message


def _outcome(message: CreditTransfer, lane: bool, version: str = V9) -> tuple[Any, ...]:
    fastwrite.ENABLED = lane
    try:
        result = write_iso(message, version, {})
    except Exception as exc:
        return ("error", type(exc), str(exc))
    finally:
        fastwrite.ENABLED = True
    return ("ok", result.value, result.diagnostics)


def _lane_takes(message: CreditTransfer, version: str = V9) -> bool:
    header = message.header
    lane_header = None if header is None else (header, header.version, header.message_definition_id)
    return fastwrite.write_fast(message, version, lane_header) is not None


@pytest.mark.parametrize(
    ("addition", "repeated"),
    [
        ("<RmtInf><Ustrd>second remittance line</Ustrd></RmtInf>", "RmtInf"),
        (
            CHAIN + "<IntrmyAgt3Acct><Id><IBAN>DE89370400440532013009</IBAN></Id></IntrmyAgt3Acct>",
            "IntrmyAgt3Acct",
        ),
        ('<InstdAmt Ccy="EUR">1.00</InstdAmt>', "InstdAmt"),
        ("<Dbtr><Nm>Second debtor</Nm></Dbtr>", "Dbtr"),
    ],
    ids=["RmtInf", "IntrmyAgt3Acct", "InstdAmt", "Dbtr"],
)
def test_underlying_element_repeated_writes_the_same(addition: str, repeated: str) -> None:
    message = _cov(addition)
    underlying = message.transactions[0].underlying
    assert underlying is not None
    assert [extra.path.rsplit("/", 1)[-1] for extra in underlying.extras] == [f"{repeated}[2]"]
    lane, general = _outcome(message, True), _outcome(message, False)
    assert lane[0] == "ok"
    assert lane == general


def test_underlying_fragment_of_its_own_place_still_takes_the_lane() -> None:
    """The decline is only for a fragment at a member's place: Tax has none in the model."""
    message = _cov("<Tax><Cdtr><TaxId>123</TaxId></Cdtr></Tax>")
    assert _lane_takes(message)
    assert _outcome(message, True) == _outcome(message, False)


def test_header_timestamp_that_is_not_text_is_left_to_the_general_writer() -> None:
    cbpr = FIXTURES / "pacs008-cbpr-structured" / "input.xml"
    message = read_iso(cbpr.read_bytes(), {}).value
    assert isinstance(message, CreditTransfer)
    header = message.header
    assert header is not None and header.creation is not None
    odd = replace(message, header=replace(header, creation=replace(header.creation, text=None)))  # type: ignore[arg-type]
    assert _lane_takes(message, V8)
    assert not _lane_takes(odd, V8)
    assert _outcome(odd, True, V8) == _outcome(odd, False, V8)
