"""A pacs.004 with several returns translated by ``convert`` to one MT: the later ones are said.

Before: ``pacs004_to_mt103`` and ``pacs004_to_mt2xx`` wrote the first return and dropped the
others with no diagnostic at all. ``convert_all`` writes one MT per return.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import finmsg
from finmsg.model.exceptions import PaymentReturn

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
CASES = {
    "103": FIXTURES / "pacs004-mt103",
    "202": FIXTURES / "pacs004-mt202",
}


def _two_returns(mt: str) -> PaymentReturn:
    case = sorted(p for p in CASES[mt].iterdir() if (p / "input.xml").exists())[0]
    message = finmsg.parse((case / "input.xml").read_bytes()).value
    assert isinstance(message, PaymentReturn) and len(message.transactions) == 1
    second = replace(message.transactions[0], return_id="SECOND-RETURN")
    return replace(message, transactions=(message.transactions[0], second))


@pytest.mark.parametrize("mt", ["103", "202"])
def test_later_return_is_reported_and_convert_all_writes_it(mt: str) -> None:
    message = _two_returns(mt)
    result = finmsg.convert(message, "mt")
    later = [d for d in result.diagnostics if d.path == "/Document/PmtRtr/TxInf[2]"]
    assert [(d.code, d.original) for d in later] == [("lossy.dropped", "SECOND-RETURN")]
    assert f"MT{mt}" in later[0].message and "convert_all" in later[0].message
    parts = finmsg.convert_all(message, "mt")
    assert len(parts) == 2
    assert [
        d for p in parts for d in p.diagnostics if "TxInf[2]" in (d.path or "") and d.code == "lossy.dropped"
    ] == []
