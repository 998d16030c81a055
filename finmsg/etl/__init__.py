"""Flat ETL export of the canonical model: a versioned row schema and jsonl/csv/parquet writers."""

from finmsg.etl.schema import COLUMNS, SCHEMA_V2, SCHEMA_VERSION, SCHEMAS, rows_for
from finmsg.etl.writers import BUILTIN_EXPORTERS, Exporter, ExportItem, neutralise_cell

__all__ = [
    "BUILTIN_EXPORTERS",
    "COLUMNS",
    "SCHEMAS",
    "SCHEMA_V2",
    "SCHEMA_VERSION",
    "ExportItem",
    "Exporter",
    "neutralise_cell",
    "rows_for",
]
