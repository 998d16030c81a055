"""Progress reporting: a rich bar on a terminal, JSON lines for machines, or nothing.

The total is unknown while inputs stream in (listing an archive first would
cost the memory we promise not to use), so the bar shows counts and rate.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, Protocol, TextIO

from finmsg.batch.ledger import Ledger

__all__ = ["Progress", "make_progress"]


class Progress(Protocol):
    def start(self) -> None: ...
    def update(self, ledger: Ledger) -> None: ...
    def stop(self, ledger: Ledger) -> None: ...


class _Silent:
    def start(self) -> None:
        return None

    def update(self, ledger: Ledger) -> None:
        return None

    def stop(self, ledger: Ledger) -> None:
        return None


class _JsonLines:
    """One JSON object per line on ``stream``, at most every ``interval`` seconds, plus a final one."""

    def __init__(self, stream: TextIO, interval: float = 0.5) -> None:
        self._stream, self._interval, self._last = stream, interval, 0.0
        self._begin = time.monotonic()

    def start(self) -> None:
        self._begin = time.monotonic()

    def _emit(self, ledger: Ledger, done: bool) -> None:
        record: dict[str, Any] = {"event": "done" if done else "progress", **ledger.to_dict()}
        record["elapsed_s"] = round(time.monotonic() - self._begin, 3)
        self._stream.write(json.dumps(record) + "\n")
        self._stream.flush()

    def update(self, ledger: Ledger) -> None:
        now = time.monotonic()
        if now - self._last >= self._interval:
            self._last = now
            self._emit(ledger, False)

    def stop(self, ledger: Ledger) -> None:
        self._emit(ledger, True)


class _RichBar:
    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]converting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[noun]} · {task.fields[quarantined]} quarantined"),
            TimeElapsedColumn(),
            console=Console(file=stream),
            transient=False,
        )
        self._task = self._progress.add_task("convert", total=None, quarantined=0, noun="messages")

    def start(self) -> None:
        self._progress.start()

    def update(self, ledger: Ledger) -> None:
        noun = "message" if ledger.messages == 1 else "messages"  # "1/? message", "2/? messages"
        self._progress.update(
            self._task, completed=ledger.messages, quarantined=ledger.quarantined, noun=noun
        )

    def stop(self, ledger: Ledger) -> None:
        self.update(ledger)
        self._progress.stop()


def make_progress(mode: str, stream: TextIO | None = None) -> Progress:
    """``auto`` (a bar only on a TTY), ``bar``, ``json`` or ``none``."""
    stream = stream or sys.stderr
    if mode == "json":
        return _JsonLines(stream)
    if mode == "bar" or (mode == "auto" and stream.isatty()):
        return _RichBar(stream)
    return _Silent()
