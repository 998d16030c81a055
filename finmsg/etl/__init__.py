"""Flat ETL export of the canonical model: a versioned row schema and jsonl/csv/parquet writers."""

from finmsg.etl.schema import COLUMNS, SCHEMA_VERSION, rows_for
from finmsg.etl.writers import BUILTIN_EXPORTERS, Exporter, ExportItem, neutralise_cell

__all__ = [
    "BUILTIN_EXPORTERS",
    "COLUMNS",
    "SCHEMA_VERSION",
    "ExportItem",
    "Exporter",
    "neutralise_cell",
    "rows_for",
]
