"""camt.053 remittance and MT950: never lost in silence.

MT950 (statement message) has no field 86; MT940 has one per 61, where the remittance goes as
``/REMI/``. An FI's own-account statement (owner = receiver) becomes an MT950 only when nothing
needs an 86 (TS018); remittance needs one, so such a statement becomes an MT940. Asked for
explicitly, an MT950 reports the remittance as ``lossy.dropped``. Values read by hand from the
fixture below (owner SOGEFRPPXXX, the BAH receiver).
"""

from __future__ import annotations

import re
from pathlib import Path

import finmsg

CASE = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "translate"
    / "camt053-mt940"
    / "mt950-eur-three-entries"
)
TX = "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]"


def _with_remittance() -> bytes:
    text = (CASE / "input.xml").read_text(encoding="utf-8")
    old = "<Refs><EndToEndId>SG-PAY-3310</EndToEndId></Refs></TxDtls>"
    assert old in text
    remittance = "<RmtInf><Ustrd>INVOICE 2026-118</Ustrd></RmtInf>"
    return text.replace(old, old.replace("</TxDtls>", remittance + "</TxDtls>")).encode()


def test_without_remittance_the_own_account_statement_is_an_mt950() -> None:
    out = finmsg.convert((CASE / "input.xml").read_bytes(), "mt").value
    assert b"{2:I950SOGEFRPPXXXXN}" in out


def test_remittance_makes_it_an_mt940_that_carries_it() -> None:
    result = finmsg.convert(_with_remittance(), "mt")
    assert b"{2:I940SOGEFRPPXXXXN}" in result.value
    assert re.search(rb"\r\n:86:/REMI/INVOICE 2026-118\r\n", result.value)
    assert [d for d in result.diagnostics if (d.path or "").startswith(f"{TX}/RmtInf")] == []


def test_an_mt950_asked_for_reports_the_remittance_as_dropped() -> None:
    result = finmsg.convert(_with_remittance(), "mt950")
    assert b"{2:I950SOGEFRPPXXXXN}" in result.value and b"REMI" not in result.value
    [dropped] = [d for d in result.diagnostics if d.path == f"{TX}/RmtInf"]
    assert dropped.code == "lossy.dropped" and dropped.rule == "TS019"
    assert "INVOICE 2026-118" in (dropped.original or "")
    assert "86" in dropped.message
