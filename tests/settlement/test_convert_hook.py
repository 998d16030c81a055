"""Trade to settlement through the public API and the CLI (``--ssi``)."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

import finmsg
from finmsg.cli import main
from tests.conftest import FIXTURES

CASE = FIXTURES / "settlement" / "equity_dvp"


def test_convert_fix_fill_to_mt541_with_ssi_file() -> None:
    result = finmsg.convert((CASE / "input.fix").read_bytes(), "mt541", ssi=str(CASE / "ssi.json"))
    message = finmsg.parse(result.value).value
    assert message.message_type == "541"
    assert finmsg.validate(result.value).ok
    text = result.value.decode()
    assert ":35B:ISIN US0378331005" in text
    assert ":98A::SETT//20240131" in text


def test_convert_mt541_to_sese023_and_back_to_mt() -> None:
    mt = finmsg.convert((CASE / "input.fix").read_bytes(), "mt541", ssi=str(CASE / "ssi.json")).value
    sese = finmsg.convert(mt, "sese.023")
    assert b"sese.023.001.12" in sese.value
    assert finmsg.validate(sese.value).ok
    again = finmsg.convert(sese.value, "mt").value
    assert b":35B:ISIN US0378331005" in again


def test_convert_to_sese023_takes_the_now_option_for_the_header_creation_date() -> None:
    mt = finmsg.convert((CASE / "input.fix").read_bytes(), "mt541", ssi=str(CASE / "ssi.json")).value
    when = datetime(2031, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    first = finmsg.convert(mt, "sese.023", now=when).value
    assert b"<CreDt>2031-05-06T07:08:09" in first
    assert finmsg.convert(mt, "sese.023", now=when).value == first


def test_cli_convert_with_ssi(tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = ["convert", str(CASE / "input.fix"), "--to", "mt541", "--ssi", str(CASE / "ssi.json")]
    code = main([*argv, "--out", str(out)], out=io.StringIO())
    assert code == 0
    assert (out / "input.fin").read_bytes().startswith(b"{1:F01FUNDGB2LAXXX")
