"""Extension points: --processor module:function and the entry-point plugin groups."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from finmsg.cli import main
from tests.batch.mixed import fix_message, mt103, pacs008
from tests.batch.support import REPO

PLUGIN = '''
from dataclasses import replace

from finmsg.diagnostics import Diagnostic, Severity


def drop_fix(message):
    """Filter: FIX messages are skipped."""
    return None if message.family == "fix" else message


def redact(message):
    """Redact: blank the debtor name of every transaction of a pacs.008."""
    if message.family != "iso20022":
        return message
    txs = tuple(replace(tx, debtor=replace(tx.debtor, name="REDACTED")) for tx in message.transactions)
    return replace(message, transactions=txs)


def floaty(message):
    """Broken processor: puts a float where the model holds a Decimal amount."""
    if message.family != "iso20022":
        return message
    tx = message.transactions[0]
    amount = replace(tx.settlement_amount, value=float(tx.settlement_amount.value))
    return replace(message, transactions=(replace(tx, settlement_amount=amount),))


def long_msg_id(message):
    """Valid model, but a GrpHdr/MsgId longer than the schema's 35 characters."""
    if message.family != "iso20022":
        return message
    return replace(message, group_header=replace(message.group_header, message_id="M" * 36))


def no_big_amounts(message):
    """Validation rule: amounts above 500 are an error."""
    for tx in getattr(message, "transactions", ()):
        if tx.settlement_amount and tx.settlement_amount.value > 500:
            yield Diagnostic("house.limit", Severity.ERROR, "amount above the house limit")


class Names:
    name = "names"
    extension = ".txt"

    def export(self, items):
        return "".join(f"{i.source}#{i.index} {i.message.message_type}\\n" for i in items).encode()


NAMES = Names()
'''

ENTRY_POINTS = """[finmsg.processors]
dropfix = finmsg_house_plugin:drop_fix

[finmsg.rules]
HOUSE-1 = finmsg_house_plugin:no_big_amounts

[finmsg.exporters]
names = finmsg_house_plugin:NAMES
"""


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    """A tiny installed-looking package: a module plus a .dist-info with entry_points.txt."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "finmsg_house_plugin.py").write_text(PLUGIN)
    info = site / "finmsg_house_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: finmsg-house-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    return site


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "p_small.xml").write_bytes(pacs008(100))  # amount 200.25
    (folder / "p_big.xml").write_bytes(pacs008(700))  # amount 800.25
    (folder / "m.fin").write_bytes(mt103(1))
    (folder / "f.fix").write_bytes(fix_message(1))
    return folder


def _run(site: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "finmsg.cli", "convert", *argv, "--progress", "none", "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": f"{site}:{REPO}", "PATH": "/usr/bin:/bin"},
    )


def test_entry_point_processor_rule_and_exporter(tmp_path: Path, plugin_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    ledger, audit = tmp_path / "l.json", tmp_path / "a.jsonl"
    proc = _run(
        plugin_path,
        str(inputs),
        "--to",
        "json",
        "--out",
        str(tmp_path / "o"),
        "--processor",
        "dropfix",
        "--ledger",
        str(ledger),
        "--audit",
        str(audit),
    )
    assert proc.returncode == 1, proc.stderr  # the big payment breaks the house rule
    counts = json.loads(ledger.read_text())
    assert (counts["messages"], counts["converted"], counts["quarantined"], counts["skipped"]) == (4, 2, 1, 1)
    records = {Path(r["input"]).name: r for r in map(json.loads, audit.read_text().splitlines())}
    assert records["f.fix"]["status"] == "skipped"
    assert records["p_big.xml"]["status"] == "quarantined" and records["p_big.xml"]["reason"] == "house.limit"
    assert records["p_big.xml"]["rules"] == ["HOUSE-1"]

    proc = _run(
        plugin_path,
        str(inputs / "m.fin"),
        str(inputs / "f.fix"),
        "--to",
        "names",
        "--out",
        str(tmp_path / "o2"),
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o2" / "f.txt").read_text() == f"{inputs / 'f.fix'}#1 D\n"


def test_processor_module_function_redacts(
    tmp_path: Path, plugin_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(plugin_path))
    inputs = _inputs(tmp_path / "in")
    code = main(
        [
            "convert",
            str(inputs / "p_small.xml"),
            "--to",
            "json",
            "--out",
            str(tmp_path / "o"),
            "--processor",
            "finmsg_house_plugin:redact",
            "--jobs",
            "1",
            "--progress",
            "none",
        ]
    )
    assert code == 0
    model = json.loads((tmp_path / "o" / "p_small.json").read_text())
    assert model["transactions"][0]["debtor"]["name"] == "REDACTED"


def test_processor_breaking_model_types_is_quarantined(
    tmp_path: Path, plugin_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A float amount from user code is refused, not printed as a JSON number (orjson would)."""
    monkeypatch.syspath_prepend(str(plugin_path))
    inputs = _inputs(tmp_path / "in")
    quarantine, out = tmp_path / "q", tmp_path / "o"
    code = main(
        [
            "convert",
            str(inputs / "p_small.xml"),
            str(inputs / "m.fin"),
            "--to",
            "json",
            "--out",
            str(out),
            "--quarantine",
            str(quarantine),
            "--processor",
            "finmsg_house_plugin:floaty",
            "--jobs",
            "1",
            "--progress",
            "none",
        ]
    )
    assert code == 1
    assert not (out / "p_small.json").exists() and (out / "m.json").exists()
    reason = json.loads((quarantine / "p_small.xml.reason.json").read_text())
    codes = [d["code"] for d in reason["diagnostics"]]
    assert codes == ["batch.processor"], reason


def test_validate_output_quarantines_what_the_schema_rejects(
    tmp_path: Path, plugin_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(plugin_path))
    inputs = _inputs(tmp_path / "in")
    args = ["convert", str(inputs / "p_small.xml"), "--to", "pacs.008.001.08", "--processor"]
    args += ["finmsg_house_plugin:long_msg_id", "--jobs", "1", "--progress", "none"]
    assert main([*args, "--out", str(tmp_path / "plain")]) == 0  # the writer alone does not check
    quarantine = tmp_path / "q"
    code = main(
        [*args, "--out", str(tmp_path / "o"), "--quarantine", str(quarantine), "-o", "validate_output=true"]
    )
    assert code == 1 and not (tmp_path / "o" / "p_small.xml").exists()
    reason = json.loads((quarantine / "p_small.xml.reason.json").read_text())
    assert [(d["code"], d["path"]) for d in reason["diagnostics"]] == [
        ("xsd.invalid", "/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId")
    ]


def test_unknown_processor_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f.fix").write_bytes(fix_message(1))
    code = main(
        [
            "convert",
            str(tmp_path / "f.fix"),
            "--to",
            "json",
            "--out",
            str(tmp_path / "o"),
            "--processor",
            "no_such_module_xyz:f",
        ]
    )
    assert code == 2
    assert not (tmp_path / "o").exists()
