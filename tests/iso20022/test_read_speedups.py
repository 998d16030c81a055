"""The cheaper read/validate paths give the same answers as the plain ones.

* ``checks.run_checks`` runs the per-object checks during its walk; it must report exactly
  what running each check of ``checks._CHECKS`` over ``walk_checked`` reports (same codes,
  paths, values, order), on every fixture and on messages with planted faults.
* ISO 20022 detection searches the input in place and the registry caches its sniffing
  order; odd inputs (BOM, whitespace, MT, non-ISO XML) must be detected as before.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

import finmsg
from finmsg import registry
from finmsg.diagnostics import Diagnostic
from finmsg.errors import FinmsgError, UnknownFormatError
from finmsg.iso20022 import checks
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.format import _sniff
from finmsg.model.common import Account, Agent, Amount, Party
from finmsg.registry import FormatHandler, sniff_format
from tests.corpus import CORPUS

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "iso20022"
INPUTS = sorted(FIXTURES.glob("*/input.xml")) + sorted((FIXTURES / "checks").glob("*.xml"))
CORPUS_FILES = sorted((CORPUS / "iso20022").rglob("*.xml")) if (CORPUS / "iso20022").is_dir() else []


def _reference(message: object, options: dict[str, str]) -> list[Diagnostic]:
    """The checks the plain way: the pruned walk, then each check over all of it, then CBPR+."""
    out: list[Diagnostic] = []
    nodes = checks.walk_checked(message)
    for check in checks._CHECKS:
        check(message, nodes, out)
    from finmsg.iso20022 import cbpr

    if cbpr.applies(message, options):
        out.extend(cbpr.run_cbpr(message, options, nodes))
    return out


def _read(path: Path) -> object:
    try:
        return read_iso(path.read_bytes(), {}).value
    except FinmsgError:
        return None


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("options", [{}, {"profile": "cbpr+"}], ids=["plain", "cbpr"])
def test_run_checks_matches_the_check_by_check_run_on_fixtures(path: Path, options: dict[str, str]) -> None:
    message = read_iso(path.read_bytes(), {}).value
    assert checks.run_checks(message, options) == _reference(message, options)


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not present")
def test_run_checks_matches_the_check_by_check_run_on_the_corpus() -> None:
    compared = 0
    for path in CORPUS_FILES:
        message = _read(path)
        if message is None:
            continue
        assert checks.run_checks(message, {}) == _reference(message, {}), path.name
        compared += 1
    assert compared > 0


def _pacs008() -> object:
    return read_iso((FIXTURES / "pacs008-cbpr-structured" / "input.xml").read_bytes(), {}).value


def test_planted_faults_are_reported_in_check_order_with_model_paths() -> None:
    message = _pacs008()
    tx = message.transactions[0]  # type: ignore[attr-defined]
    bad = replace(
        tx,
        settlement_amount=Amount(Decimal("10.123"), "EUR"),  # three decimals for a two-decimal currency
        instructed_amount=Amount(Decimal("5"), "XXY"),  # not a currency
        debtor_agent=Agent(bic="NOTABIC"),
        debtor_account=Account(iban="GB00BUKB20201555555555", currency="ABC"),
        creditor=Party(name="C", lei="5493001KJTIIGC8Y1R13"),  # LEI check digits off by one
    )
    message = replace(message, transactions=(bad,))  # type: ignore[type-var]
    found = [(d.code, d.path) for d in checks.run_checks(message, {})]
    # Hand-written from the rules: counts first, then currencies in walk order, then identifiers,
    # then the exchange rate (InstdAmt in XXY, IntrBkSttlmAmt in EUR, no XchgRate).
    assert found == [
        ("iso.check.currency-decimals", "transactions[1].settlement_amount"),
        ("iso.check.currency", "transactions[1].instructed_amount"),
        ("iso.check.currency", "transactions[1].debtor_account.currency"),
        ("iso.check.iban", "transactions[1].debtor_account.iban"),
        ("iso.check.bic", "transactions[1].debtor_agent.bic"),
        ("iso.check.lei", "transactions[1].creditor.lei"),
        ("iso.check.exchange-rate", "transactions[1].exchange_rate"),
    ]
    assert checks.run_checks(message, {}) == _reference(message, {})


@pytest.mark.parametrize(
    "value",
    [Decimal("NaN"), Decimal("Infinity"), Decimal("1E+2"), Decimal("0.00"), Decimal("1.5")],
    ids=str,
)
@pytest.mark.parametrize("currency", ["EUR", "JPY", "eur", "XXX", ""])
def test_amount_edge_cases_match_the_full_amount_check(value: Decimal, currency: str) -> None:
    message = _pacs008()
    tx = replace(message.transactions[0], settlement_amount=Amount(value, currency))  # type: ignore[attr-defined]
    message = replace(message, transactions=(tx,))  # type: ignore[type-var]
    for _ in range(2):  # a second run meets the currency in the memo of known codes
        assert checks.run_checks(message, {}) == _reference(message, {})


def test_amount_decimals_findings_are_hand_checked() -> None:
    message = _pacs008()
    for value, currency, expected in [
        (Decimal("1.5"), "JPY", ["iso.check.currency-decimals"]),  # JPY has no minor unit
        (Decimal("1.50"), "EUR", []),
        (Decimal("NaN"), "EUR", ["iso.check.currency-decimals"]),
        (Decimal("1"), "EUX", ["iso.check.currency"]),  # not an ISO 4217 code
    ]:
        # no InstdAmt: another settlement currency would also break the exchange-rate rule
        tx = replace(
            message.transactions[0], settlement_amount=Amount(value, currency), instructed_amount=None
        )  # type: ignore[attr-defined]
        found = [d.code for d in checks.run_checks(replace(message, transactions=(tx,)), {})]  # type: ignore[type-var]
        assert found == expected, (value, currency)


# --------------------------------------------------------------------------- detection

MT103 = b"{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n:20:REF\r\n-}"
ISO_HEAD = b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf/></Document>'


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ISO_HEAD, True),
        (b"\xef\xbb\xbf" + ISO_HEAD, True),  # UTF-8 byte order mark
        (b" \t\r\n\n" + ISO_HEAD, True),  # leading whitespace
        (b"\xef\xbb\xbf\n  " + ISO_HEAD, True),
        (
            b"<?xml version='1.0'?><Envelope>"
            b"<x xmlns='urn:iso:std:iso:20022:tech:xsd:head.001.001.02'/></Envelope>",
            True,
        ),
        (b"\xbb \xef<root>urn:iso:std:iso:20022</root>", True),  # BOM bytes in any order are skipped
        (b"<Document/>", True),  # no namespace, but the name
        (b"<root><Document/></root>", True),
        (b"<root>hello</root>", False),  # XML, but neither the namespace nor the name
        (b"<?xml version='1.0'?><fixml/>", False),
        (MT103, False),
        (b"8=FIX.4.4\x019=5\x0135=D\x0110=000\x01", False),
        (b'{"family": "iso20022"}', False),
        (b"x<Document/>", False),  # something before the first tag
        (b"", False),
        (b" " * 4096 + b"<Document/>", False),  # the tag must start within the first 4 KiB
        (b" " * 4095 + b"<Document/>", False),  # a "<" in time, but the name ends past 4 KiB
        (b" " * 4000 + b"<Document/>", True),
        (b"<a>" + b" " * 70000 + b"urn:iso:std:iso:20022</a>", False),  # namespace past 64 KiB
        (b"<a>" + b" " * 65000 + b"urn:iso:std:iso:20022</a>", True),
        (b"<a>" + b" " * 5000 + b"Document</a>", False),  # the name counts only in the first 4 KiB
    ],
)
def test_iso_sniff_on_odd_inputs(data: bytes, expected: bool) -> None:
    assert _sniff(data) is expected
    assert _sniff_by_slices(data) is expected


def _sniff_by_slices(data: bytes) -> bool:
    """The rule as it was written before the in-place search (an oracle for the cases above)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and (b"urn:iso:std:iso:20022" in data[:65536] or b"Document" in head)


