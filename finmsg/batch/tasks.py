"""What travels between the batch coordinator and its workers: the run's settings, the
tasks (a whole input, or a slice of a streamed one) and the per-input results.

Kept apart from :mod:`finmsg.batch.worker` so the coordinator and the record
encoders can name these types without importing the conversion machinery.
All are plain dataclasses: they are pickled to and from worker processes. Tasks and
results say how (``__reduce__``: the class and its field values in order), because the
default for a slotted dataclass runs ``dataclasses.fields()`` and a Python loop per object
on each side; the coordinator pickles every task and unpickles every result, and with
two cores its time is taken from a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finmsg.model.fastinit import speed_up_inits
from finmsg.registry import RawMessage

__all__ = ["COUNTS", "BatchConfig", "FileResult", "FileTask", "SliceTask"]

#: The per-input counts a manifest entry keeps, so that a resumed run reproduces the ledger.
COUNTS = (
    "messages",
    "converted",
    "quarantined",
    "skipped",
    "converted_lossy",
    "converted_with_warnings",
    "partial",
)


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """Everything a worker needs; pickled once per worker process."""

    target: str
    out_dir: Path
    quarantine_dir: Path | None = None
    strict: bool = False
    processor: str | None = None
    fail_fast: bool = False
    resume: bool = False
    collect_diagnostics: bool = False
    #: Conversion options (e.g. ``ssi``: the standing settlement instructions file) as pairs.
    options: tuple[tuple[str, str], ...] = ()
    #: Run every validation layer before converting: an invalid message is quarantined.
    validate: bool = False
    #: ``fsync`` every output before its rename (and the folders before the manifest records the input).
    durable: bool = False
    #: The run writes an audit trail: workers encode its lines (set by :func:`~finmsg.batch.run_batch`).
    audit: bool = False


@dataclass(frozen=True, slots=True)
class FileTask:
    """One input: a path (read by the worker) or the bytes of stdin."""

    name: str
    stem: str
    extension: str
    path: str | None = None
    data: bytes | None = None

    def __reduce__(self) -> tuple[type[FileTask], tuple[Any, ...]]:
        return FileTask, (self.name, self.stem, self.extension, self.path, self.data)


@dataclass(frozen=True, slots=True)
class SliceTask:
    """A run of messages of one streamed input (see :mod:`finmsg.batch.stream`), already split.

    ``token`` ties the slices of one input together in the manifest; ``numbered``
    says whether the input holds more than one message (outputs then carry the index).
    """

    name: str
    stem: str
    extension: str
    token: str
    number: int
    parts: tuple[RawMessage, ...]
    numbered: bool

    def __reduce__(self) -> tuple[type[SliceTask], tuple[Any, ...]]:
        fields = (self.name, self.stem, self.extension, self.token, self.number, self.parts, self.numbered)
        return SliceTask, fields


@dataclass(slots=True)
class FileResult:
    """What happened to one input; ``entry()`` is its manifest line."""

    name: str
    key: str = ""
    messages: int = 0
    converted: int = 0
    quarantined: int = 0
    skipped: int = 0
    audit: list[dict[str, Any]] = field(default_factory=list)
    report: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    io_error: str | None = None
    resumed: bool = False
    complete: bool = True
    #: For a slice of a streamed input: its input's token and the slice number.
    token: str | None = None
    number: int = 0
    #: Folders this result renamed files into (synced before the manifest line with ``durable``).
    folders: set[str] = field(default_factory=set)
    #: Encoded by the worker (see :func:`finmsg.batch.records.encode_result`): the manifest line
    #: and the audit trail lines.
    line: str | None = None
    audit_text: str = ""
    #: Converted messages with a lossy finding / with a warning (the ledger's extra counts).
    converted_lossy: int = 0
    converted_with_warnings: int = 0
    #: Quarantined messages some of whose items were written (see ``Ledger.partial``).
    partial: int = 0

    def __reduce__(self) -> tuple[type[FileResult], tuple[Any, ...]]:
        return FileResult, (
            self.name,
            self.key,
            self.messages,
            self.converted,
            self.quarantined,
            self.skipped,
            self.audit,
            self.report,
            self.errors,
            self.io_error,
            self.resumed,
            self.complete,
            self.token,
            self.number,
            self.folders,
            self.line,
            self.audit_text,
            self.converted_lossy,
            self.converted_with_warnings,
            self.partial,
        )

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in COUNTS}

    def entry(self) -> dict[str, Any]:
        if self.token is not None:
            return {"token": self.token, "slice": self.number, "counts": self.counts(), "audit": self.audit}
        return {"key": self.key, "input": self.name, "counts": self.counts(), "audit": self.audit}


# a FileTask per archived file, built by the coordinator: stores without object.__setattr__
speed_up_inits(__name__)
