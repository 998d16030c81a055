"""Reading one input file whole, in as few system calls as the kernel allows.

Why not ``open(path, "rb").read()``: the buffered file object it builds asks the
kernel about the file seven times besides the one read that matters (``fstat``
twice, ``ioctl`` for a terminal check, ``lseek`` twice, a last ``read`` for the end,
``close``): nine system calls per input, a third of all a batch worker made for a
typical archive of small files, each costing microseconds of kernel time on a
virtual machine. Here a small file costs four: ``open``, one ``read`` that gets all
of it, one ``read`` that sees the end, ``close``. A larger file asks its size once,
so it is read with one more call, not in a series of growing ones.

The end of the file is the read that returns nothing, as for the buffered reader
(a short read is not taken as the end: a pipe or a network file system may give one).
Errors are the same :class:`OSError` kinds and texts (a folder gives ``EISDIR``).
"""

from __future__ import annotations

import os

__all__ = ["read_whole"]

_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
#: Bytes asked for by the first read: more than almost any single message file.
FIRST_READ = 1 << 16


def read_whole(path: str) -> bytes:
    """Every byte of the file at ``path`` (raises :class:`OSError` as :func:`open` would)."""
    handle = os.open(path, _FLAGS)
    try:
        first = os.read(handle, FIRST_READ)
        if not first:
            return first
        parts = [first]
        # a full first read: the rest in one call of the size the file says it has (at least 1)
        ask = FIRST_READ if len(first) < FIRST_READ else max(os.fstat(handle).st_size - len(first), 0) + 1
        while True:
            more = os.read(handle, ask)
            if not more:
                break
            parts.append(more)
            ask = max(ask, FIRST_READ)
        return first if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(handle)
