"""simplefix interop, the registry handler and the CLI on FIX input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import simplefix

from finmsg.errors import ConversionError
from finmsg.fix.interop import from_simplefix, to_simplefix
from finmsg.model.base import Message
from finmsg.model.trading import NewOrderSingle
from finmsg.registry import get_format, sniff_format

from .helpers import fix, order


def test_simplefix_both_ways() -> None:
    sf = simplefix.FixMessage()
    for tag, value in (
        (8, "FIX.4.4"),
        (35, "D"),
        (49, "A"),
        (56, "B"),
        (34, "3"),
        (52, "20240102-10:11:12"),
        (11, "X1"),
        (54, "2"),
        (60, "20240102-10:11:12"),
        (38, "5.5"),
        (40, "1"),
    ):
        sf.append_pair(tag, value)
    result = from_simplefix(sf)  # simplefix adds BodyLength and CheckSum on encode
    assert result.ok, [str(d) for d in result.errors]
    msg = result.value
    assert isinstance(msg, NewOrderSingle) and msg.order_qty == Decimal("5.5") and msg.side == "2"
    back = to_simplefix(msg)
    assert back.get(11) == b"X1" and back.get(38) == b"5.5" and back.get(35) == b"D"
    assert from_simplefix(back).value == msg
    with pytest.raises(ConversionError):
        from_simplefix("8=FIX.4.4")


def test_registry_handler() -> None:
    handler = get_format("fix")
    assert handler.sniff(order()) and handler.sniff(b"2024-01-02 10:11:12 IN " + order())
    assert not handler.sniff(b"<Document/>") and not handler.sniff(b"{1:F01BANK}")
    assert not handler.sniff(b"{1:F01BANKBEBBAXXX0000000000}{4:\n:20:8=FIX.4.4\n-}")
    assert handler.sniff(b"\n\n" + order())
    assert sniff_format(order()).family == "fix"
    log = order() + b"\n" + fix("35=8|49=B|56=A|34=3|52=20240102-10:11:12|") + b"\n"
    parts = list(handler.split(log, {}))
    assert [(p.message_type, p.index) for p in parts] == [("D", 1), ("8", 2)]
    assert handler.read(parts[0].data, {}).value.message_type == "D"
    bad = handler.validate(fix("35=0|49=A|", checksum="999"), {})
    assert bad.value is None and bad.errors[0].code == "fix.frame.checksum"
    assert [d.code for d in handler.validate(order("59=Z|"), {}).errors] == ["fix.373.5"]
    assert handler.accepts("fix44") and handler.accepts("FIX50SP2") and not handler.accepts("mt103")
    written = handler.write(handler.read(order(), {}).value, "fix", {})
    assert written.value == order()
    with pytest.raises(ConversionError):
        handler.write(Message(message_type="103", family="mt"), "fix", {})


def test_lazy_package_attributes() -> None:
    import finmsg.fix as package
    from finmsg.fix import reader

    assert package.read_message is reader.read_message
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


def test_cli_detect_validate_convert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = pytest.importorskip("finmsg.cli")
    log = tmp_path / "session.log"
    lines = [
        b"20240102-10:11:12.000 : " + order().replace(b"\x01", b"|"),
        b"20240102-10:11:13.000 : " + order("59=Z|").replace(b"\x01", b"|"),
        b"20240102-10:11:14.000 : " + fix("35=8|49=B|56=A|34=3|52=20240102-10:11:12|").replace(b"\x01", b"|"),
    ]
    log.write_bytes(b"\n".join(lines) + b"\n")
    assert cli.main(["detect", str(log)]) == 0
    out = capsys.readouterr().out
    assert [line.split("\t")[1:] for line in out.splitlines()] == [["fix", "D"], ["fix", "D"], ["fix", "8"]]
    assert cli.main(["validate", str(log)]) != 0
    out = capsys.readouterr().out
    assert "fix.373.5" in out and "FIX:59" in out and "fix:D=2" in out and "fix:8=1" in out
    target = tmp_path / "out"
    assert cli.main(["convert", "--to", "json", "--out", str(target), str(log)]) in (0, 1)
    first = json.loads(sorted(target.glob("*.json"))[0].read_text())
    assert first["message_type"] == "D" and first["cl_ord_id"] == "ORD1"
    assert cli.main(["convert", "--to", "fix", "--out", str(target), str(log)]) in (0, 1)
    assert sorted(target.glob("*.fix"))[0].read_bytes() == order()


def test_accepted_targets_match_the_writer_table() -> None:
    from finmsg.fix.format import _accepts
    from finmsg.fix.writer import TARGETS

    assert all(_accepts(name) for name in TARGETS)
    assert _accepts("fix") and _accepts("FIX.4.4") and not _accepts("fix45") and not _accepts("fixt")
