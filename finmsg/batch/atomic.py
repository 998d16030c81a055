"""Atomic, confined file output: write a temporary file, then rename it into place.

A reader (or a resumed run) therefore only ever sees complete files. Temporary
files carry a fixed marker so that a run after a crash can remove the leftovers
of the killed one — and nothing else. Every destination is checked to stay
inside its output folder, so a crafted input name can never write elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from finmsg.errors import FinmsgError

__all__ = ["TEMP_MARKER", "confined", "remove_temporaries", "write_atomic"]

TEMP_MARKER = ".finmsg-tmp-"


def confined(root: Path, relative: str) -> Path:
    """``root / relative``, refusing anything that would land outside ``root``.

    A lexical check (no file-system calls: this runs once per output) — names
    are built from walked relative paths, and the walk does not follow symlinks.
    """
    normal = os.path.normpath(relative)
    if os.path.isabs(normal) or normal == "." or normal == ".." or normal.startswith(".." + os.sep):
        raise FinmsgError(f"output name {relative!r} escapes the output folder", code="batch.path.escape")
    return root / normal


_MADE: set[str] = set()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary sibling and an atomic rename."""
    parent = str(path.parent)
    if parent not in _MADE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if len(_MADE) > 4096:
            _MADE.clear()
        _MADE.add(parent)
    temp = path.with_name(f"{TEMP_MARKER}{os.getpid()}-{path.name}")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def remove_temporaries(root: Path) -> int:
    """Delete temporary files a killed run left under ``root``; returns how many."""
    removed = 0
    if not root.is_dir():
        return 0
    for folder, _, files in os.walk(root):
        for name in files:
            if name.startswith(TEMP_MARKER):
                Path(folder, name).unlink(missing_ok=True)
                removed += 1
    return removed
