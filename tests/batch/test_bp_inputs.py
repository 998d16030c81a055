"""Every input is accounted for: a symbolic link that leads nowhere is an unreadable input.

A dangling link (its target is missing) or a link in a loop inside an input folder was skipped
in silence by the walk (a loop even stopped the run with a traceback). It is now handed on
like any file, and the worker that cannot read it reports it the way an unreadable file is
reported: a ``cannot read`` line, ``unreadable_inputs`` in the ledger, exit code 2.
"""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from finmsg.batch.inputs import walk_inputs
from finmsg.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")

#: A FIX 4.4 heartbeat (BodyLength = the body's bytes, CheckSum = the byte sum mod 256).
_BODY = "35=0\x0149=SENDER\x0156=TARGET\x0134=1\x0152=20261130-10:00:00\x01"
_HEAD = f"8=FIX.4.4\x019={len(_BODY)}\x01{_BODY}"
HEARTBEAT = (_HEAD + f"10={sum(_HEAD.encode()) % 256:03d}\x01").encode("ascii")


def _folder(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    (folder / "good.fix").write_bytes(HEARTBEAT)
    os.symlink("missing.fix", folder / "dangling.fix")
    os.symlink("loop-b", folder / "loop-a")
    os.symlink("loop-a", folder / "loop-b")
    return folder


def _convert(inputs: list[str], base: Path) -> tuple[int, str, dict[str, int]]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(
            [
                "convert",
                *inputs,
                "--to",
                "json",
                "--out",
                str(base / "out"),
                "--ledger",
                str(base / "ledger.json"),
                "--progress",
                "none",
                "--jobs",
                "1",
            ]
        )
    return code, err.getvalue(), json.loads((base / "ledger.json").read_text())


def test_the_walk_hands_on_dangling_links_and_loops(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    names = [Path(s.name).name for s in walk_inputs([str(folder)])]
    assert names == ["dangling.fix", "good.fix", "loop-a", "loop-b"]


def test_a_link_to_a_folder_or_a_pipe_is_not_an_input(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.fix").write_bytes(HEARTBEAT)
    os.symlink(tmp_path / "elsewhere", folder / "linked")  # folder links are not followed
    os.mkfifo(folder / "pipe")  # reading a pipe would block the worker
    names = [Path(s.name).name for s in walk_inputs([str(folder)])]
    assert names == ["dangling.fix", "good.fix", "loop-a", "loop-b"]


def test_dangling_links_and_loops_are_reported_unreadable(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    code, err, ledger = _convert([str(folder)], tmp_path)
    assert code == 2  # as for any input that cannot be read
    assert f"cannot read {folder / 'dangling.fix'}: No such file or directory" in err
    assert "(a symbolic link to 'missing.fix')" in err
    assert f"cannot read {folder / 'loop-a'}: Too many levels of symbolic links" in err
    assert f"cannot read {folder / 'loop-b'}: " in err
    assert (ledger["inputs"], ledger["unreadable_inputs"]) == (4, 3)
    assert (ledger["messages"], ledger["converted"]) == (1, 1)  # the good file is still converted
    assert (tmp_path / "out" / "good.json").is_file()


def test_a_glob_reports_dangling_links_too(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    code, err, ledger = _convert([str(folder / "*")], tmp_path)
    assert code == 2
    assert f"cannot read {folder / 'dangling.fix'}: No such file or directory" in err
    assert (ledger["inputs"], ledger["unreadable_inputs"]) == (4, 3)


def test_an_unreadable_file_is_reported_the_same_way(tmp_path: Path) -> None:
    # the reference behaviour the links now share: a named file that does not exist
    folder = _folder(tmp_path)
    code, err, ledger = _convert([str(folder / "good.fix"), str(folder / "absent.fix")], tmp_path)
    assert code == 2
    assert f"cannot read {folder / 'absent.fix'}: No such file or directory" in err
    assert "symbolic link" not in err
    assert (ledger["inputs"], ledger["unreadable_inputs"], ledger["converted"]) == (2, 1, 1)
