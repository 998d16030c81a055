"""InstructedAmountAndExchangeRate rules 1 and 2 on a pacs.008 transaction.

Rule 1: InstdAmt in another currency than IntrBkSttlmAmt needs XchgRate; rule 2: the same
currency forbids it. An input breaking rule 1 validated clean and its MT103 lacked field 36 (D75).
"""

from __future__ import annotations

from pathlib import Path

import finmsg

FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
)
BASE = FIXTURE.read_bytes()


def _findings(data: bytes) -> list[tuple[str, str | None, str | None]]:
    return [
        (d.code, d.path, d.rule)
        for d in finmsg.validate(data).diagnostics
        if d.code == "iso.check.exchange-rate"
    ]


def _with_instructed(currency: str, rate: str | None) -> bytes:
    start = BASE.index(b"<InstdAmt")
    end = BASE.index(b"</InstdAmt>") + len(b"</InstdAmt>")
    rate_xml = f"<XchgRate>{rate}</XchgRate>".encode() if rate else b""
    return BASE[:start] + f'<InstdAmt Ccy="{currency}">1000.00</InstdAmt>'.encode() + rate_xml + BASE[end:]


def test_the_fixture_is_clean() -> None:
    assert b"<InstdAmt" in BASE and _findings(BASE) == []


def test_another_currency_without_a_rate_breaks_rule_1() -> None:
    assert _findings(_with_instructed("USD", None)) == [
        ("iso.check.exchange-rate", "transactions[1].exchange_rate", "InstructedAmountAndExchangeRate1Rule")
    ]


def test_another_currency_with_a_rate_is_clean() -> None:
    assert _findings(_with_instructed("USD", "1.0850")) == []


def test_the_same_currency_with_a_rate_breaks_rule_2() -> None:
    settled = BASE[BASE.index(b'<IntrBkSttlmAmt Ccy="') + 21 :][:3].decode()
    assert _findings(_with_instructed(settled, "1.0")) == [
        ("iso.check.exchange-rate", "transactions[1].exchange_rate", "InstructedAmountAndExchangeRate2Rule")
    ]
