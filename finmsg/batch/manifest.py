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
from typing import Any, TextIO

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
        self._durable = False

    def load(self) -> dict[str, dict[str, Any]]:
        """Entries of a previous run by key; a trailing partial line is trimmed away."""
        if not self.path.exists():
            return {}
        raw = self.path.read_bytes()
        end = raw.rfind(b"\n") + 1
        if end != len(raw):
            with open(self.path, "r+b") as handle:
                handle.truncate(end)
        entries: dict[str, dict[str, Any]] = {}
        for line in raw[:end].splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if "key" in entry:  # a slice line of a streamed input has a token, no key
                entries[entry["key"]] = entry
        return entries

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
        assert self._handle is not None
        self._handle.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._handle.flush()
        if self._durable:
            os.fsync(self._handle.fileno())

    def close(self, remove: bool) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if remove:
            self.path.unlink(missing_ok=True)
