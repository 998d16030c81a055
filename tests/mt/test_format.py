"""The ``mt`` family through the registry (and the CLI when it exists)."""

from __future__ import annotations

import pytest

from finmsg.diagnostics import Severity
from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.mt.message import MtMessage
from finmsg.registry import find_target, get_format, sniff_format

from ._paths import FIXTURES

MT103 = (FIXTURES / "mt103_basic" / "input.fin").read_bytes()
COV = (FIXTURES / "mt202cov" / "input.fin").read_bytes()
RJE = (FIXTURES / "rje_ack" / "input.rje").read_bytes()
STATEMENT = b":20:STMT\r\n:25:ACC\r\n:28C:1\r\n:60F:C240130EUR1,00\r\n:62F:C240131EUR1,00\r\n-\r\n"


def test_registered_and_sniffed() -> None:
    handler = get_format("mt")
    assert handler.family == "mt" and handler.extension == ".fin"
    assert get_format("fin") is handler
    for data in (MT103, b"  \r\n" + MT103, b"\xef\xbb\xbf" + MT103, b"{4:\r\n:20:X\r\n-}", RJE, STATEMENT):
        assert handler.sniff(data)
    assert not handler.sniff(b"<?xml version='1.0'?><Document/>")
    assert not handler.sniff(b"8=FIX.4.4\x019=5\x01")
    assert sniff_format(MT103) is handler


def test_split_types_and_bytes() -> None:
    raws = list(get_format("mt").split(RJE, {}))
    assert [(r.message_type, r.family, r.index) for r in raws] == [("103", "mt", 1), ("199", "mt", 2)]
    assert raws[0].data.startswith(b"{1:F21")  # the ACK travels with its message
    assert raws[1].data.startswith(b"{1:F01") and raws[1].data.endswith(b"-}{5:{CHK:123456789ABC}}")
    assert [r.message_type for r in get_format("mt").split(COV, {})] == ["202COV"]


def test_read_and_write_round_trip() -> None:
    handler = get_format("mt")
    result = handler.read(MT103, {})
    assert isinstance(result.value, MtMessage) and result.ok
    out = handler.write(result.value, "mt103", {})
    assert out.value == MT103


def test_validate_reports_parse_failure_as_diagnostic() -> None:
    result = get_format("mt").validate(b"{1:F01BANKBEBBAXXX0000000000}{4:\r\n:20:X", {})
    assert result.value is None
    assert [(d.code, d.severity) for d in result.diagnostics] == [("mt.block4.unterminated", Severity.ERROR)]


def test_validate_runs_all_layers() -> None:
    bad = (FIXTURES / "mt103_invalid" / "input.fin").read_bytes()
    result = get_format("mt").validate(bad, {})
    assert not result.ok
    assert {"mt.T50", "mt.D75", "mt.E13"} <= {d.code for d in result.diagnostics}


def test_accepts_and_write_errors() -> None:
    handler = get_format("mt")
    for target in ("mt", "fin", "MT103", "mt202cov", "mt103stp", "mt103remit", "mt940"):
        assert handler.accepts(target), target
    for target in ("json", "pacs.008.001.13", "mt10", "mt103x"):
        assert not handler.accepts(target), target
    assert find_target("mt202cov") is handler
    with pytest.raises(ConversionError, match="translation"):
        handler.write(Message(message_type="pacs.008.001.13", family="iso20022"), "mt103", {})
    msg = handler.read(COV, {}).value
    with pytest.raises(ConversionError):
        handler.write(msg, "mt103", {})


def test_cli_when_available(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    cli = pytest.importorskip("finmsg.cli")
    from pathlib import Path

    path = Path(str(tmp_path)) / "m.fin"
    path.write_bytes(COV)
    code = cli.main(["detect", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "202COV" in out and "mt" in out


def test_cli_convert_to_mt_reproduces_the_input(tmp_path: object) -> None:
    cli = pytest.importorskip("finmsg.cli")
    from pathlib import Path

    base = Path(str(tmp_path))
    src = base / "m.fin"
    src.write_bytes(MT103)
    assert cli.main(["convert", str(src), "--to", "mt", "--out", str(base / "out")]) == 0
    (written,) = (base / "out").iterdir()
    assert written.read_bytes() == MT103
