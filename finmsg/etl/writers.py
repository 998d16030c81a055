"""Row writers for the flat schema: JSON lines, CSV (formula-safe) and Parquet (optional pyarrow).

An *exporter* turns the messages of one input file into one output file (the
batch pipeline writes one part file per input, which keeps outputs atomic and
resumable; warehouses load a folder of parts as one table). Third-party
exporters implement the same :class:`Exporter` protocol and are found through
the ``finmsg.exporters`` entry-point group (see :mod:`finmsg.batch.plugins`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from finmsg.diagnostics import Diagnostic
from finmsg.errors import ConversionError
from finmsg.etl.schema import (
    BOOL_COLUMNS,
    INT_COLUMNS,
    SCHEMA_VERSION,
    SCHEMAS,
    Row,
    canonical_findings,
    rows_for,
)
from finmsg.model.base import Message

__all__ = [
    "BUILTIN_EXPORTERS",
    "CsvExporter",
    "ExportItem",
    "Exporter",
    "JsonlExporter",
    "ParquetExporter",
    "neutralise_cell",
]

#: Characters that make spreadsheet software treat a cell as a formula (or hide a line break).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One message to export, with where it came from (input display name and 1-based index)."""

    source: str
    index: int
    message: Message


class Exporter(Protocol):
    """Turns the messages of one input into the bytes of one output file.

    An exporter may also offer ``findings(message) -> list[Diagnostic]``: what its
    rows lose or transform of the message (the built-in ones: the findings of the MT
    to ISO 20022 translation the rows come from), for the message's diagnostics. It is
    optional, so that exporters written against the first protocol stay valid. So is
    ``unavailable() -> str | None``: why the exporter cannot run on this machine (a missing
    optional dependency), asked once before any input is read.
    """

    @property
    def name(self) -> str:
        """The ``--to`` name."""
        ...

    @property
    def extension(self) -> str:
        """The output file extension, with its dot."""
        ...

    def export(self, items: Sequence[ExportItem]) -> bytes:
        """Encode every item; raise :class:`~finmsg.errors.ConversionError` for one that has no shape."""
        ...


def _rows(items: Sequence[ExportItem], schema: str) -> list[Row]:
    rows: list[Row] = []
    for item in items:
        rows.extend(rows_for(item.message, item.source, item.index, schema))
    return rows


def neutralise_cell(value: object) -> str:
    """A CSV cell that spreadsheet software will not evaluate: risky leading characters get a ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):  # the ``reversal`` column: the words JSON and SQL use
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


@dataclass(frozen=True, slots=True)
class JsonlExporter:
    """One JSON object per row, keys in schema order, ``null`` for absent values."""

    name: str = "jsonl"
    extension: str = ".jsonl"
    #: the row schema version (:data:`~finmsg.etl.schema.SCHEMAS`): ``finmsg.etl/2`` keeps the old table
    schema: str = SCHEMA_VERSION

    def findings(self, message: Message) -> list[Diagnostic]:
        """What the rows of ``message`` lose or transform (see :class:`Exporter`)."""
        return canonical_findings(message)

    def export(self, items: Sequence[ExportItem]) -> bytes:
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in _rows(items, self.schema))
        return "".join(lines).encode("utf-8")


@dataclass(frozen=True, slots=True)
class CsvExporter:
    """RFC 4180 CSV with a header row; every cell is neutralised against formula injection."""

    name: str = "csv"
    extension: str = ".csv"
    #: the row schema version (see :class:`JsonlExporter`)
    schema: str = SCHEMA_VERSION

    def findings(self, message: Message) -> list[Diagnostic]:
        """What the rows of ``message`` lose or transform (see :class:`Exporter`)."""
        return canonical_findings(message)

    def export(self, items: Sequence[ExportItem]) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        rows = _rows(items, self.schema)  # an unknown version raises here, before any output
        columns = SCHEMAS[self.schema]
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralise_cell(row[name]) for name in columns])
        return buffer.getvalue().encode("utf-8")


_NO_PYARROW = "--to parquet needs pyarrow: pip install 'finmsg[parquet]'"


@dataclass(frozen=True, slots=True)
class ParquetExporter:
    """Parquet with a fixed Arrow schema (strings, int64 indexes, a bool ``reversal``); needs
    ``finmsg[parquet]``."""

    name: str = "parquet"
    extension: str = ".parquet"
    #: the row schema version (see :class:`JsonlExporter`)
    schema: str = SCHEMA_VERSION

    def findings(self, message: Message) -> list[Diagnostic]:
        """What the rows of ``message`` lose or transform (see :class:`Exporter`)."""
        return canonical_findings(message)

    def unavailable(self) -> str | None:
        """Why this exporter cannot run here (pyarrow is an optional extra), or ``None``.

        The CLI asks before reading any input: without it, a run over an archive quarantined
        every message with the same reason instead of failing once as a usage error.
        """
        try:  # the parquet module too: a pyarrow built without it cannot write one file
            import pyarrow.parquet  # type: ignore[import-not-found,import-untyped,unused-ignore]  # noqa: F401
        except ImportError:
            return _NO_PYARROW
        return None

    def export(self, items: Sequence[ExportItem]) -> bytes:
        try:
            import pyarrow as pa  # type: ignore[import-not-found,import-untyped,unused-ignore]
            import pyarrow.parquet as pq  # type: ignore[import-not-found,import-untyped,unused-ignore]
        except ImportError:
            raise ConversionError(_NO_PYARROW, code="etl.parquet.unavailable") from None
        rows = _rows(items, self.schema)  # an unknown version raises here
        columns = SCHEMAS[self.schema]
        schema = pa.schema(
            [(name, _arrow_type(pa, name)) for name in columns],
            metadata={b"finmsg.schema": self.schema.encode()},
        )
        table = pa.Table.from_pydict({name: [row[name] for row in rows] for name in columns}, schema=schema)
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return sink.getvalue()


def _arrow_type(pa: Any, name: str) -> Any:
    if name in INT_COLUMNS:
        return pa.int64()
    return pa.bool_() if name in BOOL_COLUMNS else pa.string()


BUILTIN_EXPORTERS: dict[str, Exporter] = {
    "jsonl": JsonlExporter(),
    "csv": CsvExporter(),
    "parquet": ParquetExporter(),
}
