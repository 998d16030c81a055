"""The resume manifest: one JSON line per finished input, keyed by its content hash.

It lives in the output folder and is appended (and flushed) only after every
output of an input has been renamed into place, so a line means "done". A line
cut short by a kill is ignored and trimmed on load. An entry stores the input's
counts and audit records, so a resumed run reproduces the ledger and the audit
trail of an uninterrupted one without reconverting anything.
"""

from __future__ import annotations

import json
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
            entries[entry["key"]] = entry
        return entries

    def open(self, resume: bool) -> None:
        self._handle = open(self.path, "a" if resume else "w", encoding="utf-8")  # noqa: SIM115

    def append(self, entry: dict[str, Any]) -> None:
        assert self._handle is not None
        self._handle.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._handle.flush()

    def close(self, remove: bool) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if remove:
            self.path.unlink(missing_ok=True)
