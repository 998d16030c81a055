"""Atomic, confined file output: write a temporary file, then rename it into place.

A reader (or a resumed run) therefore only ever sees complete files. Temporary
files carry a fixed marker so that a run after a crash can remove the leftovers
of the killed one — and nothing else. Every destination is checked to stay
inside its output folder, so a crafted input name can never write elsewhere.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from finmsg.errors import FinmsgError

__all__ = ["TEMP_MARKER", "confined", "confined_name", "remove_temporaries", "sync_folders", "write_atomic"]

TEMP_MARKER = ".finmsg-tmp-"


def confined(root: Path, relative: str) -> Path:
    """``root / relative``, refusing anything that would land outside ``root``.

    A lexical check (no file-system calls: this runs once per output) — names
    are built from walked relative paths, and the walk does not follow symlinks.
    """
    return root / _checked(relative)


def confined_name(root: str, relative: str) -> str:
    """:func:`confined` on plain strings (the per-message hot path avoids ``pathlib``)."""
    normal = _checked(relative)
    if _POSIX and root and not root.endswith("/"):
        return f"{root}/{normal}"
    return os.path.join(root, normal)


_POSIX = os.sep == "/" and os.altsep is None


def _is_normal(relative: str) -> bool:
    """A relative POSIX name already in normal form (what ``normpath`` returns unchanged): no
    empty, ``.`` or ``..`` segment and no leading ``/``. Three substring scans in C: cheaper,
    for the short names of the per-message path, than a regular expression or ``normpath``."""
    framed = f"/{relative}/"
    return "//" not in framed and "/./" not in framed and "/../" not in framed


def _checked(relative: str) -> str:
    if _POSIX and _is_normal(relative):
        return relative
    normal = os.path.normpath(relative)
    if os.path.isabs(normal) or normal == "." or normal == ".." or normal.startswith(".." + os.sep):
        raise FinmsgError(f"output name {relative!r} escapes the output folder", code="batch.path.escape")
    return normal


_MADE: set[str] = set()
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
#: The temporary-name prefix of this process (its pid is in it), renewed in a forked child.
_TEMP_PREFIX = [f"{TEMP_MARKER}{os.getpid()}-"]


def _renew_prefix() -> None:
    _TEMP_PREFIX[0] = f"{TEMP_MARKER}{os.getpid()}-"


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_renew_prefix)


def write_atomic(path: str | Path, data: bytes, durable: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary sibling and an atomic rename.

    The rename is what makes a kill -9 harmless (a reader sees the old file or
    the whole new one). ``durable`` adds an ``fsync`` of the data before the
    rename, which only matters if the machine itself may lose power; the caller
    then syncs the folder (see :func:`sync_folders`) before recording the input
    as finished.
    """
    path = os.fspath(path)
    if _POSIX and "/" in path[1:]:  # ``os.path.split`` without its general cases
        parent, _, name = path.rpartition("/")
    else:
        parent, name = os.path.split(path)
    if parent not in _MADE:
        os.makedirs(parent or ".", exist_ok=True)
        if len(_MADE) > 4096:
            _MADE.clear()
        _MADE.add(parent)
    temp = f"{parent}{os.sep}{_TEMP_PREFIX[0]}{name}" if parent else _TEMP_PREFIX[0] + name
    try:
        handle = os.open(temp, _FLAGS, 0o666)
        try:
            written = os.write(handle, data)  # one call for any ordinary output
            if written < len(data):
                view = memoryview(data)[written:]
                while view:
                    view = view[os.write(handle, view) :]
            if durable:
                os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def sync_folders(folders: Iterable[str]) -> None:
    """``fsync`` folders so that the renames into them survive a power loss (POSIX only)."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows has no directory handles
        return
    for folder in folders:
        handle = os.open(folder or ".", os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


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
