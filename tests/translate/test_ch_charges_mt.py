"""camt → MT: charges have no MT field (MT940/942/950, MT900/910), so each is reported dropped.

Field 61 carries amount, dates, type and references, field 86 the entry's AddtlNtryInf,
remittance and counterparty (:mod:`finmsg.translate.entry86`): neither takes charges. A
charges block is reported once, as ``lossy.dropped`` with its camt path and a readable
summary of its values, at entry and at transaction level.
"""

from __future__ import annotations

import pytest

from finmsg import api
from finmsg.diagnostics import Diagnostic
from tests.iso20022.test_ch_charges import doc

_OPTIONS = {"sender": "BANKDEFFXXX", "receiver": "COBADEFFXXX"}


def _charges_dropped(diagnostics: list[Diagnostic]) -> list[tuple[str, str | None, str | None]]:
    return [(d.code, d.rule, d.path) for d in diagnostics if d.path is not None and "Chrgs" in d.path]


@pytest.mark.parametrize(
    ("family", "block", "target", "rule"),
    [
        ("camt.053", "BkToCstmrStmt/Stmt", "MT940", "TS019"),
        ("camt.052", "BkToCstmrAcctRpt/Rpt", "MT942", "TS019"),
        ("camt.054", "BkToCstmrDbtCdtNtfctn/Ntfctn", "MT900", "TN013"),
    ],
)
@pytest.mark.parametrize("version", ["02", "08"])
def test_charges_are_reported_as_dropped(
    family: str, block: str, target: str, rule: str, version: str
) -> None:
    result = api.convert(doc(version, family), to=target, **_OPTIONS)
    ntry = f"/Document/{block}[1]/Ntry[1]"
    assert _charges_dropped(result.diagnostics) == [
        ("lossy.dropped", rule, f"{ntry}/Chrgs"),
        ("lossy.dropped", rule, f"{ntry}/NtryDtls[1]/TxDtls[1]/Chrgs"),
    ]
    entry = next(d for d in result.diagnostics if d.path == f"{ntry}/Chrgs")
    # the summary names the total, each record's amount, type, bearer and the tax
    assert entry.original is not None
    for value in (
        "EUR 12.50",
        "EUR 10.00",
        "COMM",
        "DEBT",
        "VAT-DE",
        "EUR 1.90",
        "EUR 0.60",
        "WIREFEE",
        "SHAR",
    ):
        assert value in entry.original
    text = result.value.decode() if isinstance(result.value, bytes) else str(result.value)
    assert "12,50" not in text and "COMM" not in text  # indeed not carried anywhere in the MT


def test_the_charges_of_a_second_transaction_are_named_too() -> None:
    """Review R1: MT900/910 carries the first TxDtls; a second one is reported whole (TN014),
    and its charges, once an extra listed on their own, must still be named with their amount."""
    one = doc("08", "camt.054")
    start, end = one.index(b"<TxDtls>"), one.index(b"</TxDtls>") + len(b"</TxDtls>")
    two = one[:end] + one[start:end] + one[end:]
    result = api.convert(two, to="MT900", **_OPTIONS)
    ntry = "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[1]"
    second = [d for d in result.diagnostics if d.path == f"{ntry}/NtryDtls/TxDtls[2]/Chrgs"]
    assert [(d.code, d.rule) for d in second] == [("lossy.dropped", "TN014")]
    assert second[0].original is not None and "EUR 2.50" in second[0].original
