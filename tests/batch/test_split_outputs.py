"""`finmsg convert --to mt` writes one MT per item of a multi-item ISO 20022 message.

Names: ``<stem>.<k>.fin`` (k = item) for a one-message input, ``<stem>.<n>.<k>.fin`` when the
input holds several messages; the ledger counts input messages; the audit record lists every
output with its digest; ``--jobs 1`` = ``--jobs 2``; ``kill -9`` between two parts of a message,
then ``--resume``, gives the same folder as an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from finmsg.batch.atomic import TEMP_MARKER
from finmsg.cli import main
from tests.batch.support import REPO, sorted_audit, tree

FIXTURES = REPO / "fixtures" / "iso20022"


def _document(name: str) -> bytes:
    data = (FIXTURES / name / "input.xml").read_bytes()
    return re.sub(rb"^<\?xml[^>]*\?>\s*", b"", data)


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    for name in (
        "pacs008-multi-bare",
        "camt056-group-multi",
        "camt053-multi-stmt",
        "pacs008-cbpr-structured",
    ):
        (folder / f"{name}.xml").write_bytes((FIXTURES / name / "input.xml").read_bytes())
    wrapped = _document("pacs008-multi-bare") + _document("pacs008-cbpr-structured")
    (folder / "wrap.xml").write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<Batch>' + wrapped + b"</Batch>"
    )
    return folder


def _args(inputs: Path, base: Path) -> list[str]:
    return [
        "convert",
        str(inputs),
        "--to",
        "mt",
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
    ]


def _field(path: Path, tag: str) -> list[str]:
    return re.findall(rf"\r\n:{tag}:([^\r]*)", path.read_bytes().decode("ascii"))


EXPECTED_OUTPUTS = [
    "camt053-multi-stmt.1.fin",
    "camt056-group-multi.1.fin",
    "camt056-group-multi.2.fin",
    "pacs008-cbpr-structured.fin",
    "pacs008-multi-bare.1.fin",
    "pacs008-multi-bare.2.fin",
    "wrap.1.1.fin",
    "wrap.1.2.fin",
    "wrap.2.fin",
]


def test_one_output_per_item_named_after_the_message(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    assert main([*_args(inputs, tmp_path), "--jobs", "1"]) == 1  # camt053-multi-stmt is quarantined
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == EXPECTED_OUTPUTS
    # amounts and accounts of each part, from the input's CdtTrfTxInf[1] and [2]
    assert _field(out / "pacs008-multi-bare.1.fin", "32A") == ["261130EUR1000,00"]
    assert _field(out / "pacs008-multi-bare.2.fin", "32A") == ["261130EUR750,25"]
    assert _field(out / "wrap.1.2.fin", "59") == ["/FR7630006000011234567890189"]
    assert _field(out / "camt056-group-multi.2.fin", "32A") == ["261201EUR340,25"]
    # the ledger counts input messages: 1 + 1 + 1 + 1 + 2; Stmt[2] of the camt.053 cannot be an
    # MT940 (no opening balance), so the message is quarantined, but its Stmt[1] is written
    # under the name it has when both succeed (a partial message: see test_bp_partial.py)
    ledger = json.loads((tmp_path / "ledger.json").read_text())
    assert (ledger["messages"], ledger["converted"], ledger["quarantined"]) == (6, 5, 1)
    assert ledger["partial"] == 1
    assert not (out / "camt053-multi-stmt.2.fin").exists()


def test_the_audit_record_lists_every_output_and_its_digest(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    main([*_args(inputs, tmp_path), "--jobs", "1"])
    out = tmp_path / "out"
    records = {(Path(r["input"]).name, r["index"]): r for r in sorted_audit(tmp_path / "audit.jsonl")}
    bare = records[("pacs008-multi-bare.xml", 1)]
    assert [o["output"] for o in bare["outputs"]] == ["pacs008-multi-bare.1.fin", "pacs008-multi-bare.2.fin"]
    for listed in bare["outputs"]:
        assert listed["sha256_out"] == hashlib.sha256((out / listed["output"]).read_bytes()).hexdigest()
    assert (bare["output"], bare["sha256_out"]) == (
        bare["outputs"][0]["output"],
        bare["outputs"][0]["sha256_out"],
    )
    wrap = records[("wrap.xml", 1)]
    assert [o["output"] for o in wrap["outputs"]] == ["wrap.1.1.fin", "wrap.1.2.fin"]
    single = records[("wrap.xml", 2)]
    assert single["output"] == "wrap.2.fin" and "outputs" not in single
    assert records[("camt053-multi-stmt.xml", 1)]["status"] == "quarantined"


def test_jobs_1_and_jobs_2_agree(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    one, two = tmp_path / "one", tmp_path / "two"
    assert main([*_args(inputs, one), "--jobs", "1"]) == main([*_args(inputs, two), "--jobs", "2"])
    assert tree(one / "out") == tree(two / "out")
    assert tree(one / "q") == tree(two / "q")
    assert sorted_audit(one / "audit.jsonl") == sorted_audit(two / "audit.jsonl")


#: Runs the CLI with the worker's file writer patched to kill the whole run just before the
#: second part of a message is written: part 1 is on disk, part 2 and the manifest line are not.
_KILL_BETWEEN_PARTS = """
import os, signal, sys
import finmsg.batch.worker as worker
from finmsg.cli import main

written = worker._put

def put(state, result, folder, rel, data):
    if rel.endswith(".2.fin") and os.environ.get("FO_KILL") == "1":
        os.killpg(os.getpgid(0), signal.SIGKILL)
    written(state, result, folder, rel, data)

worker._put = put
sys.exit(main(sys.argv[1:]))
"""


def test_kill_between_two_parts_then_resume(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bare.xml").write_bytes((FIXTURES / "pacs008-multi-bare" / "input.xml").read_bytes())
    reference, crashed = tmp_path / "ref", tmp_path / "crash"
    assert main([*_args(inputs, reference), "--jobs", "1"]) == 0

    script = tmp_path / "kill_between_parts.py"
    script.write_text(_KILL_BETWEEN_PARTS)
    env = {"PYTHONPATH": str(REPO), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "FO_KILL": "1"}
    proc = subprocess.run(
        [sys.executable, str(script), *_args(inputs, crashed), "--jobs", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == -9
    visible = sorted(p.name for p in (crashed / "out").iterdir() if not p.name.startswith("."))
    assert visible == ["bare.1.fin"]  # interrupted between the two parts

    assert main([*_args(inputs, crashed), "--jobs", "1", "--resume"]) == 0
    assert tree(crashed / "out") == tree(reference / "out")  # no duplicate, no partial part
    assert sorted(tree(crashed / "out")) == ["bare.1.fin", "bare.2.fin"]
    assert sorted_audit(crashed / "audit.jsonl") == sorted_audit(reference / "audit.jsonl")
    assert json.loads((crashed / "ledger.json").read_text()) == json.loads(
        (reference / "ledger.json").read_text()
    )
    assert not list(crashed.rglob(f"{TEMP_MARKER}*"))