def test_detection_picks_the_family_for_each_kind_of_input() -> None:
    fixture = (FIXTURES / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    assert sniff_format(fixture).family == "iso20022"
    assert sniff_format(b"\xef\xbb\xbf\r\n" + fixture).family == "iso20022"
    assert sniff_format(MT103).family == "mt"
    with pytest.raises(UnknownFormatError):
        sniff_format(b"<root>hello</root>")
    assert finmsg.validate(fixture).ok
    assert finmsg.validate(fixture, format="iso20022").ok
    assert [m.message_type for m in finmsg.detect(b"  " + fixture)] == ["pacs.008.001.08"]


def test_sniffing_order_follows_a_new_registration(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cached priority order sees a handler registered (or a registry replaced) later."""
    fixture = (FIXTURES / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    assert sniff_format(fixture).family == "iso20022"  # fills the cache
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))
    iso = registry._FORMATS["iso20022"]
    greedy = replace(iso, family="greedy", priority=1, sniff=lambda data: True)
    registry.register_format(greedy)
    assert sniff_format(fixture).family == "greedy"
    assert registry.registered_formats(plugins=False)[0].family == "greedy"
    del registry._FORMATS["greedy"]
    assert sniff_format(fixture).family == "iso20022"
    assert isinstance(registry.registered_formats(plugins=False)[0], FormatHandler)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("12500.50", 2),
        ("123.4500", 4),
        ("-0.00", 2),
        ("100", 0),
        ("1E+2", -2),  # a positive exponent
        ("1E-7", 7),
        ("0.0000001", 7),
        ("1.5E-10", 11),
        ("0.000001", 6),
    ],
)
def test_decimal_places_as_written(text: str, places: int) -> None:
    assert checks._decimals(Decimal(text)) == places
