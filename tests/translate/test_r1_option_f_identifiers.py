"""pacs.008 → MT103 field 50F/59F identifiers (review R1).

Written by hand from the 50F rules: the party identifier line is ``/34x`` (account) or
``code/country/identifier`` (``4!a/2!a/27x``, network rules T54, T55, T73), the code one of
ARNU CCPT CUST DRLC EMPL NIDN SOSE TXID. An ISO identifier whose issuer is not a country code
(a BIC, an authority's name, an unknown code) cannot be that line; written there, the MT was
invalid. It goes to a 6/ line (customer identification number, ``6/CC/issuer/id``) instead,
and the scheme that line cannot say (passport, tax id...) is reported, not lost silently.
Dropped identifiers are reported with their real source path (``Id/PrvtId/Othr[n]``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg import convert, validate

_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022"
_INPUT = _FIXTURES / "pacs008-cbpr-structured" / "input.xml"
_TX = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"
_LEI = "<Id><OrgId><LEI>5493001KJTIIGC8Y1R12</LEI></OrgId></Id>"
_ACCOUNT = "<DbtrAcct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id></DbtrAcct>"


def _othr(branch: str, ident: str, code: str, issuer: str) -> str:
    scheme = f"<SchmeNm><Cd>{code}</Cd></SchmeNm><Issr>{issuer}</Issr>"
    return f"<Id><{branch}><Othr><Id>{ident}</Id>{scheme}</Othr></{branch}></Id>"


def _debtor_without_account(identifier: str) -> bytes:
    text = _INPUT.read_text(encoding="utf-8")
    assert _LEI in text and _ACCOUNT in text
    return text.replace(_ACCOUNT, "").replace(_LEI, identifier).encode()


def _field(fin: bytes, tag: str) -> list[str]:
    text = fin.decode()
    start = text.index(f":{tag}:") + len(tag) + 2
    return text[start:].split("\r\n:", 1)[0].split("\r\n")


@pytest.mark.parametrize(
    ("identifier", "line6", "scheme_path"),
    [
        (
            _othr("PrvtId", "AB123456", "CCPT", "UK Passport Office"),
            "6/GB/UK Passport Office/AB123456",
            f"{_TX}/Dbtr/Id/PrvtId/Othr[1]/SchmeNm/Cd",
        ),
        (_othr("PrvtId", "CUST-12345", "CUST", "BANKGB2L"), "6/GB/BANKGB2L/CUST-12345", None),
        (_othr("OrgId", "123", "TXID", "XX"), "6/GB/XX/123", f"{_TX}/Dbtr/Id/OrgId/Othr[1]/SchmeNm/Cd"),
    ],
    ids=["passport-authority", "customer-bic-issuer", "tax-id-unknown-country"],
)
def test_issuer_that_is_no_country_goes_to_line_6(
    identifier: str, line6: str, scheme_path: str | None
) -> None:
    out = convert(_debtor_without_account(identifier), "mt")
    lines = _field(out.value, "50F")
    assert lines[0] == "/NOTPROVIDED"
    assert line6 in lines
    assert [str(d) for d in validate(out.value).diagnostics if d.is_error] == []
    dropped = [d.path for d in out.diagnostics if d.code == "lossy.dropped" and "/Dbtr/" in (d.path or "")]
    assert dropped == ([scheme_path] if scheme_path else [])


def test_country_issuer_is_the_party_identifier() -> None:
    out = convert(_debtor_without_account(_othr("PrvtId", "AB123456", "CCPT", "GB")), "mt")
    assert _field(out.value, "50F")[0] == "CCPT/GB/AB123456"
    assert [str(d) for d in validate(out.value).diagnostics if d.is_error] == []


def test_creditor_identifier_dropped_with_its_source_path() -> None:
    text = _INPUT.read_text(encoding="utf-8")
    creditor_id = _othr("PrvtId", "AB123456", "CCPT", "GB")
    text = text.replace("</PstlAdr>\n        </Cdtr>", f"</PstlAdr>{creditor_id}\n        </Cdtr>")
    assert creditor_id in text
    out = convert(text.encode(), "mt")
    dropped = [d.path for d in out.diagnostics if d.code == "lossy.dropped" and "/Cdtr/" in (d.path or "")]
    assert dropped == [f"{_TX}/Cdtr/Id/PrvtId/Othr[1]"]
