"""Source paths, 50F line order and SR2026 address recognition: regressions found in review.

* ``[n]`` after a tag counts occurrences (the MT engine's notation) and
  ``/line[n]`` counts lines, so ``MT101:59[2][3]`` must never appear;
* ``3/JP/TOKYO 100-0005`` comes back from pacs.008 as ``3/JP/100-0005 TOKYO``:
  the reordering is reported with rule TR024;
* ``10001 NEW YORK US`` is post code + town + country; a country is still never
  invented (``90210 BEVERLY HILLS CA`` may be California).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from finmsg.model.common import AddressStyle
from finmsg.model.payments import CreditTransfer
from finmsg.testing.translate import mt_to_mx, mx_to_mt
from finmsg.translate.address import structure_lines

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
_DOUBLE_INDEX = re.compile(r"MT\d{3}[A-Z]*:[0-9]{2}[A-Z]?\[\d+\]\[")

_JP = (
    b"{1:F01BANKBEBBAXXX0000000000}{2:I103BOTKJPJTXXXXN}"
    b"{3:{121:8a1c2e3f-4b5d-4e6f-9a0b-1c2d3e4f5a6b}}{4:\r\n"
    b":20:JP-ORDER-1\r\n:23B:CRED\r\n:32A:261203JPY1500000,\r\n"
    b":50F:/BE68539007547034\r\n1/YAMADA TARO\r\n2/1-1 MARUNOUCHI\r\n3/JP/TOKYO 100-0005\r\n"
    b":59:/1234567\r\nSUZUKI HANAKO\r\n:71A:SHA\r\n-}"
)


def test_second_59_line_path_has_one_occurrence_index() -> None:
    source = (FIXTURES / "mt101-pain001" / "per-b-ordering-customers" / "input.fin").read_bytes()
    _, _, diagnostics = mt_to_mx(source, "iso20022")
    paths = [d.path for d in diagnostics if d.path and d.path.startswith("MT101:59")]
    assert "MT101:59[2]/line[3]" in paths and "MT101:59/line[3]" in paths
    assert not any(_DOUBLE_INDEX.search(p) for p in paths)


def test_no_golden_diagnostic_carries_a_double_index() -> None:
    found = []
    for golden in FIXTURES.glob("*/*/expected-diagnostics.json"):
        for entry in json.loads(golden.read_text(encoding="utf-8")):
            for key in ("path", "target_path"):
                if _DOUBLE_INDEX.search(entry.get(key) or ""):
                    found.append((golden.parent.name, entry[key]))
    assert found == []


def test_50f_town_line_reordered_by_the_round_trip_is_reported() -> None:
    xml, message, diagnostics = mt_to_mx(_JP, "iso20022")
    assert isinstance(message, CreditTransfer)
    address = message.transactions[0].debtor.address  # type: ignore[union-attr]
    assert address is not None
    assert (address.post_code, address.town_name, address.country) == ("100-0005", "TOKYO", "JP")
    assert (address.street_name, address.building_number) == ("MARUNOUCHI", "1-1")
    [reordered] = [d for d in diagnostics if d.code == "address.reordered"]
    assert reordered.rule == "TR024" and reordered.path == "MT103:50F"
    assert reordered.target_path == "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr"
    assert reordered.original == "2/1-1 MARUNOUCHI\n3/JP/TOKYO 100-0005"
    assert reordered.emitted == "2/MARUNOUCHI 1-1\n3/JP/100-0005 TOKYO"
    # and that is exactly what the reverse translation writes
    _, back, _ = mx_to_mt(xml, "mt")
    f50 = back.get("50F")
    assert f50 is not None and f50.value.endswith("2/MARUNOUCHI 1-1\n3/JP/100-0005 TOKYO")


def test_50f_in_writer_order_is_not_reported() -> None:
    source = _JP.replace(
        b"2/1-1 MARUNOUCHI\r\n3/JP/TOKYO 100-0005", b"2/MARUNOUCHI 1-1\r\n3/JP/100-0005 TOKYO"
    )
    _, _, diagnostics = mt_to_mx(source, "iso20022")
    assert [d for d in diagnostics if d.code == "address.reordered"] == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["350 FIFTH AVENUE", "10001 NEW YORK US"], ("FIFTH AVENUE", "350", "10001", "NEW YORK", "US")),
        (["10001 NEW YORK US"], (None, None, "10001", "NEW YORK", "US")),
        (["KEIZERSGRACHT 62", "1015 CS AMSTERDAM NL"], ("KEIZERSGRACHT", "62", "1015 CS", "AMSTERDAM", "NL")),
        (["LONDON EC2V 7HN GB"], (None, None, "EC2V 7HN", "LONDON", "GB")),
    ],
)
def test_post_code_town_and_country_code_on_one_line(
    lines: list[str], expected: tuple[str | None, ...]
) -> None:
    guess = structure_lines(lines)
    a = guess.address
    assert (a.street_name, a.building_number, a.post_code, a.town_name, a.country) == expected
    assert guess.missing == () and guess.confidence < 1.0  # a bare code is weaker evidence than a name


@pytest.mark.parametrize(
    "lines",
    [
        ["90210 BEVERLY HILLS CA"],  # California or Canada: the US post code format fits, so unread
        ["60311 FRANKFURT DE"],  # DE is also Delaware and 60311 fits a US ZIP code: unread
        ["10001 NEW YORK ZZ"],  # not an ISO 3166 code
        ["LONDON GB"],  # no post code: a bare code after a town alone stays unread
    ],
)
def test_a_trailing_code_never_invents_a_country(lines: list[str]) -> None:
    guess = structure_lines(lines)
    assert "Ctry" in guess.missing
    assert guess.address.style is AddressStyle.UNSTRUCTURED and guess.address.country is None
