"""The resume manifest: one JSON line per finished input, keyed by its content hash.

It lives in the output folder and is appended (and flushed) only after every
output of an input has been renamed into place, so a line means "done". A line
cut short by a kill is ignored and trimmed on load. An entry stores the input's
counts and audit records, so a resumed run reproduces the ledger and the audit
trail of an uninterrupted one without reconverting anything. A streamed input
(see :mod:`finmsg.batch.stream`) writes one ``token`` line per finished slice,
holding that slice's audit records, then its ``key`` line once every slice is in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from finmsg.jsonfmt import dumps_compact

__all__ = ["MANIFEST_NAME", "Manifest", "manifest_key"]

MANIFEST_NAME = ".finmsg-manifest.jsonl"


def manifest_key(sha256: str, stem: str, target: str) -> str:
    """Content hash, target and output stem: two identical files at two paths are two inputs,
    and an input finished for one ``--to`` target is not finished for another."""
    return f"{sha256}:{target.lower()}:{stem}"


class Manifest:
    """Append-only record of finished inputs."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST_NAME
        self._handle: TextIO | None = None
        self._reader: BinaryIO | None = None
        self._reader_pid = 0  # a reader opened before a fork shares its file offset: never reused
        self._durable = False
        self._pending = False  # lines written but not yet flushed

    def load(self, streamed: bool, trim: bool = True) -> dict[str, int]:
        """Where the lines of finished inputs start, by key; a trailing partial line is trimmed away
        (``trim``: by the coordinator only, before the workers start — a worker reading while the
        coordinator appends must never cut a line that is still being written).

        Only offsets are kept (read an entry with :meth:`entry_at`), so resuming a run of
        millions of inputs does not hold their audit records in memory. ``streamed`` picks
        the inputs that were streamed (see :mod:`finmsg.batch.stream`) or the others.
        """
        if not self.path.exists():
            return {}
        offsets: dict[str, int] = {}
        offset = 0
        with open(self.path, "r+b" if trim else "rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):  # cut short by a kill (or still being written)
                    if trim:
                        handle.truncate(offset)
                    break
                try:
                    entry = json.loads(line)
                except ValueError:
                    entry = {}
                if "key" in entry and ("token" in entry) == streamed:  # slice lines have no key
                    offsets[entry["key"]] = offset
                offset += len(line)
        return offsets

    def entry_at(self, offset: int) -> dict[str, Any]:
        """The entry whose line starts at ``offset`` (from :meth:`load`)."""
        if self._reader is None or self._reader_pid != os.getpid():
            self._reader = open(self.path, "rb")  # noqa: SIM115 - kept for the next entry
            self._reader_pid = os.getpid()
        self._reader.seek(offset)
        entry: dict[str, Any] = json.loads(self._reader.readline())
        return entry

    def slice_audit(self, token: str) -> Iterator[dict[str, Any]]:
        """The audit records of a streamed input's slices, read back one line at a time.

        A slice an interrupted run finished and the resumed run redid appears twice,
        with the same records; the first line of each slice number is the one used.
        """
        seen: set[int] = set()
        with open(self.path, "rb") as handle:
            for line in handle:
                if token.encode() not in line:
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("token") == token and "slice" in entry and entry["slice"] not in seen:
                    seen.add(entry["slice"])
                    yield from entry["audit"]

    def open(self, resume: bool, durable: bool = False) -> None:
        """Start appending (``resume``) or a new manifest; ``durable`` syncs every line to disk."""
        self._handle = open(self.path, "a" if resume else "w", encoding="utf-8")  # noqa: SIM115
        self._durable = durable

    def append(self, entry: dict[str, Any]) -> None:
        """Record a finished input: the line is flushed (a kill -9 cannot lose it) before returning."""
        self.append_line(dumps_compact(entry))

    def append_line(self, line: str, flush: bool = True) -> None:
        """:meth:`append` for an entry a worker already encoded (one line of JSON, no newline).

        ``flush=False`` leaves the line buffered until :meth:`flush`: the lines of a batch of
        results then cost one write. A line lost unflushed only means its input is redone
        on ``--resume`` (its outputs are rewritten whole, under the same names). A durable
        manifest still syncs every line as it is written.
        """
        assert self._handle is not None
        self._handle.write(line + "\n")
        self._pending = True
        if flush or self._durable:
            self.flush()

    def flush(self) -> None:
        """Hand the lines written since the last flush to the kernel (and, when durable, to the disk)."""
        if not self._pending:
            return
        assert self._handle is not None
        self._pending = False
        self._handle.flush()
        if self._durable:
            os.fsync(self._handle.fileno())

    def close(self, remove: bool) -> None:
        for handle in (self._handle, self._reader):
            if handle is not None:
                handle.close()
        self._handle = self._reader = None
        if remove:
            self.path.unlink(missing_ok=True)
