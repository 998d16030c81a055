"""MiFIR mapping findings a drop-copy log produces: missing currency, non-trades, the executing person.

Each input is the shipped ``execution-new.fix`` with one change, re-framed by simplefix
(BodyLength and CheckSum recomputed), so that a failure points at the one change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import simplefix

import finmsg
from finmsg.cli import main
from finmsg.reports import get_exporter
from finmsg.reports.base import Rejected, ReportInput

MIFIR = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir"
MT103 = MIFIR.parents[1] / "mt" / "mt103_basic" / "input.fin"
REFDATA = MIFIR / "refdata.json"


def _fields() -> list[tuple[bytes, bytes]]:
    raw = (MIFIR / "execution-new.fix").read_bytes()
    pairs = [tuple(part.split(b"=", 1)) for part in raw.split(b"\x01") if part]
    return [(t, v) for t, v in pairs if t not in (b"8", b"9", b"10")]  # type: ignore[misc]


def _frame(pairs: list[tuple[bytes, bytes]]) -> bytes:
    message = simplefix.FixMessage()
    message.append_pair(8, "FIXT.1.1", header=True)
    for tag, value in pairs:
        message.append_pair(int(tag), value)
    encoded: bytes = message.encode()
    return encoded


def _variant(drop: tuple[bytes, ...] = (), change: dict[bytes, bytes] | None = None) -> bytes:
    change = change or {}
    pairs = [(t, change.get(t, v)) for t, v in _fields() if t not in drop]
    return _frame(pairs)


def _export(*messages: bytes, rejected: tuple[Rejected, ...] = ()) -> dict:
    items = [ReportInput(f"m#{i}", finmsg.parse(m).value) for i, m in enumerate(messages, 1)]
    options = {"refdata": REFDATA, "rejected": list(rejected)}
    return json.loads(get_exporter("mifir").export(items, options).formats["json"])


def test_the_reframed_fixture_is_still_a_clean_report() -> None:
    """The baseline every other case changes: without this, a failure below could be the framing."""
    report = _export(_variant())
    assert report["transactions"][0]["reported"] and report["transactions"][0]["findings"] == []


def test_a_monetary_price_without_currency_is_an_error_not_xxx() -> None:
    report = _export(_variant(drop=(b"15",)))
    tx = report["transactions"][0]
    assert not tx["reported"]
    assert [(f["code"], f["path"]) for f in tx["findings"] if f["severity"] == "error"] == [
        ("MIFIR-MAP-PRICE", "FIX:15")
    ]


def test_a_nominal_quantity_without_currency_is_an_error() -> None:
    """No QtyType (854) and a percentage price: the quantity is a nominal value, which needs a currency."""
    report = _export(_variant(drop=(b"15", b"854"), change={b"423": b"1"}))
    codes = {f["code"] for f in report["transactions"][0]["findings"] if f["severity"] == "error"}
    assert "MIFIR-MAP-QTY" in codes and not report["transactions"][0]["reported"]


@pytest.mark.parametrize("exec_type", [b"0", b"4", b"8", b"5"])
def test_an_execution_report_that_is_not_a_trade_is_skipped_with_an_info(exec_type: bytes) -> None:
    report = _export(_variant(change={b"150": exec_type}))
    tx = report["transactions"][0]
    assert not tx["reported"]
    assert [(f["code"], f["severity"]) for f in tx["findings"]] == [("MIFIR-MAP-NOT-A-TRADE", "info")]
    assert report["summary"]["errors"] == 0


@pytest.mark.parametrize("exec_type", [b"F", b"1", b"2"])
def test_fills_are_reported(exec_type: bytes) -> None:
    assert _export(_variant(change={b"150": exec_type}))["transactions"][0]["reported"]


def test_an_order_in_the_log_is_skipped_not_an_error() -> None:
    header = [(b"35", b"D"), (b"49", b"C"), (b"56", b"B"), (b"34", b"2"), (b"52", b"20260302-10:15:30")]
    body = [(b"11", b"C1"), (b"54", b"1"), (b"60", b"20260302-10:15:30"), (b"38", b"5"), (b"40", b"1")]
    order = _frame([*header, *body])
    report = _export(order)
    findings = report["transactions"][0]["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("MIFIR-MAP-NOT-A-TRADE", "info")]


def test_no_executing_person_is_reported_as_nore_with_a_warning() -> None:
    pairs = _fields()
    at = pairs.index((b"448", b"TRD7"))
    del pairs[at : at + 4]  # 448 TRD7, 447 P, 452 12, 2376 24
    pairs[[t for t, _ in pairs].index(b"453")] = (b"453", b"3")
    report = _export(_frame(pairs))
    tx = report["transactions"][0]
    assert tx["reported"]
    assert [(f["code"], f["severity"]) for f in tx["findings"]] == [("MIFIR-MAP-EXECUTION", "warning")]


def test_rejected_inputs_given_to_the_exporter_are_in_the_written_report() -> None:
    gone = Rejected("log#4", "fix.frame.checksum", "bad checksum", "FIX:10")
    report = _export(_variant(), rejected=(gone,))
    assert report["rejected"] == [gone.to_dict()] and report["summary"]["rejected"] == 1


@pytest.mark.parametrize("name", ["mifir", "tfr-check", "ivms101"])
def test_cli_writes_unreadable_messages_into_the_report_file(name: str, tmp_path: Path) -> None:
    good = _variant() if name == "mifir" else MT103.read_bytes()
    broken = good[:-4] + b"000\x01" if name == "mifir" else good.replace(b"{4:", b"{4:{")
    log = tmp_path / "in.txt"
    log.write_bytes(good + broken)
    out = tmp_path / "report.json"
    args = ["report", name, str(log), "--out", str(out), "--format", "json"]
    assert main([*args, "--refdata", str(REFDATA)] if name == "mifir" else args) == 1
    report = json.loads(out.read_text())
    assert [r["source"] for r in report["rejected"]] == [f"{log}#2"]


def test_screening_lists_an_unreadable_message_as_its_own_line() -> None:
    gone = Rejected("x#2", "mt.block.order", "blocks out of order")
    item = ReportInput("x#1", finmsg.parse(MT103.read_bytes()).value)
    lines = [
        json.loads(line)
        for line in get_exporter("screening").export([item], {"rejected": [gone]}).payload.splitlines()
    ]
    assert lines[0] == {"source": "x#2", "rejected": gone.to_dict()} and "fields" not in lines[0]
    assert lines[1]["source"] == "x#1" and lines[1]["fields"]
