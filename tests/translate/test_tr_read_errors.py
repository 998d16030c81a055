"""An MT field that does not match its format stops an MT → MX translation with the cause.

The error used to say only "62F does not match its format"; it now carries what
``finmsg validate`` says of the same field: which component, which character, the format
(SWIFT notation), at the field's path, and that finding as its diagnostic (what a batch
quarantine records). Expected messages are written by hand from the field formats:
62F/60F ``1!a6!n3!a15d`` (mark, date, currency, amount), 90D ``5n3!a15d``, 32A ``6!n3!a15d``,
where 15d is digits with one decimal comma.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ConversionError

_PAIRS = Path(__file__).resolve().parents[2] / "fixtures" / "translate"


def _fin(case: str, old: str, new: str) -> bytes:
    data = (_PAIRS / case / "input.fin").read_bytes()  # FIN, CRLF line ends
    assert old.encode() in data
    return data.replace(old.encode(), new.encode())


def _error(data: bytes) -> ConversionError:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, "iso20022")
    return caught.value


def _validate_finding(data: bytes, path: str) -> Diagnostic:
    [finding] = [
        d for d in finmsg.validate(data).diagnostics if d.code == "mt.field.format" and d.path == path
    ]
    return finding


@pytest.mark.parametrize(
    ("case", "old", "new", "path", "message"),
    [
        (
            "mt940-camt053/full-customer",
            ":62F:C261130EUR16234,56",
            ":62F:C261130EU16234,56",
            "MT940:62F",
            "62F: currency has '1' at character 10 (allowed: upper-case letters) "
            "(format <dc>1!a<date>6!n<currency>3!a<amount>15d)",
        ),
        (
            "mt942-camt052/mt942-two-entries-floor",
            ":90D:1EUR6250,50",
            ":90D:1EUR6250.50",
            "MT942:90D",
            "90D: amount has '.' at character 9 (allowed: digits and one decimal comma) "
            "(format <count>5n<currency>3!a<amount>15d)",
        ),
        (
            "mt900-camt054/mt900-minimal",
            ":32A:261130EUR1000,5",
            ":32A:261130EUR10005",
            "MT900:32A",
            "32A: amount '10005' is not digits with one decimal comma after them "
            "(format <date>6!n<currency>3!a<amount>15d)",
        ),
    ],
)
def test_the_error_names_the_component_and_the_format(
    case: str, old: str, new: str, path: str, message: str
) -> None:
    data = _fin(case, old, new)
    error = _error(data)
    assert (error.code, error.path, error.value, error.message) == ("translate.value", path, new[5:], message)
    assert str(error) == f"[translate.value] at {path}: {message}"
    # the finding it carries is the one `finmsg validate` reports for that field
    finding = Diagnostic("mt.field.format", Severity.ERROR, message, path=path, original=new[5:])
    assert error.diagnostics == (finding,)
    assert _validate_finding(data, path) == finding


@pytest.mark.parametrize(
    ("case", "old", "new", "path"),
    [
        # a 61 with a debit/credit mark that is none of C, D, RC, RD, EC, ED
        ("mt940-camt053/full-customer", ":61:261130D1500,NCHK", ":61:261130X1500,NCHK", "MT940:61[2]"),
        # a 13D whose UTC offset has three digits instead of 4!n
        ("mt942-camt052/mt942-two-entries-floor", ":13D:2611301415+0100", ":13D:2611301415+010", "MT942:13D"),
    ],
)
def test_without_a_single_cause_the_error_still_gives_the_format(
    case: str, old: str, new: str, path: str
) -> None:
    data = _fin(case, old, new)
    error = _error(data)
    tag = path.split(":")[1].split("[")[0]
    assert error.path == path and error.code == "translate.value"
    assert error.message.startswith(f"{tag} does not match the format <")  # the notation, not "its format"
    assert error.diagnostics == (_validate_finding(data, path),)


def test_a_good_statement_still_converts() -> None:
    data = (_PAIRS / "mt940-camt053" / "full-customer" / "input.fin").read_bytes()
    assert finmsg.convert(data, "iso20022").ok
