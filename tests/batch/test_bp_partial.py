"""A message translated into several outputs of which some cannot be made (a partial message).

The good items are written under the names they have when every item succeeds; the message
still counts as quarantined (exit 1, ``messages == converted + quarantined + skipped``); its
``reason.json`` lists the refused items and the outputs written; the ledger counts it under
``partial``; its audit record lists the outputs; ``--fail-fast``, ``--resume`` (after a
``kill -9``), ``--jobs 2`` and ``--strict`` keep their meaning.

The input is a hand-written camt.054 of three entries: 1 a booked credit (MT910), 2 a credit
with status INFO (not booked: no confirmation may be sent for it), 3 a booked debit (MT900).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

from finmsg.batch.atomic import TEMP_MARKER
from finmsg.batch.ledger import Ledger
from finmsg.cli import main
from tests.batch.support import REPO, sorted_audit, tree

_ENTRY = """
      <Ntry>
        <NtryRef>{ref}</NtryRef>
        <Amt Ccy="EUR">{amount}</Amt>
        <CdtDbtInd>{side}</CdtDbtInd>
        <Sts><Cd>{status}</Cd></Sts>
        <ValDt><Dt>{date}</Dt></ValDt>
        <AcctSvcrRef>REF-{ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{family}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
      </Ntry>"""

_FIELDS = ("ref", "amount", "side", "status", "date", "family")
ENTRIES = [
    dict(zip(_FIELDS, ("E1", "100.00", "CRDT", "BOOK", "2026-12-05", "RCDT"), strict=True)),
    dict(zip(_FIELDS, ("E2", "200.00", "CRDT", "INFO", "2026-12-06", "RCDT"), strict=True)),
    dict(zip(_FIELDS, ("E3", "300.00", "DBIT", "BOOK", "2026-12-07", "ICDT"), strict=True)),
]

NOTIFICATION = (
    """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr>
      <MsgId>BP-NTF-1</MsgId>
      <CreDtTm>2026-12-05T08:00:00+01:00</CreDtTm>
    </GrpHdr>
    <Ntfctn>
      <Id>BP-NTF-1-A</Id>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>"""
    + "".join(_ENTRY.format(**entry) for entry in ENTRIES)
    + """
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
"""
).encode("utf-8")

#: The same notification with every entry booked: the names every item gets when all succeed.
ALL_BOOKED = NOTIFICATION.replace(b"<Cd>INFO</Cd>", b"<Cd>BOOK</Cd>")

ITEM_2 = "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[2]"


def _inputs(folder: Path, data: bytes = NOTIFICATION, name: str = "ntf.xml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder


def _args(inputs: Path, base: Path, *extra: str) -> list[str]:
    return [
        "convert",
        str(inputs),
        "--to",
        "mt",
        "-o",
        "sender=COBADEFFXXX",
        "-o",
        "receiver=DEUTDEFFXXX",
        "--out",
        str(base / "out"),
        "--quarantine",
        str(base / "q"),
        "--ledger",
        str(base / "ledger.json"),
        "--audit",
        str(base / "audit.jsonl"),
        "--progress",
        "none",
        *extra,
    ]


def _run(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(args)
    return code, err.getvalue()


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _field(path: Path, tag: str) -> list[str]:
    return re.findall(rf"\r\n:{tag}:([^\r]*)", path.read_bytes().decode("ascii"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ledger(base: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((base / "ledger.json").read_text())
    return data


def test_the_good_items_are_written_and_the_message_is_quarantined(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    code, err = _run(_args(inputs, tmp_path, "--jobs", "1"))
    assert code == 1
    out = tmp_path / "out"
    assert _visible(out) == ["ntf.1.fin", "ntf.3.fin"]  # item 2 leaves a gap: the names do not shift
    # entry 1 is a booked credit of 100.00 EUR valued 2026-12-05: an MT910; entry 3 a debit: an MT900
    assert b"{2:I910" in (out / "ntf.1.fin").read_bytes()
    assert _field(out / "ntf.1.fin", "32A") == ["261205EUR100,00"]
    assert b"{2:I900" in (out / "ntf.3.fin").read_bytes()
    assert _field(out / "ntf.3.fin", "32A") == ["261207EUR300,00"]
    ledger = _ledger(tmp_path)
    assert (ledger["messages"], ledger["converted"], ledger["quarantined"], ledger["partial"]) == (1, 0, 1, 1)
    assert ledger["invariant_ok"] is True
    assert "quarantined=1 (partial=1: some of their outputs were written)" in err
    assert "its other items were written: 2 output(s), first ntf.1.fin" in err


def test_the_names_are_those_of_a_message_whose_items_all_succeed(tmp_path: Path) -> None:
    partial, whole = tmp_path / "partial", tmp_path / "whole"
    _run(_args(_inputs(partial / "in"), partial, "--jobs", "1"))
    assert _run(_args(_inputs(whole / "in", ALL_BOOKED), whole, "--jobs", "1"))[0] == 0
    assert _visible(whole / "out") == ["ntf.1.fin", "ntf.2.fin", "ntf.3.fin"]
    # items 1 and 3 do not depend on item 2's status: the very same bytes either way
    for name in ("ntf.1.fin", "ntf.3.fin"):
        assert (partial / "out" / name).read_bytes() == (whole / "out" / name).read_bytes()
    assert _ledger(whole)["partial"] == 0


def test_the_reason_lists_the_refused_items_and_the_outputs_written(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    _run(_args(inputs, tmp_path, "--jobs", "1"))
    quarantine = tmp_path / "q"
    assert (quarantine / "ntf.xml").read_bytes() == NOTIFICATION  # the original, to repair and resubmit
    reason = json.loads((quarantine / "ntf.xml.reason.json").read_text())
    assert reason["reason"] == "translate.not_booked"
    [failed] = reason["failed_items"]
    assert (failed["index"], failed["code"], failed["path"]) == (2, "translate.not_booked", f"{ITEM_2}/Sts")
    assert failed["message"].startswith(f"{ITEM_2} was not translated: ")
    assert "INFO" in failed["message"]
    out = tmp_path / "out"
    assert reason["outputs_written"] == [
        {"output": "ntf.1.fin", "sha256": _sha(out / "ntf.1.fin")},
        {"output": "ntf.3.fin", "sha256": _sha(out / "ntf.3.fin")},
    ]
    # the message itself is valid: validation adds no finding to the conversion's
    assert [d for d in reason["validation"] if d["severity"] == "error"] == []


def test_the_audit_record_lists_every_output_written(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    _run(_args(inputs, tmp_path, "--jobs", "1"))
    [record] = sorted_audit(tmp_path / "audit.jsonl")
    out = tmp_path / "out"
    assert record["status"] == "quarantined"
    assert record["quarantine"] == "ntf.xml"
    assert record["outputs"] == [
        {"output": "ntf.1.fin", "sha256_out": _sha(out / "ntf.1.fin")},
        {"output": "ntf.3.fin", "sha256_out": _sha(out / "ntf.3.fin")},
    ]
    assert (record["output"], record["sha256_out"]) == ("ntf.1.fin", _sha(out / "ntf.1.fin"))


def test_jobs_2_gives_the_same_run(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    inputs = _inputs(tmp_path / "in")
    _inputs(inputs, ALL_BOOKED, "all.xml")
    assert _run(_args(inputs, one, "--jobs", "1"))[0] == 1
    assert _run(_args(inputs, two, "--jobs", "2"))[0] == 1
    assert tree(one / "out") == tree(two / "out")
    assert tree(one / "q") == tree(two / "q")
    assert _ledger(one) == _ledger(two)
    assert _ledger(two)["partial"] == 1  # travels back from a worker process


def test_strict_refuses_each_lossy_item(tmp_path: Path) -> None:
    # every MT900/910 here drops data the camt.054 carries (MsgId, NtryRef, AcctSvcrRef):
    # under --strict each item is refused for it, so nothing is written and nothing is partial
    inputs = _inputs(tmp_path / "in")
    code, _ = _run(_args(inputs, tmp_path, "--jobs", "1", "--strict"))
    assert code == 1
    assert _visible(tmp_path / "out") == []
    ledger = _ledger(tmp_path)
    assert (ledger["quarantined"], ledger["partial"]) == (1, 0)


def test_fail_fast_stops_after_the_partial_message(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")  # ntf.xml sorts before zz.xml
    _inputs(inputs, ALL_BOOKED, "zz.xml")
    code, _ = _run(_args(inputs, tmp_path, "--jobs", "1", "--fail-fast"))
    assert code == 1
    assert _visible(tmp_path / "out") == ["ntf.1.fin", "ntf.3.fin"]  # zz.xml was never converted
    ledger = _ledger(tmp_path)
    assert (ledger["inputs"], ledger["quarantined"], ledger["partial"]) == (1, 1, 1)


def test_resume_of_a_finished_run_replays_the_partial_count(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    _run(_args(inputs, tmp_path, "--jobs", "1", "--keep-manifest"))
    before, audit = tree(tmp_path / "out"), sorted_audit(tmp_path / "audit.jsonl")
    code, err = _run(_args(inputs, tmp_path, "--jobs", "1", "--resume", "--keep-manifest"))
    assert code == 1
    assert "resumed 1 finished inputs" in err
    assert tree(tmp_path / "out") == before
    assert sorted_audit(tmp_path / "audit.jsonl") == audit
    assert _ledger(tmp_path)["partial"] == 1


#: Runs the CLI with the worker's file writer patched to kill the whole run just before it
#: writes the file whose name ends with $BP_KILL_AT.
_KILL = """
import os, signal, sys
import finmsg.batch.worker as worker
from finmsg.cli import main

written = worker._put

def put(state, result, folder, rel, data):
    if rel.endswith(os.environ["BP_KILL_AT"]):
        os.killpg(os.getpgid(0), signal.SIGKILL)
    written(state, result, folder, rel, data)

worker._put = put
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("kill_at", "left"),
    [
        ("ntf.3.fin", ["ntf.1.fin"]),  # between the two good items
        (".reason.json", ["ntf.1.fin", "ntf.3.fin"]),  # outputs out, the quarantine half done
    ],
)
def test_kill_9_inside_a_partial_message_then_resume(tmp_path: Path, kill_at: str, left: list[str]) -> None:
    inputs = _inputs(tmp_path / "in")
    reference, crashed = tmp_path / "ref", tmp_path / "crash"
    assert _run(_args(inputs, reference, "--jobs", "1"))[0] == 1

    script = tmp_path / "kill.py"
    script.write_text(_KILL)
    env = {"PYTHONPATH": str(REPO), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "BP_KILL_AT": kill_at}
    proc = subprocess.run(
        [sys.executable, str(script), *_args(inputs, crashed, "--jobs", "1")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == -9
    assert _visible(crashed / "out") == left

    assert _run(_args(inputs, crashed, "--jobs", "1", "--resume"))[0] == 1
    assert tree(crashed / "out") == tree(reference / "out")  # nothing duplicated, nothing lost
    assert tree(crashed / "q") == tree(reference / "q")
    assert sorted_audit(crashed / "audit.jsonl") == sorted_audit(reference / "audit.jsonl")
    assert _ledger(crashed) == _ledger(reference)
    assert not list(crashed.rglob(f"{TEMP_MARKER}*"))


def test_the_ledger_keeps_partial_inside_quarantined() -> None:
    ledger = Ledger(inputs=1, messages=2, converted=1, quarantined=1, partial=1)
    assert ledger.balanced  # partial is part of quarantined, not a fourth bucket
    assert ledger.to_dict()["partial"] == 1
    assert "quarantined=1 (partial=1: " in ledger.summary()
    assert "partial" not in Ledger(inputs=1, messages=1, converted=1).summary()
