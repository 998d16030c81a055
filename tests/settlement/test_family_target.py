"""A family target (``iso20022``, ``mx``) resolves to the source's default ISO message."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from tests.conftest import FIXTURES

CASE = FIXTURES / "settlement" / "equity_dvp"


@pytest.mark.parametrize("family", ["iso20022", "mx", "ISO20022"])
def test_fix_fill_to_iso_family_is_a_sese023(family: str) -> None:
    fix = (CASE / "input.fix").read_bytes()
    result = finmsg.convert(fix, family)
    # The default ISO message for a FIX fill is the settlement instruction sese.023.
    assert b"urn:iso:std:iso:20022:tech:xsd:sese.023." in result.value
    assert b":35B:" not in result.value
    assert b"<ISIN>US0378331005</ISIN>" in result.value


def test_cli_convert_fix_fill_to_iso20022(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(
        ["convert", str(CASE / "input.fix"), "--to", "iso20022", "--out", str(out)], out=io.StringIO()
    )
    assert code == 0
    written = (out / "input.xml").read_bytes()
    assert b"sese.023." in written
