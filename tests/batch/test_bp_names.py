"""The names given to inputs whose outputs would clash (the rule docs/batch.md describes).

A stem already given out in the same output folder gets ``~<extension>`` (``~noext`` without
one), then ``~2``, ``~3``...; walked files are taken in sorted order, explicit file arguments in
argument order. A stem that another stem's numbered outputs would take (``x.1`` next to ``x``:
message 1 of ``x``, or its item 1) is told apart the same way: before, ``x.1.fix`` silently
overwrote the output of the first message of ``x.fix``.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from finmsg.batch.inputs import walk_inputs
from finmsg.cli import main


def _fix(seq: int) -> bytes:
    """A FIX 4.4 heartbeat with MsgSeqNum ``seq`` (BodyLength and CheckSum computed as FIX defines)."""
    body = f"35=0\x0149=SENDER\x0156=TARGET\x0134={seq}\x0152=20261130-10:00:00\x01"
    head = f"8=FIX.4.4\x019={len(body)}\x01{body}"
    return (head + f"10={sum(head.encode()) % 256:03d}\x01").encode("ascii")


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def _stems(args: list[str]) -> list[str]:
    return [s.stem for s in walk_inputs(args)]


def test_explicit_files_of_one_name(tmp_path: Path) -> None:
    files = [str(_touch(tmp_path / d / "x.fin")) for d in ("a", "b", "c")]
    assert _stems(files) == ["x", "x~fin", "x~2"]


def test_explicit_files_without_an_extension(tmp_path: Path) -> None:
    files = [str(_touch(tmp_path / "a" / "x.fin")), str(_touch(tmp_path / "b" / "x"))]
    assert _stems(files) == ["x", "x~noext"]


def test_stdin_and_a_file_named_stdin(tmp_path: Path) -> None:
    assert _stems(["-", str(_touch(tmp_path / "stdin.fin"))]) == ["stdin", "stdin~fin"]


@pytest.mark.parametrize(
    ("names", "stems"),
    [
        # x.1 / x.2 / x.1.2 are the names of x's messages and items: told apart
        (["x.fix", "x.1.fix"], ["x", "x.1~fix"]),
        (["x.fix", "x.1.2.fix"], ["x", "x.1.2~fix"]),
        (["x.fix", "x-a.fix", "x.10.fix"], ["x", "x-a", "x.10~fix"]),  # x-a sorts between them
        (["x.fin", "x.xml", "x~xml.1.fin"], ["x", "x~xml", "x~xml.1~fin"]),  # a generated name's too
        # not a message or item number: no clash
        (["x.fix", "x.0.fix", "x.01.fix", "x.a.fix", "x1.fix"], ["x", "x.0", "x.01", "x.a", "x1"]),
        (["x.1.fix", "y.fix"], ["x.1", "y"]),  # no x: nothing to clash with
    ],
)
def test_a_stem_that_names_another_inputs_numbered_output(
    tmp_path: Path, names: list[str], stems: list[str]
) -> None:
    for name in names:
        _touch(tmp_path / "in" / name)
    assert _stems([str(tmp_path / "in")]) == stems


def test_explicit_numbered_stems_clash_in_either_order(tmp_path: Path) -> None:
    one = str(_touch(tmp_path / "a" / "x.1.fix"))
    base = str(_touch(tmp_path / "b" / "x.fix"))
    assert _stems([one, base]) == ["x.1", "x~fix"]
    assert _stems([base, one]) == ["x", "x.1~fix"]


def test_numbered_names_in_another_folder_do_not_clash(tmp_path: Path) -> None:
    for rel in ("x.fix", "sub/x.1.fix"):
        _touch(tmp_path / "in" / rel)
    assert _stems([str(tmp_path / "in")]) == ["x", "sub/x.1"]


def test_no_output_is_overwritten_by_a_numbered_neighbour(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "x.fix").write_bytes(_fix(1) + _fix(2))  # two messages: x.1.json, x.2.json
    (inputs / "x.1.fix").write_bytes(_fix(7))
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["convert", str(inputs), "--to", "json", "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert code == 0
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "x.1.json",
        "x.1~fix.json",
        "x.2.json",
    ]
    # each output holds its own message: MsgSeqNum (34) 1 and 2 from x.fix, 7 from x.1.fix
    seqs = [
        json.loads((out / name).read_text())["msg_seq_num"]
        for name in ("x.1.json", "x.2.json", "x.1~fix.json")
    ]
    assert seqs == [1, 2, 7]
