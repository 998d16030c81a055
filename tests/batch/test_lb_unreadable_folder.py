"""Every input is accounted for: a sub-folder the walk cannot list is an unreadable input (brief LB 4).

Before, ``_walk_dir`` returned on the ``OSError`` of ``os.scandir``: the files of a folder without
read permission were skipped in silence, and a run over such an archive exited 0 with a ledger
that balanced. Now the folder is reported like a file that cannot be read: a ``cannot read``
line, ``inputs`` and ``unreadable_inputs`` in the ledger, exit code 2; the other inputs are
still converted.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest

from finmsg.batch.inputs import walk_inputs
from finmsg.cli import main

#: A FIX 4.4 heartbeat (BodyLength = the body's bytes, CheckSum = the byte sum mod 256).
_BODY = "35=0\x0149=SENDER\x0156=TARGET\x0134=1\x0152=20261130-10:00:00\x01"
_HEAD = f"8=FIX.4.4\x019={len(_BODY)}\x01{_BODY}"
HEARTBEAT = (_HEAD + f"10={sum(_HEAD.encode()) % 256:03d}\x01").encode("ascii")

REASON = "Permission denied (a folder: none of its files were read)"


def _archive(root: Path) -> tuple[Path, Path]:
    """``in/a.fix``, ``in/locked/b.fix`` (the folder the tests make unreadable), ``in/next/c.fix``:
    walked in that order (a folder's files, then its sub-folders, each sorted)."""
    folder = root / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "next").mkdir()
    (folder / "a.fix").write_bytes(HEARTBEAT)
    (folder / "locked" / "b.fix").write_bytes(HEARTBEAT)
    (folder / "next" / "c.fix").write_bytes(HEARTBEAT)
    return folder, folder / "locked"


def _convert(folder: Path, base: Path, *extra: str) -> tuple[int, str, dict[str, Any]]:
    err = io.StringIO()
    argv = ["convert", str(folder), "--to", "json", "--out", str(base / "out")]
    argv += ["--ledger", str(base / "ledger.json"), "--progress", "none", *extra]
    with redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue(), json.loads((base / "ledger.json").read_text())


@pytest.fixture
def refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, Path]:
    """The archive, with ``os.scandir`` of ``locked`` refused as the kernel refuses a folder
    without read permission (which root, running these tests in containers, is never refused)."""
    folder, locked = _archive(tmp_path)
    real = os.scandir

    def scandir(path: Any = ".") -> Iterator[os.DirEntry[str]]:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # the walk's os.scandir
    return folder, locked


def test_the_walk_hands_on_the_folder_with_the_reason(refused: tuple[Path, Path]) -> None:
    folder, locked = refused
    found = [(s.name, s.error) for s in walk_inputs([str(folder)])]
    assert found == [
        (str(folder / "a.fix"), None),
        (str(locked), REASON),
        (str(folder / "next" / "c.fix"), None),
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_run_reports_the_folder_and_exits_2(
    refused: tuple[Path, Path], tmp_path: Path, jobs: str
) -> None:
    folder, locked = refused
    code, err, ledger = _convert(folder, tmp_path, "--jobs", jobs)
    assert code == 2
    assert f"finmsg: cannot read {locked}: {REASON}" in err.splitlines()
    assert (ledger["inputs"], ledger["unreadable_inputs"]) == (3, 1)
    assert (ledger["messages"], ledger["converted"]) == (2, 2)  # the readable files are still converted
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.json"))
    assert written == ["a.json", "next/c.json"]


def test_fail_fast_stops_at_the_folder(refused: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _ = refused
    code, _, ledger = _convert(folder, tmp_path, "--jobs", "1", "--fail-fast")
    assert code == 2
    # next/c.fix, walked after the folder, is not reached
    assert (ledger["inputs"], ledger["unreadable_inputs"], ledger["converted"]) == (2, 1, 1)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_chmod_000_sub_folder_is_an_unreadable_input(tmp_path: Path) -> None:
    folder, locked = _archive(tmp_path)
    locked.chmod(0)
    try:
        if _listable(locked):
            pytest.skip("this user (root) reads a chmod 000 folder")
        code, err, ledger = _convert(folder, tmp_path, "--jobs", "1")
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert f"finmsg: cannot read {locked}: {REASON}" in err.splitlines()
    assert (ledger["inputs"], ledger["unreadable_inputs"], ledger["converted"]) == (3, 1, 2)


def _listable(folder: Path) -> bool:
    try:
        with os.scandir(folder):
            return True
    except PermissionError:
        return False
